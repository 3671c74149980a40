import { describe, expect, it } from 'vitest';
import { pageAt } from '../../../src/model/document.ts';
import { joinedWordAt } from '../../../src/text/normalise.ts';
import {
  baseName,
  contentHash,
  decodeText,
  extractFile,
  formatOf,
  isSensibleTitle,
} from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { PdfTextError, type PdfExtraction, type PdfTextSource } from '../../../src/import/pdf-text.ts';
import type { LayoutLine } from '../../../src/import/layout.ts';
import { brokenDocx, docxFile, encryptedPdf, imageOnlyPdf, LABELLED_WORDS, labelledPdf, textPdf, truncatedPdf, twoColumnPdf } from '../../fixtures/make-fixtures.ts';
import { citePage, pageWithIndex } from '../../../src/model/document.ts';
import { extractPastedText, PASTED_FILE_NAME } from '../../../src/import/extract.ts';

const pdf = nodePdfSource();
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A PdfTextSource that must not be called (for .txt and early failures). */
const noPdf: PdfTextSource = {
  extract: () => Promise.reject(new Error('the PDF source should not be used')),
};
const fakePdf = (extraction: PdfExtraction): PdfTextSource => ({ extract: async () => extraction });
/** A laid-out line of a fake PDF page. */
const laid = (text: string, y = 700): LayoutLine => ({ text, flow: 0, x0: 50, x1: 50 + 5 * text.length, y, textX0: 50, pos: 0.5, angle: 0, size: 10, font: 'f', firstWord: 20, space: 3 });

describe('extractFile on text files', () => {
  it('reads UTF-8 text as one page labelled 1', async () => {
    const r = await extractFile('nota.txt', utf8('Cultuur in de regio\n\nDe regio werkt internationaal samen.'), noPdf);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ title: 'nota', fileName: 'nota.txt', format: 'txt', meta: {} });
    expect(r.value.text).toBe('Cultuur in de regio\n\nDe regio werkt internationaal samen.');
    expect(r.value.pages).toEqual([{ index: 1, label: '1', start: 0, end: r.value.text.length }]);
    expect(r.value.report).toEqual({ joinedHyphens: 0, joined: [], removedLines: [], pageCount: 1 });
  });

  it('skips a UTF-8 byte order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Één regel')]);
    const r = await extractFile('bom.txt', bytes, noPdf);
    expect(r.ok && r.value.text).toBe('Één regel');
  });

  it('reads UTF-16 with a byte order mark, little- and big-endian', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0xe9, 0x00, 0x6e, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x45, 0x00, 0xe9, 0x00, 0x6e]);
    expect(decodeText(le)).toBe('Eén');
    expect(decodeText(be)).toBe('Eén');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    // "Café – één €" in Windows-1252.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0xe9, 0xe9, 0x6e, 0x20, 0x80]);
    const r = await extractFile('oud.txt', bytes, noPdf);
    expect(r.ok && r.value.text).toBe('Café – één €');
  });

  it('splits pages at form feeds and finds words on their page', async () => {
    const r = await extractFile('pages.TXT', utf8('eerste pagina\fde tweede pagina\fderde'), noPdf);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pages.map((p) => p.label)).toEqual(['1', '2', '3']);
    expect(pageAt(r.value.pages, r.value.text.indexOf('tweede'))!.index).toBe(2);
    expect(pageAt(r.value.pages, r.value.text.indexOf('derde'))!.index).toBe(3);
  });

  it('joins hyphenated line ends and counts them in the report', async () => {
    const r = await extractFile('h.txt', utf8('de internatio-\nnale samenwerking in Noord-\nBrabant'), noPdf);
    expect(r.ok && r.value.text).toBe('de internationale samenwerking in Noord-Brabant');
    expect(r.ok && r.value.report.joinedHyphens).toBe(1);
    // Listed for checking, by reference: where in the text the line broke, and the page.
    expect(r.ok && r.value.report.joined).toEqual([{ page: 1, at: 'de internatio'.length }]);
  });

  it('lists every join with its page, so each can be checked against the original', async () => {
    const r = await extractFile('h.txt', utf8('De ‘cultuur-\nsector’ groeit.\fOver de gren-\nzen heen werkt men sa-\nmen.'), noPdf);
    if (!r.ok) throw new Error(r.error.reason);
    const text = r.value.text;
    expect(r.value.report.joined!.map((j) => ({ page: j.page, ...joinedWordAt(text, j) }))).toEqual([
      { page: 1, word: 'cultuursector', split: 'cultuur'.length, cutBefore: false, cutAfter: false },
      { page: 2, word: 'grenzen', split: 'gren'.length, cutBefore: false, cutAfter: false },
      { page: 2, word: 'samen', split: 2, cutBefore: false, cutAfter: false },
    ]);
    expect(r.value.report.joinedHyphens).toBe(3);
  });

  it('calls a text file with only whitespace empty', async () => {
    const r = await extractFile('leeg.txt', utf8(' \n\n \t\n'), noPdf);
    expect(r).toEqual({ ok: false, error: { file: 'leeg.txt', reason: 'empty' } });
  });
});

