import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { appendixTitle, appendixToHtml, appendixToMarkdown, buildAppendix, pageRef, splitClosingPoint } from '../../../src/exchange/appendix.ts';
import { appendixToDocx } from '../../../src/exchange/appendix-docx.ts';
import type { Fragment } from '../../../src/model/fragment.ts';
import { codes, documents, fragments } from '../analysis/fixture.ts';

// Pages of the fixture documents: "14" is [0, 60), "15" is [60, 200).
const withFlag: Fragment[] = fragments.map((f) => (f.id === 'f1' ? { ...f, flags: ['glocalisation'], anchor: { ...f.anchor, exact: 'Kunst *over*\nde grens' } } : f));
const codebook = { codes };

describe('the appendix', () => {
  it('cites the page of the first character, and a range when the fragment runs on', () => {
    const pages = documents[0]!.pages;
    expect(pageRef(pages, 0, 50)).toBe('14');
    expect(pageRef(pages, 40, 80)).toBe('14–15');
    expect(pageRef(pages, 40, 60)).toBe('14');
    expect(pageRef([], 0, 5)).toBe('');
  });

  it('cites no page for an orphaned fragment (empty range)', () => {
    expect(pageRef(documents[0]!.pages, 40, 40)).toBe('');
  });

  it('lists per document every fragment once, in reading order, with its page', () => {
    const a = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'document', lang: 'nl' });
    expect(a.title).toBe('Bijlage: fragmenten per document');
    expect(a.sections.map((s) => [s.heading, s.items.map((i) => `${i.fragmentId} ${i.page}`)])).toEqual([
      ['Doc A', ['f0 14', 'f1 14–15', 'f2 15']],
      ['Doc B', ['f3 14', 'f4 14', 'f5 14']],
      ['Doc C', ['f6 14', 'f7 14']],
    ]);
    expect(a.sections[0]!.subtitle).toBe('North, 2020');
  });

  it('splits per regime within a document, listing a multi-regime fragment under each, mere statements last', () => {
    const a = buildAppendix({ documents: documents.slice(0, 1), fragments: withFlag, codebook, grouping: 'document-regime', lang: 'en' });
    expect(a.sections[0]!.subsections.map((s) => [s.heading, s.items.map((i) => i.fragmentId)])).toEqual([
      ['Civic', ['f0', 'f1']],
      ['Market', ['f0']],
      ['Mere statement', ['f2']],
    ]);
  });

  it('groups per regime, then per document, leaving out empty regimes and documents', () => {
    const a = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'regime-document', lang: 'en' });
    expect(a.sections.map((s) => [s.heading, s.subsections.map((d) => `${d.heading}: ${d.items.map((i) => i.fragmentId).join(' ')}`)])).toEqual([
      ['Civic', ['Doc A: f0 f1', 'Doc B: f5', 'Doc C: f6']],
      ['Market', ['Doc A: f0', 'Doc B: f4', 'Doc C: f6']],
      ['Fame', ['Doc B: f3', 'Doc C: f6 f7']],
      ['Mere statement', ['Doc A: f2']],
    ]);
  });

  it('titles the appendix after its grouping, in both languages, unless a title is given', () => {
    const title = (grouping: 'document' | 'document-regime' | 'regime-document', lang: 'nl' | 'en') =>
      buildAppendix({ documents, fragments: withFlag, codebook, grouping, lang }).title;
    expect(title('document', 'en')).toBe('Appendix: fragments per document');
    expect(title('document-regime', 'en')).toBe('Appendix: fragments per document and regime');
    expect(title('regime-document', 'en')).toBe('Appendix: fragments per regime and document');
    expect(title('document', 'nl')).toBe('Bijlage: fragmenten per document');
    expect(title('document-regime', 'nl')).toBe('Bijlage: fragmenten per document en regime');
    expect(title('regime-document', 'nl')).toBe('Bijlage: fragmenten per regime en document');
    expect(appendixTitle('regime-document', 'en')).toBe(title('regime-document', 'en'));
    expect(buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'regime-document', lang: 'en', title: 'Appendix B' }).title).toBe('Appendix B');
    expect(appendixToMarkdown(buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'regime-document', lang: 'nl' }))).toMatch(/^# Bijlage: fragmenten per regime en document\n/);
  });

  it('writes Markdown bullets in the thesis style, flagged fragments bold, Markdown characters escaped', () => {
    const md = appendixToMarkdown(buildAppendix({ documents: documents.slice(0, 1), fragments: withFlag, codebook, grouping: 'document', lang: 'nl', intro: ['Termen: internationa*'] }));
    expect(md).toContain('# Bijlage: fragmenten per document\n\nTermen: internationa\\*\n\n');
    expect(md).toContain('## Doc A\n');
    // Each fragment with its regimes (key and name) first, as the thesis' highlighter colour was.
    expect(md).toContain('- \\[c civic · m market\\] text of f0 (p. 14)\n');
    expect(md).toContain('- \\[c civic\\] **Kunst \\*over\\* de grens** (p. 14–15)\n');
    expect(md).toContain('- \\[Constatering\\] text of f2 (p. 15)\n');
  });

  it('keeps a heading for a document without fragments', () => {
    const md = appendixToMarkdown(buildAppendix({ documents, fragments: [], codebook, grouping: 'document', lang: 'en' }));
    expect(md).toContain('## Doc C\n\n*South*\n\n*No fragments.*');
  });

  it('writes a printable HTML page that parses, escapes text and has one list item per fragment', () => {
    const html = appendixToHtml(buildAppendix({ documents, fragments: [...withFlag, { ...withFlag[0]!, id: 'x' as never, anchor: { ...withFlag[0]!.anchor, exact: '<script>alert(1)</script>' } }], codebook, grouping: 'document', lang: 'en' }));
    const doc = new JSDOM(html).window.document;
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.querySelectorAll('h2')).toHaveLength(3);
    expect(doc.querySelectorAll('li')).toHaveLength(9);
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('li strong')!.textContent).toBe('Kunst *over* de grens');
    expect(html).toContain('@page');
  });
});

