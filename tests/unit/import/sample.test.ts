/** The bundled sample project: its PDF must import with the same text as its source. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageAt, type ExtractedDocument } from '../../../src/model/document.ts';
import { extractFile } from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const NAME = 'regioprofiel-rivierenland-oost';
const KEYWORDS = /internationa\w*|buitenland\w*|wereld\w*|gren[sz]\w*|mondia\w*|globali\w*/g;

describe('the sample regional profile', () => {
  let pdf: ExtractedDocument;
  let txt: ExtractedDocument;

  beforeAll(async () => {
    const source = nodePdfSource();
    const p = await extractFile(`${NAME}.pdf`, new Uint8Array(readFileSync(`${samples}${NAME}.pdf`)), source);
    const t = await extractFile(`${NAME}.txt`, new Uint8Array(readFileSync(`${samples}${NAME}.txt`)), source);
    if (!p.ok || !t.ok) throw new Error('the sample did not import');
    pdf = p.value;
    txt = t.value;
  });

  it('imports from PDF with the same text as its source file, its bullets read as list structure', () => {
    expect(pdf.text).toBe(txt.text.replace(/(^|\n\n)• /g, '$1'));
  });

  it('has at least five pages and the title from the PDF', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
    expect(pdf.title).toBe('Regioprofiel Cultuur 2025–2028: Cultuurregio Rivierenland-Oost');
  });

  it('holds 15 to 25 thesis keywords', () => {
    const n = (pdf.text.toLowerCase().match(KEYWORDS) ?? []).length;
    expect(n).toBeGreaterThanOrEqual(15);
    expect(n).toBeLessThanOrEqual(25);
  });

  it('demonstrates hyphen joining and running-line removal', () => {
    expect(pdf.report.joinedHyphens).toBeGreaterThanOrEqual(1);
    expect(pdf.report.removedLines).toContain('Regioprofiel Cultuur 2025–2028 · Cultuurregio Rivierenland-Oost');
    expect(pdf.text).not.toContain('·');
  });

  it('puts the title on page 1 and the closing chapter on the last page', () => {
    expect(pageAt(pdf.pages, pdf.text.indexOf('Cultuurregio Rivierenland-Oost'))!.index).toBe(1);
    expect(pageAt(pdf.pages, pdf.text.indexOf('11 Tot slot'))!.index).toBe(pdf.pages.length);
    expect(pageAt(pdf.pages, pdf.text.indexOf('1 Inleiding'))!.index).toBe(2);
  });

  it('keeps the list of ambitions as list items', () => {
    const items = pdf.blocks.filter((b) => b.kind === 'list-item');
    expect(items).toHaveLength(5);
    expect(pdf.text.slice(items[0]!.start, items[0]!.end)).toMatch(/^een regionaal programmeringsoverleg .* afstemmen;$/);
  });
});
