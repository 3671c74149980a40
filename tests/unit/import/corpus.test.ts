/**
 * Import of the real corpus PDFs (../shared/corpus) against their source texts (../shared/seeds).
 * Skips, saying why, when ../shared is not there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageAt, type ExtractedDocument } from '../../../src/model/document.ts';
import { extractFile } from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { normaliseText, splitPlainText } from '../../../src/text/normalise.ts';
import { wordAgreement } from '../../fixtures/word-agreement.ts';

const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const present = existsSync(shared + 'corpus') && existsSync(shared + 'seeds');
if (!present) console.log(`Skipping the corpus import tests: ${shared}corpus and ${shared}seeds are not there.`);

/**
 * Each corpus PDF, its seed text, and phrases known (from the PDF pages) to be on a page; a phrase
 * that the document quotes twice is looked up at its last occurrence when marked 'last'.
 */
const CASES: { pdf: string; seed: string; onPage: [string, number, 'last'?][] }[] = [
  { pdf: '000_749ee7563c0f55b6.pdf', seed: '000_749ee7563c0f55b6.txt', onPage: [['Nieuw onderzoek wijst uit', 1], ['publieksdiplomatie verbeteren', 2], ['Bouwt nieuwe relaties op in landen', 23]] },
  { pdf: '001_7ee1536df61b377d.pdf', seed: '001_7ee1536df61b377d.txt', onPage: [['architectonische iconen', 2], ['denkers en doeners', 69], ['glocalisering heeft een voor het bedrijfsleven', 137, 'last']] },
  { pdf: '002_639027a6d63e363d.pdf', seed: '002_639027a6d63e363d.txt', onPage: [['Strategische en richtinggevende kaders', 16], ['bovenlokale cultuurprojecten', 32]] },
  { pdf: '003_f715da27636ab65b.pdf', seed: '003_f715da27636ab65b.txt', onPage: [['kunstenarchieven via een landelijk platform', 17], ['sector wendbaarder en weerbaarder', 33]] },
  { pdf: '004_e6a9c10e11fd0f4f.pdf', seed: '004_e6a9c10e11fd0f4f.txt', onPage: [['Het verhaal van Flevoland', 9], ['drie stedelijke opgaven', 17]] },
  { pdf: '004-twocolumn.pdf', seed: '004_e6a9c10e11fd0f4f.txt', onPage: [['positioneert Rotterdam zich als proeftuin', 9]] },
];

const TERMS: [string, RegExp][] = [
  ['internationa…', /internationa\w*/g],
  ['buitenland…', /buitenland\w*/g],
  ['wereld…', /wereld\w*/g],
  ['grens/grenz…', /gren[sz]\w*/g],
  ['mondia…', /mondia\w*/g],
  ['globali…', /globali\w*/g],
];
const count = (text: string, re: RegExp): number => (text.toLowerCase().match(re) ?? []).length;