describe('extractFile failures', () => {
  it('refuses an unsupported extension, naming the file', async () => {
    expect(await extractFile('profiel.odt', utf8('x'), noPdf)).toEqual({
      ok: false,
      error: { file: 'profiel.odt', reason: 'unsupported-type' },
    });
    expect(await extractFile('zonder-extensie', utf8('x'), noPdf)).toMatchObject({ ok: false, error: { reason: 'unsupported-type' } });
  });

  it('refuses an empty file', async () => {
    expect(await extractFile('leeg.pdf', new Uint8Array(0), noPdf)).toEqual({ ok: false, error: { file: 'leeg.pdf', reason: 'empty' } });
  });

  it('refuses a file over the size limit', async () => {
    const r = await extractFile('groot.txt', utf8('x'.repeat(2000)), noPdf, { maxBytes: 1000 });
    expect(r).toMatchObject({ ok: false, error: { file: 'groot.txt', reason: 'too-large' } });
  });

  it('names the file without its folders', async () => {
    const r = await extractFile('/home/ana/profielen/leeg.pdf', new Uint8Array(0), noPdf);
    expect(r).toMatchObject({ ok: false, error: { file: 'leeg.pdf' } });
  });

  it('reports a truncated PDF as corrupt', async () => {
    const r = await extractFile('afgebroken.pdf', await truncatedPdf(), pdf);
    expect(r).toMatchObject({ ok: false, error: { file: 'afgebroken.pdf', reason: 'corrupt' } });
  });

  it('reports bytes that are no PDF at all as corrupt', async () => {
    const r = await extractFile('nep.pdf', utf8('Dit is geen PDF maar gewone tekst.'), pdf);
    expect(r).toMatchObject({ ok: false, error: { file: 'nep.pdf', reason: 'corrupt' } });
  });

  it('reports a PDF without a text layer as no-text', async () => {
    const r = await extractFile('scan.pdf', await imageOnlyPdf(), pdf);
    expect(r).toMatchObject({ ok: false, error: { file: 'scan.pdf', reason: 'no-text' } });
  });

  it('reports a password-protected PDF as encrypted', async () => {
    const r = await extractFile('geheim.pdf', await encryptedPdf(), pdf);
    expect(r).toMatchObject({ ok: false, error: { file: 'geheim.pdf', reason: 'encrypted' } });
  });

  it('passes a failure reason from the PDF source through', async () => {
    const failing: PdfTextSource = { extract: () => Promise.reject(new PdfTextError('encrypted', 'No password given')) };
    const r = await extractFile('x.pdf', utf8('%PDF-1.7'), failing);
    expect(r).toEqual({ ok: false, error: { file: 'x.pdf', reason: 'encrypted', detail: 'No password given' } });
  });

  it('turns an unexpected error of the PDF source into read-error', async () => {
    const failing: PdfTextSource = { extract: () => Promise.reject(new TypeError('boom')) };
    const r = await extractFile('x.pdf', utf8('%PDF-1.7'), failing);
    expect(r).toMatchObject({ ok: false, error: { file: 'x.pdf', reason: 'read-error', detail: 'boom' } });
  });

  it('rejects with the abort reason when aborted, instead of returning an error', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(extractFile('a.pdf', await textPdf(), pdf, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('extractFile on PDFs', () => {
  it('reads a generated PDF with its pages and reports progress per page', async () => {
    const progress: [number, number][] = [];
    const r = await extractFile('drie.pdf', await textPdf(), pdf, { onProgress: (p, n) => progress.push([p, n]) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(r.value.format).toBe('pdf');
    expect(r.value.title).toBe('drie');
    expect(r.value.pages.map((p) => [p.index, p.label])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ]);
    for (const n of [1, 2, 3]) expect(pageAt(r.value.pages, r.value.text.indexOf(`paginawoord${n}`))!.index).toBe(n);
    expect(r.value.report.pageCount).toBe(3);
  });

  it('takes a sensible PDF title and otherwise the file name', async () => {
    const titled = await extractFile('x.pdf', await textPdf('Regioprofiel Cultuur'), pdf);
    expect(titled.ok && titled.value.title).toBe('Regioprofiel Cultuur');
    const placeholder = await extractFile('nota 2024.pdf', await textPdf('Microsoft Word - nota.docx'), pdf);
    expect(placeholder.ok && placeholder.value.title).toBe('nota 2024');
  });

  it('uses the PDF page labels and falls back to the page number for missing ones', async () => {
    const r = await extractFile(
      'labels.pdf',
      utf8('%PDF'),
      fakePdf({
        pageCount: 3,
        pageLabels: ['i', '', '1'],
        pages: [
          { index: 1, lines: [laid('Voorwoord van de wethouder.')], unmapped: 0 },
          { index: 2, lines: [laid('Inhoud van het profiel.')], unmapped: 0 },
          { index: 3, lines: [laid('Inleiding tot het profiel.')], unmapped: 0 },
        ],
      }),
    );
    expect(r.ok && r.value.pages.map((p) => p.label)).toEqual(['i', '2', '1']);
  });

  it("takes the year from the PDF's creation date and marks it as unconfirmed", async () => {
    const page = { index: 1, lines: [laid('Regioprofiel met een jaartal.')], unmapped: 0 };
    const dated = await extractFile('x.pdf', utf8('%PDF'), fakePdf({ pageCount: 1, pageLabels: null, pages: [page], year: 2019 }));
    expect(dated.ok && dated.value.meta).toEqual({ year: 2019, yearFromFile: true });
    const undated = await extractFile('y.pdf', utf8('%PDF'), fakePdf({ pageCount: 1, pageLabels: null, pages: [page] }));
    expect(undated.ok && undated.value.meta).toEqual({});
  });

  it('does not detach the caller\'s bytes', async () => {
    const bytes = await textPdf();
    const length = bytes.byteLength;
    await extractFile('a.pdf', bytes, pdf);
    expect(bytes.byteLength).toBe(length);
  });
});

describe('extractFile on generated PDFs with page labels and running lines', () => {
  it('cites the printed page labels of a PDF, with the PDF page number beside them', async () => {
    const r = await extractFile('labels.pdf', await labelledPdf(), pdf);
    if (!r.ok) throw new Error(r.error.reason);
    // By PDF index (as the import report lists lines), also for an index without a page in the text.
    expect(citePage(pageWithIndex(r.value.pages, 3))).toBe('1 (PDF 3)');
    expect(citePage(pageWithIndex(r.value.pages, 9))).toBe('9');
    expect(r.value.pages.map((p) => p.label)).toEqual(['i', 'ii', '1', '2']);
    const page = pageAt(r.value.pages, r.value.text.indexOf(LABELLED_WORDS[2]))!;
    expect(citePage(page)).toBe('1 (PDF 3)');
    expect(r.value.report.pageLabelsFromFile).toBe(true);
  });

  it('cites plain page numbers alone when the labels equal the PDF page numbers', () => {
    expect(citePage({ index: 7, label: '7', start: 0, end: 1 })).toBe('7');
  });

  it('reports each removed header and footer line with its page and edge', async () => {
    const r = await extractFile('twee.pdf', await twoColumnPdf(), pdf);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.report.removed).toContainEqual({ page: 3, edge: 'top', text: 'Regioprofiel Twente 2021-2024' });
    expect(r.value.report.removed).toContainEqual({ page: 3, edge: 'bottom', text: 'Pagina 3 van 5' });
    expect(r.value.report.removed).toHaveLength(10);
    expect(r.value.text).not.toContain('Regioprofiel Twente 2021-2024');
    // Column order: each page's left column, then its right column.
    const order = [1, 2, 3].flatMap((n) => [`linkswoord${n}`, `rechtswoord${n}`]).map((w) => r.value.text.indexOf(w));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('keeps running lines in the text when asked, and counts them as kept', async () => {
    const r = await extractFile('twee.pdf', await twoColumnPdf(), pdf, { keepRunningLines: true });
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.text).toContain('Regioprofiel Twente 2021-2024');
    expect(r.value.report).toMatchObject({ removedLines: [], removed: [], keptRunningLines: 10 });
  });
});

describe('extractFile on Word files and pasted text', () => {
  it('reads a .docx file paragraph by paragraph', async () => {
    const r = await extractFile('Zeeland.docx', await docxFile(), noPdf);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.format).toBe('docx');
    expect(r.value.text).toBe(
      'Cultuurprofiel Zeeland\n\nDe regio werkt internationaal samen met partners in Vlaanderen.\n\nKunst- en cultuursector & erfgoed krijgen een impuls.\n\nEerste punt over de grens\n\nTweede punt over uitwisseling',
    );
    expect(r.value.blocks[0]!.kind).toBe('heading');
  });

  it('reports a .docx file that is not a Word document as corrupt', async () => {
    const r = await extractFile('nep.docx', brokenDocx(), noPdf);
    expect(r.ok ? 'ok' : r.error).toMatchObject({ file: 'nep.docx', reason: 'corrupt' });
  });

  it('normalises pasted text like a text file and names it by its title', () => {
    const r = extractPastedText('De internatio-\nnale samenwerking\u00A0groeit.', 'Notitie');
    expect(r.ok && r.value).toMatchObject({ title: 'Notitie', fileName: PASTED_FILE_NAME, format: 'txt', text: 'De internationale samenwerking groeit.' });
  });

  it('refuses pasted text without any letters or digits as empty', () => {
    expect(extractPastedText(' \n — \n', 'Leeg')).toEqual({ ok: false, error: { file: 'Leeg', reason: 'empty' } });
  });
});

describe('helpers', () => {
  it('knows formats by extension, case-insensitively', () => {
    expect(formatOf('a.PDF')).toBe('pdf');
    expect(formatOf('b.txt')).toBe('txt');
    expect(formatOf('c.docx')).toBe('docx');
    expect(formatOf('d.odt')).toBeUndefined();
    expect(formatOf('pdf')).toBeUndefined();
  });
  it('strips folders and the last extension for the base name', () => {
    expect(baseName('C:\\data\\Regioprofiel Zuid.v2.pdf')).toBe('Regioprofiel Zuid.v2');
    expect(baseName('.verborgen')).toBe('.verborgen');
  });
  it('rejects placeholder titles', () => {
    expect(isSensibleTitle('Untitled')).toBe(false);
    expect(isSensibleTitle('Document1')).toBe(false);
    expect(isSensibleTitle('profiel.docx')).toBe(false);
    expect(isSensibleTitle('  ')).toBe(false);
    expect(isSensibleTitle('Cultuurprofiel Twente 2025')).toBe(true);
  });
  it('hashes content as SHA-256 hex', async () => {
    expect(await contentHash(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