describe('the appendix as DOCX', () => {
  it('is a valid Word document: a zip with parseable XML, headings and one bullet per fragment', async () => {
    const appendix = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'document-regime', lang: 'nl', intro: ['Termen: wereld*'] });
    const bytes = await appendixToDocx(appendix);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']));
    const { DOMParser } = new JSDOM().window;
    const xml = new DOMParser().parseFromString(await zip.file('word/document.xml')!.async('string'), 'application/xml');
    expect(xml.getElementsByTagName('parsererror')).toHaveLength(0);
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const paragraphs = [...xml.getElementsByTagNameNS(W, 'p')];
    const style = (p: Element) => p.getElementsByTagNameNS(W, 'pStyle')[0]?.getAttributeNS(W, 'val') ?? '';
    const text = (p: Element) => [...p.getElementsByTagNameNS(W, 't')].map((t) => t.textContent).join('');
    expect(text(paragraphs[0]!)).toBe('Bijlage: fragmenten per document en regime');
    expect(style(paragraphs[0]!)).toBe('Title');
    expect(paragraphs.filter((p) => style(p) === 'Heading1').map(text)).toEqual(['Doc A', 'Doc B', 'Doc C']);
    const bullets = paragraphs.filter((p) => p.getElementsByTagNameNS(W, 'numPr').length > 0);
    // Per regime: A civic f0 f1, market f0, mere f2; B civic f5, market f4, fame f3; C civic f6, market f6, fame f6 f7.
    expect(bullets).toHaveLength(11);
    const nbsp = '\u00a0';
    expect(bullets.map(text)).toContain(`${nbsp}c${nbsp}${nbsp}civic Kunst *over* de grens (p. 14–15)`);
    const flagged = bullets.find((p) => text(p).includes('Kunst'))!;
    expect(flagged.getElementsByTagNameNS(W, 'b').length).toBeGreaterThan(0);
    expect(text(bullets.find((p) => text(p).includes('text of f7'))!)).toBe(`${nbsp}f${nbsp}${nbsp}fame text of f7 (p. 14)`);
  });
});

describe('splitClosingPoint', () => {
  it('moves one closing point behind the page and leaves other endings in the quote', () => {
    expect(splitClosingPoint('de internationale dimensie van cultuur.')).toEqual({ text: 'de internationale dimensie van cultuur', close: '.' });
    expect(splitClosingPoint('zich tot de wereld om haar heen?')).toEqual({ text: 'zich tot de wereld om haar heen?', close: '' });
    expect(splitClosingPoint('en zo verder...')).toEqual({ text: 'en zo verder...', close: '' });
    expect(splitClosingPoint('grenzeloos')).toEqual({ text: 'grenzeloos', close: '' });
  });
});

