/**
 * The .qdpx export validates against REFI-QDA's Project.xsd (xmllint) for the sample project and
 * for a project with every PDF of ../shared/corpus; and it lays out the zip as §8 of the standard
 * says. Skips, saying why, when ../shared or xmllint is not there.
 */
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProject, type SampleBundle } from '../../../src/actions/bootstrap.ts';
import { exportQdpx, projectOriginals } from '../../../src/actions/exchange.ts';
import { importFiles } from '../../../src/actions/import-files.ts';
import { projectData } from '../../../src/actions/project.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { anchorFromRange } from '../../../src/model/fragment.ts';
import { freshDbs } from '../support/db.ts';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import { shared, validateQde, xsdUnavailable } from './qdpx-support.ts';

const here = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const pdf = nodePdfSource();
const codebook = (() => {
  const r = parseCodebook(readFileSync(here('codebooks/boltanski-thevenot.json'), 'utf8'));
  if ('error' in r) throw new Error(r.error.reason);
  return r.parsed;
})();
const sample: SampleBundle = {
  fileName: 'regioprofiel-rivierenland-oost.pdf',
  bytes: async () => new Uint8Array(readFileSync(here('samples/regioprofiel-rivierenland-oost.pdf'))),
  searchName: 'thesis terms',
  terms: readFileSync(here('samples/thesis-terms.txt'), 'utf8'),
  codings: JSON.parse(readFileSync(here('samples/sample-codings.json'), 'utf8')).codings,
};
const freshDb = freshDbs('qdpx-export');
const noXsd = xsdUnavailable();
if (noXsd) console.log(`Skipping the REFI-QDA schema checks: ${noXsd}.`);

const small = (() => {
  const r = parseProjectFile(readFileSync(here('tests/fixtures/projects/small.worthmark.json'), 'utf8'));
  if ('error' in r) throw new Error(r.error.reason);
  return r.parsed;
})();

describe('exporting a REFI-QDA project (.qdpx)', () => {
  it('lays out project.qde and sources/<GUID>.txt, one text per document, UTF-8', () => {
    const zip = unzipSync(toQdpx(small, { lang: 'nl', exportedAt: '2024-05-01T12:00:00.000Z' }));
    expect(Object.keys(zip).filter((p) => p.endsWith('.qde'))).toEqual(['project.qde']);
    const txt = Object.keys(zip).filter((p) => /^sources\/[0-9a-f-]{36}\.txt$/.test(p));
    expect(txt).toHaveLength(small.documents.length);
    const xml = strFromU8(zip['project.qde']!);
    for (const path of txt) expect(xml).toContain(`plainTextPath="internal://${path.slice('sources/'.length)}"`);
    expect(txt.map((p) => strFromU8(zip[p]!)).sort()).toEqual(small.texts.map((t) => t.text).sort());
    // Exporting twice gives the same bytes for the same time: GUIDs are derived, not random.
    expect(toQdpx(small, { lang: 'nl', exportedAt: '2024-05-01T12:00:00.000Z' })).toEqual(toQdpx(small, { lang: 'nl', exportedAt: '2024-05-01T12:00:00.000Z' }));
  });

  it.skipIf(noXsd)('of the small fixture validates against Project.xsd', () => {
    const zip = unzipSync(toQdpx(small, { lang: 'en' }));
    expect(validateQde(zip['project.qde']!)).toBe('');
  });

  it.skipIf(noXsd)('of the sample project validates against Project.xsd and carries the sample PDF', async () => {
    const db = freshDb();
    await ensureProject(db, codebook, pdf, sample);
    const { fileName, content } = await exportQdpx(db, 'nl');
    expect(fileName).toMatch(/\.qdpx$/);
    const zip = unzipSync(content);
    expect(validateQde(zip['project.qde']!)).toBe('');
    const pdfs = Object.keys(zip).filter((p) => p.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    expect(zip[pdfs[0]!]).toEqual(new Uint8Array(readFileSync(here('samples/regioprofiel-rivierenland-oost.pdf'))));
    const xml = strFromU8(zip['project.qde']!);
    expect((xml.match(/<PlainTextSelection /g) ?? []).length).toBe((await projectData(db)).fragments.length);
  });
});

const corpus = existsSync(shared + 'corpus') ? readdirSync(shared + 'corpus').filter((f) => f.endsWith('.pdf')).sort() : [];
if (corpus.length === 0) console.log(`Skipping the corpus .qdpx check: ${shared}corpus is not there.`);

describe.skipIf(noXsd || corpus.length === 0)('exporting the six corpus PDFs as .qdpx', () => {
  // One database for the describe (freshDbs closes its databases after each test).
  const db = new WorthmarkDb('qdpx-corpus');
  afterAll(() => db.close());
  beforeAll(async () => {
    const results = await importFiles(
      db,
      pdf,
      corpus.map((f) => ({ name: f, bytes: async () => new Uint8Array(readFileSync(shared + 'corpus/' + f)) })),
    );
    // The corpus holds two files with the same text in other layouts; both must be there.
    expect(results.filter((r) => r.ok)).toHaveLength(corpus.length);
    // Code a few sentences in every document, with two regimes, a flag and a memo here and there.
    const data = await projectData(db);
    const coder = { id: 'c-1', name: 'Test', initials: 'T' };
    await db.coders.put(coder as never);
    let n = 0;
    for (const t of data.texts) {
      for (let start = 100; start + 120 < t.text.length && start < 20_000; start += 2_500) {
        await db.fragments.put({
          id: `f-${++n}`,
          documentId: t.documentId,
          anchor: anchorFromRange(t.text, start, start + 120),
          codes: n % 3 === 0 ? ['civic', 'market'] : ['inspired'],
          values: [],
          flags: n % 5 === 0 ? ['glocalisation'] : [],
          memo: n % 4 === 0 ? `memo <${n}> & "quoted"` : '',
          coderId: 'c-1',
          createdAt: '2024-05-01T12:00:00.000Z',
          updatedAt: '2024-05-02T12:00:00.000Z',
        } as never);
      }
    }
    await db.codebooks.put(codebook);
  }, 120_000);

  it('validates against Project.xsd, with every original PDF as a PDFSource', async () => {
    const originals = await projectOriginals(db);
    const content = toQdpx(await projectData(db), { lang: 'en', originals });
    const zip = unzipSync(content);
    const xml = strFromU8(zip['project.qde']!);
    expect(validateQde(xml)).toBe('');
    expect((xml.match(/<PDFSource /g) ?? []).length).toBe(corpus.length);
    expect(Object.keys(zip).filter((p) => p.endsWith('.pdf'))).toHaveLength(corpus.length);
    expect((xml.match(/<PlainTextSelection /g) ?? []).length).toBeGreaterThan(20);
  });
});
