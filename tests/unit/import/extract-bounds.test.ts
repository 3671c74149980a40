/**
 * Imports of hostile plain text end quickly in a result or a clear error (issue 15's probes):
 * each case is checked to finish well within 2 s, and what it stores to stay small.
 */
import { describe, expect, it } from 'vitest';
import { extractFile, extractPastedText, plainTextPageCount } from '../../../src/import/extract.ts';
import { MAX_PAGES } from '../../../src/import/limits.ts';
import type { PdfTextSource } from '../../../src/import/pdf-text.ts';
import type { DocumentId, PolicyDocument } from '../../../src/model/index.ts';
import { parseProjectFile, toProjectFile } from '../../../src/exchange/project-file.ts';
import { joinedWordAt } from '../../../src/text/normalise.ts';
import { importErrorText } from '../../../src/ui/messages.ts';
import { withCpuTimeAsync } from '../support/cpu-time.ts';

const noPdf: PdfTextSource = { extract: () => Promise.reject(new Error('no PDF here')) };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Awaits `fn` and returns its result with the CPU milliseconds spent (a hang bound: see support/cpu-time.ts). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const { value, cpuMs } = await withCpuTimeAsync(fn);
  return { value, ms: cpuMs };
}

describe('bounded plain-text imports', () => {
  for (const kb of [60, 200]) {
    it(`imports ${kb} KB of "q-" lines and saves a small project file that reads back`, async () => {
      const lines = Math.floor((kb * 1000) / 3);
      const { value: r, ms } = await timed(() => extractFile('q.txt', utf8('q-\n'.repeat(lines)), noPdf));
      if (!r.ok) throw new Error(r.error.reason);
      const id = 'd1' as DocumentId;
      const doc: PolicyDocument = {
        id,
        title: r.value.title,
        fileName: r.value.fileName,
        format: r.value.format,
        contentHash: 'h',
        pages: r.value.pages,
        charCount: r.value.text.length,
        meta: r.value.meta,
        report: r.value.report,
        createdAt: '2024-01-01T00:00:00.000Z',
      };
      const file = toProjectFile({ documents: [doc], texts: [{ documentId: id, text: r.value.text, blocks: r.value.blocks }], codebooks: [], fragments: [], searches: [], coders: [], settings: {}, hits: [] });
      const back = parseProjectFile(file);
      expect(ms).toBeLessThan(2000);
      // The project file grows with the joins (a page and an offset each, ~70 bytes as the file
      // is indented), not with joins × word length (which made 447 MB of a 60 KB file).
      expect(file.length).toBeLessThan(80 * lines);
      if (!('parsed' in back)) throw new Error(JSON.stringify(back.error));
      const joined = back.parsed.documents[0]!.report.joined!;
      expect(joined).toHaveLength(lines - 1);
      expect(joinedWordAt(back.parsed.texts[0]!.text, joined[0]!)).toMatchObject({ split: 1, cutAfter: true });
    });
  }

  it('refuses 10 MB of form feeds as too many pages, naming the count', async () => {
    const { value: r, ms } = await timed(() => extractFile('ff.txt', utf8('\f'.repeat(10_000_000) + 'tekst'), noPdf));
    expect(ms).toBeLessThan(2000);
    expect(r).toEqual({ ok: false, error: { file: 'ff.txt', reason: 'too-many-pages', detail: `10000001 pages > ${MAX_PAGES}` } });
    if (r.ok) return;
    expect(importErrorText('en', r.error)).toBe(`ff.txt: too many pages (10000001 pages > ${MAX_PAGES}). Worthmark reads documents of up to 20,000 pages; split the file.`);
    expect(importErrorText('nl', r.error)).toContain('te veel pagina’s');
  });

  it('refuses pasted text with too many pages too, and takes a file at the limit', async () => {
    expect(extractPastedText('a\f'.repeat(MAX_PAGES + 1), 'x')).toMatchObject({ ok: false, error: { reason: 'too-many-pages' } });
    const atLimit = await extractFile('ok.txt', utf8('a\f'.repeat(MAX_PAGES)), noPdf);
    expect(atLimit.ok && atLimit.value.pages.length).toBe(MAX_PAGES);
  });

  it('counts pages as splitPlainText makes them', () => {
    expect(plainTextPageCount('een')).toBe(1);
    expect(plainTextPageCount('een\ftwee')).toBe(2);
    expect(plainTextPageCount('een\ftwee\f  \n')).toBe(2);
    expect(plainTextPageCount('\f\f')).toBe(2);
  });
});
