/**
 * Documents whose text is missing (REFI-QDA sources without their text file): the round trip of
 * such a document through the project file and through .qdpx, with and without Worthmark's note.
 * Real file: ATLAS.ti's TestProject.qdpx (REFI-QDA 1.5 Annex A.2), whose Sources/ folder is empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, toProjectFile } from '../../../src/exchange/project-file.ts';
import { readQdpx, type ReadProject } from '../../../src/exchange/qdpx-read.ts';
import { SIDECAR_NOTE_NAME, toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { MISSING_CHAR } from '../../../src/text/missing-text.ts';
import { shared, validateQde, xsdUnavailable } from './qdpx-support.ts';

const atlas = shared + 'refi-qda/samples/refi-spec-annex-a2-atlasti/TestProject.qdpx';
const there = existsSync(atlas);
if (!there) console.log(`Skipping the text-missing round trips: ${atlas} is not there.`);
const noXsd = xsdUnavailable();

async function read(bytes: Uint8Array, name = 'x.qdpx'): Promise<ReadProject> {
  const r = await readQdpx(bytes, name);
  if ('error' in r) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r.parsed;
}
const sorted = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe.skipIf(!there)('a document whose text is missing', () => {
  it('comes back whole from the project file: the mark, the stand-in text, every passage at its place with its codes and coder', async () => {
    const p = await read(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    const back = parseProjectFile(toProjectFile(p.data));
    if ('error' in back) throw new Error(back.error.reason);
    expect(back.parsed.documents).toEqual(p.data.documents);
    expect(back.parsed.documents.every((d) => d.textMissing)).toBe(true);
    expect(back.parsed.texts).toEqual(p.data.texts);
    expect(sorted(back.parsed.fragments)).toEqual(sorted(p.data.fragments));
  });

  it('comes back whole from a .qdpx of it (valid against Project.xsd), which writes no text file for it', async () => {
    const p = await read(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    const qdpx = toQdpx(p.data, { lang: 'en', exportedAt: '2026-12-05T19:00:00.000Z' });
    const files = unzipSync(qdpx);
    expect(Object.keys(files).filter((f) => f.startsWith('sources/'))).toEqual([]);
    const xml = strFromU8(files['project.qde']!);
    if (!noXsd) expect(validateQde(xml)).toBe('');
    expect(xml).not.toContain('plainTextPath');
    // The stand-in is never given to other programs as text: only Worthmark's own note keeps it.
    expect(xml.replace(new RegExp(`<Note [^>]*name="${SIDECAR_NOTE_NAME}"[\\s\\S]*?</Note>`), '')).not.toContain(MISSING_CHAR);
    const back = await read(qdpx);
    expect(back.data.documents).toEqual(p.data.documents);
    expect(back.data.texts).toEqual(p.data.texts);
    expect(sorted(back.data.fragments)).toEqual(sorted(p.data.fragments));
  });

  it('comes back from a .qdpx without Worthmark\'s note (as another program would pass it on): same passages, same known quotes', async () => {
    const p = await read(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    const files = unzipSync(toQdpx(p.data, { lang: 'en', exportedAt: '2026-12-05T19:00:00.000Z' }));
    const xml = strFromU8(files['project.qde']!).replace(new RegExp(`<Note [^>]*name="${SIDECAR_NOTE_NAME}"[\\s\\S]*?</Note>`), '');
    expect(xml).not.toContain(SIDECAR_NOTE_NAME);
    const back = await read(zipSync({ 'project.qde': strToU8(xml) }));
    const textOf = (d: ReadProject['data'], source: string) => {
      const doc = d.documents.find((x) => x.textMissing?.source === source)!;
      return d.texts.find((t) => t.documentId === doc.id)!.text;
    };
    for (const d of p.data.documents) expect(textOf(back.data, d.textMissing!.source)).toBe(textOf(p.data, d.textMissing!.source));
    const key = (d: ReadProject['data']) =>
      d.fragments.map((f) => [f.id, f.anchor.start, f.anchor.end, f.anchor.exact, [...f.codes].sort(), f.coderId, f.memo].join('|')).sort();
    expect(key(back.data)).toEqual(key(p.data));
  });
});

const ornio = shared + 'refi-qda/samples/ornio-hand-authored/';
describe.skipIf(!existsSync(ornio))('a bare .qde given with its source files', () => {
  it('reads each source by its internal:// name from the files given (any case), and marks it "text missing" only without them', async () => {
    const { readProjectBytes } = await import('../../../src/exchange/project-reader.ts');
    const qde = new Uint8Array(readFileSync(ornio + 'project.qde'));
    const txt = new Uint8Array(readFileSync(ornio + 'sources/11111111-1111-1111-1111-111111111111.txt'));
    // As the app gives them: the files chosen beside the .qde, by their names, whatever their case.
    const given = new Map([['11111111-1111-1111-1111-111111111111.TXT'.toLowerCase(), txt]]);
    const withSources = await readProjectBytes(qde, 'project.qde', { sourceFile: (name) => given.get(name.toLowerCase()) });
    const without = await readProjectBytes(qde, 'project.qde');
    if ('error' in withSources || 'error' in without) throw new Error('not read');
    const interview = (p: typeof without.parsed) => p.data.documents.find((d) => d.title === 'Interview 1')!;
    expect(interview(withSources.parsed).textMissing).toBeUndefined();
    expect(withSources.parsed.data.fragments.map((f) => f.anchor.exact)).toEqual(['Diet and health', 'health are clo']);
    expect(interview(without.parsed).textMissing).toMatchObject({ source: 'Interview 1.txt' });
    // Without its text the passages are still there, at their positions. A name exactly as long as
    // its passage is its quote; "health are closely" over 14 characters is a label, not text.
    expect(without.parsed.data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.anchor.exact])).toEqual([
      [0, 15, 'Diet and health'],
      [9, 23, `health${MISSING_CHAR.repeat(8)}`],
    ]);
  });
});
