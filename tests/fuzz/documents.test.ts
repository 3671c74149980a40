import fc from 'fast-check';
import { describe, it } from 'vitest';
import { extractFile } from '../../src/import/extract.ts';
import type { ExtractedDocument } from '../../src/model/document.ts';
import { nodePdfSource } from '../../src/import/pdf-node.ts';
import type { PdfTextSource } from '../../src/import/pdf-text.ts';
import { docxFile, textPdf } from '../fixtures/make-fixtures.ts';
import { fuzz, RUNS, type Outcome } from './harness.ts';
import { layoutInconsistency } from './project-rules.ts';

/** What every extracted document must be: the import's output is what a project file must accept. */
function inconsistency(d: ExtractedDocument): string | null {
  return layoutInconsistency(d.text, d.pages, d.blocks, d.report);
}

const noPdf: PdfTextSource = { extract: () => Promise.reject(new Error('not a PDF test')) };

async function extract(name: string, bytes: Uint8Array, pdf: PdfTextSource = noPdf): Promise<Outcome> {
  const r = await extractFile(name, bytes, pdf);
  if (!r.ok) return { kind: 'error' };
  const why = inconsistency(r.value);
  return why ? { kind: 'silent', why } : { kind: 'value' };
}

/** Text as policy documents have it, and worse: hyphens at line ends, form feeds, long words, odd spaces. */
const policyText = fc
  .array(
    fc.oneof(
      fc.constantFrom('internatio-\nnale ', 'kunst- en cultuur', '\f', '\n\n', '\r\n', ' — ', '\u00AD', '\u00A0', 'ﬁ', '• ', '1. ', 'Noord-\nBrabant', 'q-\n', '\t'),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.integer({ min: 1, max: 5_000 }).map((n) => 'w'.repeat(n)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('fuzzing the document readers', () => {
  it('reads .txt files: random text and random bytes', { timeout: 600_000 }, async () => {
    const arb = fc.oneof(
      policyText.map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 2_000 }),
      policyText.map((s) => {
        // UTF-16 with a byte order mark.
        const out = new Uint8Array(2 + s.length * 2);
        out.set([0xff, 0xfe]);
        for (let i = 0; i < s.length; i++) (out[2 + 2 * i] = s.charCodeAt(i) & 0xff), (out[3 + 2 * i] = s.charCodeAt(i) >> 8);
        return out;
      }),
    );
    await fuzz('.txt', arb, (bytes) => extract('fuzz.txt', bytes));
  });

  it('reads .docx files: a real one with random bytes changed, cut or added, and random bytes', { timeout: 600_000 }, async () => {
    const docx = await docxFile();
    const arb = fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: docx.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
        const b = docx.slice();
        for (const [at, v] of edits) b[at] = v;
        return b;
      }),
      fc.nat({ max: docx.length }).map((n) => docx.slice(0, n)),
      fc.uint8Array({ maxLength: 2_000 }),
    );
    await fuzz('.docx', arb, (bytes) => extract('fuzz.docx', bytes));
  });

  it('reads PDF bytes: a real one with random bytes changed, cut or added', { timeout: 900_000 }, async () => {
    const pdf = await textPdf('Fuzz');
    const source = nodePdfSource();
    const arb = fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: pdf.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
        const b = pdf.slice();
        for (const [at, v] of edits) b[at] = v;
        return b;
      }),
      fc.nat({ max: pdf.length }).map((n) => pdf.slice(0, n)),
      fc.tuple(fc.nat({ max: pdf.length }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, extra]) => {
        const b = new Uint8Array(pdf.length + extra.length);
        b.set(pdf.subarray(0, at));
        b.set(extra, at);
        b.set(pdf.subarray(at), at + extra.length);
        return b;
      }),
    );
    // pdf.js takes tens of milliseconds a file: half the cases of the other readers in `npm test`.
    await fuzz('PDF bytes', arb, (bytes) => extract('fuzz.pdf', bytes, source), { boundMs: 10_000, runs: process.env.FUZZ_RUNS ? RUNS : Math.ceil(RUNS / 2) });
  });
});
