/**
 * The extraction faults met on real-world PDFs (issue 14), each reproduced by a generated PDF
 * (tests/fixtures/make-pdf-faults.ts): on every fixture the keyword counts equal those of the text
 * the fixture drew, and the reading order (4-word sequences) is the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/model/document.ts';
import { extractFile } from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { compileQuery, findAll } from '../../../src/text/matcher.ts';
import { parseQuery } from '../../../src/text/query.ts';
import { joinedWordAt } from '../../../src/text/normalise.ts';
import { damagedPdf, FAULT_PDFS, wideGlyphPdf, type FaultPdf } from '../../fixtures/make-pdf-faults.ts';
import { keywordCounts, readingOrder, searchWords } from '../../fixtures/fidelity.ts';

const pdf = nodePdfSource();
const made = new Map<string, FaultPdf>();
const docs = new Map<string, ExtractedDocument>();

beforeAll(async () => {
  for (const [name, make] of Object.entries(FAULT_PDFS)) {
    if (name === 'wide-glyph') continue; // timed on its own below
    const fixture = await make();
    const r = await extractFile(`${name}.pdf`, fixture.bytes, pdf);
    if (!r.ok) throw new Error(`${name}: ${r.error.reason} ${r.error.detail ?? ''}`);
    made.set(name, fixture);
    docs.set(name, r.value);
  }
}, 60_000);

const blocksOf = (doc: ExtractedDocument): [string, string][] => doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end)]);
const count = (text: string, term: string): number => {
  const q = parseQuery(term);
  if (!('parsed' in q)) throw new Error(term);
  return findAll(text, compileQuery(q.parsed)).length;
};

describe('every fault fixture', () => {
  for (const name of Object.keys(FAULT_PDFS).filter((n) => n !== 'wide-glyph')) {
    it(`${name}: keyword counts equal the source's and the reading order is the source's`, () => {
      const fixture = made.get(name)!;
      const doc = docs.get(name)!;
      expect(keywordCounts(doc.text, fixture.keywords)).toEqual(keywordCounts(fixture.source, fixture.keywords));
      const order = readingOrder(fixture.source, doc.text);
      expect(order.recall, `missing: ${order.missing.join(' | ')}`).toBe(1);
      expect(order.precision, `extra: ${order.extra.join(' | ')}`).toBe(1);
    });
  }
});

describe('the faults, one by one', () => {
  it('reads two columns under a full-width block column by column, joining hyphens within a column', () => {
    const doc = docs.get('columns')!;
    const words = new Set(searchWords(made.get('columns')!.source));
    expect(doc.report.joinedHyphens).toBeGreaterThan(5);
    // Every joined word is a word of the source: nothing joined across the gutter ("informathat").
    for (const j of doc.report.joined ?? []) {
      const { word } = joinedWordAt(doc.text, j);
      expect(words.has(word.toLowerCase()), word).toBe(true);
    }
    expect(blocksOf(doc)[0]).toEqual(['heading', 'Internationale samenwerking in de culturele regio']);
  });

  it('reads word spaces drawn as control characters as spaces, and says so in the import report', () => {
    const doc = docs.get('control-spaces')!;
    expect(doc.text).toContain('Overview of the Technology Acceptance Model');
    expect(count(doc.text, '"Technology Acceptance Model"')).toBe(4);
    expect(doc.report.unmapped).toEqual([{ page: 1, count: expect.any(Number) }]);
  });

  it('joins words whose line-end hyphen pdf.js dropped, and keeps real hyphens', () => {
    const doc = docs.get('soft-hyphens')!;
    expect(doc.report.joinedHyphens).toBeGreaterThan(3);
    expect(doc.text).toContain('Noord-Brabant');
    expect(doc.text).toContain('kunst- en cultuursector');
    expect(doc.text).not.toMatch(/\u00AD/);
  });

  it('reads pages shown with /Rotate 90, 180 and 270, slanted text and a turned table in order, each on its page', () => {
    const doc = docs.get('rotated')!;
    const pageOf = (phrase: string): number => doc.pages.find((p) => doc.text.slice(p.start, p.end).includes(phrase))?.index ?? -1;
    expect(pageOf('Pagina met rotatie negentig')).toBe(1);
    expect(pageOf('Pagina met rotatie honderdtachtig')).toBe(2);
    expect(pageOf('Pagina met rotatie tweehonderdzeventig')).toBe(3);
    expect(pageOf('Schuine tekst over internationale uitwisseling met het buitenland')).toBe(3);
    expect(pageOf('Twente Grensland festival Duitsland')).toBe(4);
  });

  it('removes running lines that alternate between left and right pages, and page numbers', () => {
    const doc = docs.get('running-lines')!;
    expect(doc.text).not.toMatch(/VRIJE CULTUUR|vrijecultuur\.example/);
    const removed = doc.report.removed ?? [];
    expect(removed.filter((r) => /VRIJE CULTUUR/.test(r.text)).map((r) => r.page)).toEqual([2, 4, 8]);
    expect(removed.filter((r) => /vrijecultuur/.test(r.text)).map((r) => r.page)).toEqual([3, 5, 7, 9]);
    expect(removed.filter((r) => /^\d+$/.test(r.text))).toHaveLength(9);
  });

  it('makes headings only from typographic evidence and keeps short lines in their sentence', () => {
    expect(blocksOf(docs.get('headings')!).filter(([kind]) => kind === 'heading').map(([, t]) => t)).toEqual(['1 Digitalisering als kans', '2.5 Publiek', 'Inclusie', 'Publieksdata']);
    expect(docs.get('headings')!.text).toContain('Publiek dat niet naar de zaal kan');
  });

  it('turns bullets and dashes into list items without the marker, and keeps list numbers', () => {
    const doc = docs.get('lists')!;
    const items = blocksOf(doc).filter(([kind]) => kind === 'list-item');
    expect(items).toHaveLength(10);
    expect(doc.text).not.toMatch(/[•–]/);
    expect(items.slice(7).map(([, t]) => t.slice(0, 3))).toEqual(['1. ', '2. ', '3. ']);
  });

  it('keeps reference numbers apart from their word: visible, but not part of the word the search matches', () => {
    const doc = docs.get('footnotes')!;
    expect(doc.text).toContain('De Vereinsstatuten¹ regelen');
    expect(doc.text).toContain('ruim is.¹⁸');
    expect(count(doc.text, 'Vereinsstatuten')).toBe(1);
    expect(count(doc.text, 'samenwerking')).toBe(count(made.get('footnotes')!.source, 'samenwerking'));
  });

  it('recovers ligatures from glyph names and legacy private-use code points, and reports the one it cannot', () => {
    const doc = docs.get('ligatures')!;
    expect(doc.text).toContain('De financiering van het festival is flexibel en efficiënt.');
    expect(doc.text).toContain('Het fonds financiert de filmfestivals en de flankerende projecten.');
    expect(doc.text).toContain('The theatre finds fine figures.');
    expect(doc.report.unmapped).toEqual([{ page: 1, count: 1 }]);
  });

  it('imports a PDF with a glyph 99999999999 units wide within two seconds (bounded layout work)', async () => {
    const fixture = await wideGlyphPdf();
    const r = await extractFile('wide-glyph.pdf', fixture.bytes, pdf);
    expect(r.ok && keywordCounts(r.value.text, fixture.keywords)).toEqual(keywordCounts(fixture.source, fixture.keywords));
  }, 2_000);

  it('refuses a PDF damaged by a two-byte edit (XRefEntryException) as corrupt, naming the file', async () => {
    const r = await extractFile('beschadigd.pdf', await damagedPdf(), pdf);
    expect(r).toEqual({ ok: false, error: { file: 'beschadigd.pdf', reason: 'corrupt', detail: expect.stringMatching(/XRef/) } });
  });
});
