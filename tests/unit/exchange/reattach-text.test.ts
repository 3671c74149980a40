/**
 * Attaching the missing text of a document read from ATLAS.ti's TestProject.qdpx (REFI-QDA 1.5
 * Annex A.2; its Sources/ folder is empty): positions kept by code point, CRLF counted as ATLAS.ti
 * does, quotes that do not match listed and left in place, a text too short refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readQdpx, type ReadProject } from '../../../src/exchange/qdpx-read.ts';
import { isSourceFile, planTextAttach } from '../../../src/exchange/reattach-text.ts';
import { MISSING_CHAR } from '../../../src/text/missing-text.ts';
import { shared } from './qdpx-support.ts';

const atlas = shared + 'refi-qda/samples/refi-spec-annex-a2-atlasti/TestProject.qdpx';
const there = existsSync(atlas);
if (!there) console.log(`Skipping the attach tests on ATLAS.ti's file: ${atlas} is not there.`);

async function simon() {
  const r = await readQdpx(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
  if ('error' in r) throw new Error(r.error.reason);
  const p: ReadProject = r.parsed;
  const doc = p.data.documents.find((d) => d.textMissing?.source === 'Simon.docx')!;
  const standIn = p.data.texts.find((t) => t.documentId === doc.id)!.text;
  const fragments = p.data.fragments.filter((f) => f.documentId === doc.id);
  return { doc, standIn, fragments };
}

/** A text that agrees with the stand-in where it knows the text: every unknown character from `filler`, in turn. */
function realText(standIn: string, filler: string): string {
  let k = 0;
  return Array.from(standIn, (c) => (c === MISSING_CHAR ? filler[k++ % filler.length]! : c)).join('');
}

describe.skipIf(!there)('attaching a missing text', () => {
  it('keeps every passage at its code-point position, also past characters outside the BMP and CRLF line ends counted as ATLAS.ti counts them', async () => {
    const { doc, standIn, fragments } = await simon();
    expect(fragments).toHaveLength(3);
    // The file's text: what is known where it is known, words elsewhere; a line end (CRLF, one
    // character for ATLAS.ti) and an emoji (one code point, two UTF-16 units) early on.
    const lines = realText(standIn, 'breakfast toast ').split('');
    lines.splice(10, 1, '\r\n');
    lines.splice(20, 1, '🍳');
    const raw = '\uFEFF' + lines.join('') + ' and the rest of the interview.';
    const r = planTextAttach(standIn, fragments, raw, { origin: doc.textMissing!.origin });
    if ('error' in r) throw new Error(r.error.reason);
    const plan = r.parsed;
    expect(plan.crlfAsOne).toBe(true);
    expect(plan.text.startsWith(raw.slice(1, 11).replace('\r', ''))).toBe(true);
    expect(plan.checked).toBe(2); // the passage named with a label ("damage done by fatty foods") has no known quote
    expect(plan.mismatched).toEqual([]);
    const byId = new Map(plan.fragments.map((f) => [f.id as string, f]));
    // [215, 275) in code points; in the stored text: +1 for the emoji's second unit (the CRLF is one character either way).
    expect(byId.get('789a62d6-a2ad-4b59-ab90-ef1d4ab1868f')!.anchor).toMatchObject({ start: 216, end: 276, exact: 'I did try the gluten free bread, but it was always so soggy,' });
    expect(byId.get('63e009f1-5c33-4568-b65d-53a7e28bdbc1')!.anchor).toMatchObject({ start: 689, end: 908 });
    const big = byId.get('f4e8ff7e-1e00-4112-add1-37f087bb8598')!;
    expect([big.anchor.start, big.anchor.end]).toEqual([514, 908]);
    expect(big.anchor.exact.startsWith('But to be honest, I used to have a much bigger breakfast')).toBe(true);
    expect(big.anchor.exact).not.toContain(MISSING_CHAR);
    // Codes, coder and times are untouched.
    for (const f of plan.fragments) {
      const before = fragments.find((x) => x.id === f.id)!;
      expect({ ...f, anchor: before.anchor }).toEqual(before);
    }
  });

  it('lists a passage whose known quote is not the text at its position, and leaves it there', async () => {
    const { standIn, fragments } = await simon();
    const raw = realText(standIn, 'words ').replace('always so soggy,', 'always so stale,');
    const r = planTextAttach(standIn, fragments, raw);
    if ('error' in r) throw new Error(r.error.reason);
    expect(r.parsed.checked).toBe(2);
    expect(r.parsed.mismatched).toEqual([
      {
        fragmentId: '789a62d6-a2ad-4b59-ab90-ef1d4ab1868f',
        known: 'I did try the gluten free bread, but it was always so soggy,',
        found: 'I did try the gluten free bread, but it was always so stale,',
      },
    ]);
    const moved = r.parsed.fragments.find((f) => f.id === '789a62d6-a2ad-4b59-ab90-ef1d4ab1868f')!;
    expect([moved.anchor.start, moved.anchor.end]).toEqual([215, 275]);
  });

  it('lists a passage shifted by a different text, instead of moving it to where its quote is', async () => {
    const { standIn, fragments } = await simon();
    const raw = 'A new first line.\n' + realText(standIn, 'words ');
    const r = planTextAttach(standIn, fragments, raw);
    if ('error' in r) throw new Error(r.error.reason);
    expect(r.parsed.mismatched.map((m) => m.fragmentId).sort()).toEqual(['789a62d6-a2ad-4b59-ab90-ef1d4ab1868f', 'f4e8ff7e-1e00-4112-add1-37f087bb8598']);
    for (const f of r.parsed.fragments) expect(f.anchor.start).toBe(fragments.find((x) => x.id === f.id)!.anchor.start);
  });

  it('refuses a text that ends before the passages do', async () => {
    const { standIn, fragments } = await simon();
    expect(planTextAttach(standIn, fragments, 'Too short.')).toEqual({ error: { reason: 'text-too-short', length: 10, needed: 907 } });
  });

  it('matches a file to its missing source by name, also by another extension, case or Unicode form', () => {
    expect(isSourceFile('Simon.docx', 'Simon.docx')).toBe(true);
    expect(isSourceFile('/home/me/sources/simon.TXT', 'Simon.docx')).toBe(true);
    expect(isSourceFile('Mabêl 2ième.txt'.normalize('NFC'), 'Mabêl 2ième.txt'.normalize('NFD'))).toBe(true);
    expect(isSourceFile('Mabel.txt', 'Mabêl 2ième.txt')).toBe(false);
    expect(isSourceFile('Simon 2.docx', 'Simon.docx')).toBe(false);
  });
});