describe('the regime of each fragment and the language of each quote', () => {
  const dutch = documents.map((d) => ({ ...d, meta: { ...d.meta, lang: 'nl' } }));
  const colored = { codes: codes.map((c, i) => ({ ...c, color: ['#009e73', '#d55e00', '#f0e442'][i]!, name: { nl: c.name.nl, en: c.name.en } })) };

  it('shows each fragment\'s regimes in HTML as coloured keys with names, quotes in their document\'s language', () => {
    const html = appendixToHtml(buildAppendix({ documents: dutch, fragments: withFlag, codebook: colored, grouping: 'document', lang: 'en' }));
    const doc = new JSDOM(html).window.document;
    expect(doc.documentElement.lang).toBe('en');
    const first = doc.querySelector('li')!;
    expect(first.querySelector('.regimes')!.textContent).toBe('c Civic · m Market');
    const chips = [...first.querySelectorAll<HTMLElement>('.chip')];
    expect(chips.map((c) => [c.textContent, c.getAttribute('style')])).toEqual([
      ['c', 'background:#009e73;color:#000000'],
      ['m', 'background:#d55e00;color:#000000'],
    ]);
    expect(first.querySelector('.quote')!.getAttribute('lang')).toBe('nl');
    // Mere statements say so; the chips print in colour where the printer can, and the names in any case.
    expect([...doc.querySelectorAll('li')].map((li) => li.querySelector('.regimes')!.textContent)).toContain('Mere statement');
    expect(html).toContain('print-color-adjust: exact');
  });

  it('gives quotes of a document without a language the one told from its quotes', () => {
    const text = 'De regio werkt met het buitenland en de wereld, en zij doet dat voor de kunst en met de makers van de stad.';
    const dutchQuotes = withFlag.map((f) => ({ ...f, anchor: { ...f.anchor, exact: text } }));
    const a = buildAppendix({ documents, fragments: dutchQuotes, codebook, grouping: 'document', lang: 'en' });
    expect(a.sections[0]!.items[0]!.lang).toBe('nl');
  });

  it('states the dominant regime in the thesis\' sense under the title, in every format', async () => {
    const a = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'document', lang: 'en' });
    // civic in A, B, C (3 documents, 4 fragments) before market (3 documents, 3 fragments).
    expect(a.summary).toBe('Dominant code overall: Civic (in 3 of 3 documents, 4 fragments)');
    expect(appendixToMarkdown(a)).toContain('*Dominant code overall: Civic (in 3 of 3 documents, 4 fragments)*');
    expect(new JSDOM(appendixToHtml(a)).window.document.querySelector('.summary')!.textContent).toBe(a.summary);
    const xml = await (await JSZip.loadAsync(await appendixToDocx(a))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Dominant code overall: Civic (in 3 of 3 documents, 4 fragments)');
  });

  it('tags DOCX quotes with w:lang of their document and the rest with the appendix\'s language (unzipped and read)', async () => {
    const bytes = await appendixToDocx(buildAppendix({ documents: dutch, fragments: withFlag, codebook: colored, grouping: 'document', lang: 'en' }));
    const { DOMParser } = new JSDOM().window;
    const xml = new DOMParser().parseFromString(await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'), 'application/xml');
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const runs = [...xml.getElementsByTagNameNS(W, 'r')];
    const textOf = (r: Element) => [...r.getElementsByTagNameNS(W, 't')].map((t) => t.textContent).join('');
    const langOf = (r: Element) => r.getElementsByTagNameNS(W, 'lang')[0]?.getAttributeNS(W, 'val');
    const quote = runs.find((r) => textOf(r) === 'text of f0')!;
    expect(langOf(quote)).toBe('nl-NL');
    expect(langOf(runs.find((r) => textOf(r) === ' (p. 14)')!)).toBe('en-GB');
    expect(langOf(runs.find((r) => textOf(r) === 'Appendix: fragments per document')!)).toBe('en-GB');
    // The regime key on its colour: shading with the regime's fill, and the name beside it.
    const key = runs.find((r) => textOf(r) === '\u00a0c\u00a0')!;
    expect(key.getElementsByTagNameNS(W, 'shd')[0]!.getAttributeNS(W, 'fill')).toMatch(/^009E73$/i);
    expect(runs.some((r) => textOf(r) === '\u00a0Civic')).toBe(true);
  });
});

describe('reviews in the appendix', () => {
  const prof = { id: 'prof', name: 'Prof. Jansen', initials: 'PJ' } as never;
  const review = {
    id: 'f0:prof', fragmentId: 'f0', documentId: documents[0]!.id, reviewerId: 'prof', status: 'needs-change', statusAt: '2026-03-01T10:00:00.000Z',
    quote: '', updatedAt: '2026-03-01T10:00:00.000Z',
    comments: [{ id: 'c', authorId: 'prof', at: '2026-03-01T10:00:00.000Z', text: 'Ook markt?' }],
  } as never;

  it('adds each fragment’s reviews under its quote when asked, in Markdown, HTML and Word', async () => {
    const a = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'document', lang: 'nl', reviews: { reviews: [review], coders: [prof] } });
    const item = a.sections[0]!.items.find((i) => i.fragmentId === 'f0')!;
    expect(item.review).toBe('Prof. Jansen: aanpassen — [Prof. Jansen, 2026-03-01] Ook markt?');
    expect(a.sections[0]!.items.filter((i) => i.review)).toHaveLength(1);
    expect(appendixToMarkdown(a)).toContain('\n  *Prof. Jansen: aanpassen — \\[Prof. Jansen, 2026-03-01\\] Ook markt?*\n');
    const html = new JSDOM(appendixToHtml(a)).window.document;
    expect(html.querySelector('li .review')?.textContent).toBe(item.review);
    const zip = await JSZip.loadAsync(await appendixToDocx(a));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('Ook markt?');
  });

  it('leaves reviews out unless asked', () => {
    const a = buildAppendix({ documents, fragments: withFlag, codebook, grouping: 'document', lang: 'nl' });
    expect(a.sections.flatMap((s) => s.items).some((i) => i.review)).toBe(false);
  });
});