describe.skipIf(!present)('importing the corpus PDFs', () => {
  const pdf = nodePdfSource();
  const docs = new Map<string, ExtractedDocument>();

  beforeAll(async () => {
    for (const c of CASES) {
      const r = await extractFile(c.pdf, new Uint8Array(readFileSync(shared + 'corpus/' + c.pdf)), pdf);
      if (!r.ok) throw new Error(`${c.pdf}: ${r.error.reason} ${r.error.detail ?? ''}`);
      docs.set(c.pdf, r.value);
    }
  }, 120_000);

  for (const c of CASES) {
    describe(c.pdf, () => {
      it('finds as many thesis keywords as the source text after the same normalisation', () => {
        const seed = normaliseText(splitPlainText(readFileSync(shared + 'seeds/' + c.seed, 'utf8'))).text;
        const text = docs.get(c.pdf)!.text;
        for (const [name, re] of TERMS) expect(count(text, re), name).toBe(count(seed, re));
        expect(count(text, /internationa\w*/g)).toBeGreaterThan(0);
      });

      it('keeps at least 99.5 % of the source text\'s words, in order', () => {
        const seed = normaliseText(splitPlainText(readFileSync(shared + 'seeds/' + c.seed, 'utf8'))).text;
        const w = wordAgreement(seed, docs.get(c.pdf)!.text);
        expect(w.agreement, w.samples.join('\n')).toBeGreaterThanOrEqual(0.995);
      });

      it('puts known phrases on the right page', () => {
        const doc = docs.get(c.pdf)!;
        for (const [phrase, n, which] of c.onPage) {
          const at = which === 'last' ? doc.text.lastIndexOf(phrase) : doc.text.indexOf(phrase);
          expect(at, phrase).toBeGreaterThanOrEqual(0);
          expect(pageAt(doc.pages, at)!.index, phrase).toBe(n);
        }
      });

      it('has contiguous page ranges that cover the text', () => {
        const { pages, text } = docs.get(c.pdf)!;
        expect(pages[0]!.start).toBe(0);
        for (let i = 1; i < pages.length; i++) expect(pages[i]!.start).toBe(pages[i - 1]!.end);
        expect(pages[pages.length - 1]!.end).toBe(text.length);
        expect(pages.map((p) => p.index)).toEqual(pages.map((_, i) => i + 1));
      });

      it('has ordered, non-overlapping blocks inside the text', () => {
        const { blocks, text } = docs.get(c.pdf)!;
        let end = 0;
        for (const b of blocks) {
          expect(b.start).toBeGreaterThanOrEqual(end);
          expect(b.end).toBeGreaterThan(b.start);
          end = b.end;
        }
        expect(end).toBeLessThanOrEqual(text.length);
      });
    });
  }

  it('cuts no sentence by a block boundary without typographic evidence (lists any that it does)', () => {
    // A boundary inside a sentence: the block before ends without closing punctuation and the next
    // one starts in lower case. A list marker is evidence; a heading or paragraph break is not.
    const cuts: string[] = [];
    for (const [name, doc] of docs) {
      for (let i = 1; i < doc.blocks.length; i++) {
        const before = doc.text.slice(doc.blocks[i - 1]!.start, doc.blocks[i - 1]!.end);
        const next = doc.text.slice(doc.blocks[i]!.start, doc.blocks[i]!.end);
        if (doc.blocks[i]!.kind === 'list-item' || /[.!?:;…]["'’”)\]]*$/u.test(before) || !/^["'‘“(]?\p{Ll}/u.test(next)) continue;
        cuts.push(`${name}: ${doc.blocks[i - 1]!.kind} "…${before.slice(-50)}" | ${doc.blocks[i]!.kind} "${next.slice(0, 40)}…"`);
      }
    }
    expect(cuts).toEqual([]);
  });

  it('removes the running header and footer of the two-column print', () => {
    const doc = docs.get('004-twocolumn.pdf')!;
    expect(doc.report.removedLines.length).toBeGreaterThanOrEqual(9 * 2);
    expect(doc.text).not.toContain('file:///tmp/pdfgen');
    expect(doc.title).toBe("Aandachtspunten bij profielen van stedelijke regio's");
  });

  it('reads the two-column print column by column, not across the gutter', () => {
    const { text } = docs.get('004-twocolumn.pdf')!;
    // Page 1: the left column's paragraphs are whole, and the right column follows the left one.
    expect(text).toContain('Bij deze aanvraag vindt de Raad de profielen van vijftien stedelijke regio’s. In deze bijlage geven de overheden gezamenlijk aandachtspunten mee voor het advies.');
    const leftEnd = text.indexOf('Wel spreekt uit veel profielen de internationale dimensie van cultuur.');
    const rightStart = text.indexOf('Er is sprake van nieuwe dynamiek en werkwijze tussen overheden en het culturele veld.');
    expect(leftEnd).toBeGreaterThan(0);
    expect(rightStart).toBeGreaterThan(leftEnd);
    expect(text).not.toMatch(/stedelijke Er is sprake|regio’s werkwijze tussen/);
    expect(text).not.toContain('11/23/26');
  });

  it('joins the hyphenated line ends of the digitalisation advice', () => {
    const doc = docs.get('003_f715da27636ab65b.pdf')!;
    expect(doc.report.joinedHyphens).toBeGreaterThan(150);
    expect(doc.text).toContain('(internationale) uitwisseling');
    expect(doc.text).toContain('kunst- en cultuuruitingen');
  });
});
