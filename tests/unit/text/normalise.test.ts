import { describe, expect, it } from 'vitest';
import { pageAt } from '../../../src/model/document.ts';
import {
  blockKindOf,
  cleanLine,
  hyphenEvidence,
  isListItem,
  lineJoint,
  lineStats,
  normaliseText,
  splitPlainText,
  type PageLines,
} from '../../../src/text/normalise.ts';

const page = (lines: string[], index = 1, label = String(index)): PageLines => ({ index, label, lines });
const textOf = (lines: string[]): string => normaliseText([page(lines)]).text;

describe('cleanLine', () => {
  it('composes decomposed characters to NFC', () => {
    expect(cleanLine('gecre\u0065\u0308erd')).toBe('gecreëerd');
  });
  it('spells out typographic ligatures', () => {
    expect(cleanLine('ﬁnanciële ﬂexibiliteit, eﬀect, ﬃn, ﬄ')).toBe('financiële flexibiliteit, effect, ffin, ffl');
  });
  it('removes soft hyphens and zero-width characters inside a line', () => {
    expect(cleanLine('inter\u00ADnatio\u200Bnaal\u2060\uFEFF')).toBe('internationaal');
  });
  it('turns no-break and other Unicode spaces into one plain space', () => {
    expect(cleanLine('10\u00A0procent\u202Fen\u2009meer\tnog')).toBe('10 procent en meer nog');
  });
  it('collapses runs of spaces and trims the line', () => {
    expect(cleanLine('   veel    ruimte  ')).toBe('veel ruimte');
  });
  it('keeps a soft hyphen at the very end as a hyphenation mark', () => {
    expect(cleanLine('internatio\u00AD ')).toBe('internatio\u00AD');
  });
  it('keeps the ellipsis and superscripts that NFKC would rewrite', () => {
    expect(cleanLine('motor… m²')).toBe('motor… m²');
  });
});

describe('lineJoint', () => {
  it('joins a hyphen at a line end before a lower-case letter', () => {
    expect(lineJoint('de internatio-', 'nale samenwerking')).toBe('join');
    expect(lineJoint('een strategische digi-', 'taliseringsagenda')).toBe('join');
  });
  it('keeps "kunst- en" when the next line starts with a conjunction', () => {
    expect(lineJoint('de kunst-', 'en cultuursector')).toBe('space');
    expect(lineJoint('bij-', 'en omscholing')).toBe('space');
    expect(lineJoint('publieks-', 'of bezoekersonderzoek')).toBe('space');
    expect(lineJoint('basis-', 't/m voortgezet onderwijs')).toBe('space');
  });
  it('keeps the hyphen without a space before a capital', () => {
    expect(lineJoint('provincie Noord-', 'Brabant')).toBe('keep-hyphen');
  });
  it('keeps the hyphen of a number range or a number compound', () => {
    expect(lineJoint('in 2021-', '2024')).toBe('keep-hyphen');
    expect(lineJoint('de 18-', 'jarigen')).toBe('keep-hyphen');
  });
  it('keeps the hyphen of an abbreviation in capitals', () => {
    expect(lineJoint('de EU-', 'lidstaten')).toBe('keep-hyphen');
  });
  it('keeps the hyphen inside a web address', () => {
    expect(lineJoint('zie https://example.org/cultuur-', 'de-raad')).toBe('keep-hyphen');
  });
  it('keeps a hyphen the document itself writes inside a line', () => {
    const evidence = hyphenEvidence(['nieuwe subsidie-instrumenten zijn nodig']);
    expect(lineJoint('competitieve subsidie-', 'instrumenten', evidence)).toBe('keep-hyphen');
    expect(lineJoint('competitieve subsidie-', 'instrumenten')).toBe('join');
  });
  it('still joins when the document also writes the word without the hyphen', () => {
    const evidence = hyphenEvidence(['co-creatie en cocreatie']);
    expect(lineJoint('vormen van co-', 'creatie', evidence)).toBe('join');
  });
  it('always joins at a line-final soft hyphen', () => {
    expect(lineJoint('internatio\u00AD', 'nale')).toBe('join');
    expect(lineJoint('Noord\u00AD', 'Brabant')).toBe('join');
  });
  it('puts a space after a dash or an ordinary line end', () => {
    expect(lineJoint('het beleid -', 'zo stelt de raad')).toBe('space');
    expect(lineJoint('het beleid', 'van de regio')).toBe('space');
  });
});

describe('isListItem', () => {
  it('recognises bullets as list items', () => {
    expect(isListItem('• een leerlijn', 'tekst zonder punt')).toBe(true);
    expect(isListItem('▪ een werkplaats', 'tekst zonder punt')).toBe(true);
  });
  it('recognises dashes, "o" and numbers after a break or a finished clause', () => {
    expect(isListItem('- eerste punt')).toBe(true);
    expect(isListItem('o tweede punt', 'de volgende punten:')).toBe(true);
    expect(isListItem('2. derde punt', 'eerste punt;')).toBe(true);
  });
  it('does not take a wrapped line that starts with a dash for a list item', () => {
    expect(isListItem('– zo stelt de raad – een kans', 'de digitale transformatie is')).toBe(false);
  });
  it('does not take "2.1 Methode" or a year for a list item', () => {
    expect(isListItem('2.1 Methode')).toBe(false);
    expect(isListItem('2024 was een goed jaar')).toBe(false);
  });
});

describe('lineStats and blockKindOf', () => {
  it('reads very long lines as one paragraph per line', () => {
    expect(lineStats(['x'.repeat(400), 'y'.repeat(300), 'z'.repeat(250)]).unwrapped).toBe(true);
    expect(lineStats(Array(10).fill('x'.repeat(80))).unwrapped).toBe(false);
  });
  it('calls a short single line without closing punctuation a heading', () => {
    expect(blockKindOf('3 Onze ambities', 1)).toBe('heading');
    expect(blockKindOf('Voorwoord', 1)).toBe('heading');
    expect(blockKindOf('Dit is een zin.', 1)).toBe('paragraph');
    expect(blockKindOf('Een titel', 2)).toBe('paragraph');
  });
});

describe('normaliseText', () => {
  it('takes blocks from line roles where the layout gives them, instead of guessing from line lengths', () => {
    const n = normaliseText([
      { index: 1, label: '1', lines: ['Inclusie', 'Onder andere biedt dit kansen.', 'Publiek', 'dat niet komt, kijkt online.', 'een punt'], roles: ['heading', 'paragraph', 'continue', 'continue', 'list-item'] },
      { index: 2, label: '2', lines: ['met een vervolg op de volgende pagina.'], roles: ['continue'] },
    ]);
    expect(n.blocks.map((b) => [b.kind, n.text.slice(b.start, b.end)])).toEqual([
      ['heading', 'Inclusie'],
      ['paragraph', 'Onder andere biedt dit kansen. Publiek dat niet komt, kijkt online.'],
      ['list-item', 'een punt met een vervolg op de volgende pagina.'],
    ]);
    expect(n.pages[1]!.start).toBe(n.text.indexOf('met een vervolg'));
  });
  it('joins the lines of a paragraph with spaces and hyphenated words without hyphen', () => {
    const n = normaliseText([page(['Wij investeren in', 'internatio-', 'nale samenwerking.'])]);
    expect(n.text).toBe('Wij investeren in internationale samenwerking.');
    expect(n.joinedHyphens).toBe(1);
  });
  it('keeps elliptical compounds and capitals as the writer meant them', () => {
    expect(textOf(['de kunst-', 'en cultuursector in Noord-', 'Brabant'])).toBe('de kunst- en cultuursector in Noord-Brabant');
  });
  it('makes a blank line a paragraph break and joins blocks with a blank line', () => {
    const n = normaliseText([page(['Eerste alinea loopt', 'door.', '', 'Tweede alinea.'])]);
    expect(n.text).toBe('Eerste alinea loopt door.\n\nTweede alinea.');
    expect(n.blocks.map((b) => n.text.slice(b.start, b.end))).toEqual(['Eerste alinea loopt door.', 'Tweede alinea.']);
  });
  it('gives each list item its own block and continues wrapped items', () => {
    const n = normaliseText([page(['De ambities:', '• een leerlijn voor alle', 'scholen;', '• een werkplaats.', 'Daarna volgt tekst.'])]);
    expect(n.blocks.map((b) => [b.kind, n.text.slice(b.start, b.end)])).toEqual([
      ['paragraph', 'De ambities:'],
      ['list-item', '• een leerlijn voor alle scholen;'],
      ['list-item', '• een werkplaats.'],
      ['paragraph', 'Daarna volgt tekst.'],
    ]);
  });
  it('ends a paragraph at a short line that ends a sentence', () => {
    const long = 'Dit is een lange regel tekst die tot aan de kantlijn van de pagina doorloopt en';
    const lines = [long, long, long, 'kort eind.', 'Nieuwe alinea begint hier.', long, long, long, long];
    const n = normaliseText([page(lines)]);
    expect(n.text).toContain('kort eind.\n\nNieuwe alinea');
  });
  it('separates a heading that lost its blank line', () => {
    const long = 'Dit is een lange regel tekst die tot aan de kantlijn van de pagina doorloopt en';
    const lines = [long, long, long, long + ' zelf.', '5 Erfgoed en identiteit', 'De regio heeft een sterke eigen identiteit, die vooral zichtbaar wordt in', long, long];
    const n = normaliseText([page(lines)]);
    expect(n.text).toContain('zelf.\n\n5 Erfgoed en identiteit\n\nDe regio');
    expect(n.blocks.some((b) => b.kind === 'heading' && n.text.slice(b.start, b.end) === '5 Erfgoed en identiteit')).toBe(true);
  });
  it('reads unwrapped text as one block per line', () => {
    const a = 'A'.repeat(10) + ' ' + 'lange alinea '.repeat(20);
    const n = normaliseText([page([a, a, a])]);
    expect(n.blocks).toHaveLength(3);
  });
  it('lets a paragraph and a hyphenated word continue across a page break', () => {
    const n = normaliseText([page(['Samenwerking met internatio-'], 1, 'i'), page(['nale partners.'], 2, 'ii')]);
    expect(n.text).toBe('Samenwerking met internationale partners.');
    expect(n.blocks).toHaveLength(1);
    const second = n.text.indexOf('nale partners');
    expect(n.pages).toEqual([
      { index: 1, label: 'i', start: 0, end: second },
      { index: 2, label: 'ii', start: second, end: n.text.length },
    ]);
  });
  it('makes page ranges contiguous and covering, also around empty pages', () => {
    const n = normaliseText([page(['Eerste pagina.'], 1), page([], 2), page(['', 'Derde pagina.'], 3), page([], 4)]);
    expect(n.pages[0]!.start).toBe(0);
    for (let i = 1; i < n.pages.length; i++) expect(n.pages[i]!.start).toBe(n.pages[i - 1]!.end);
    expect(n.pages[n.pages.length - 1]!.end).toBe(n.text.length);
    expect(pageAt(n.pages, n.text.indexOf('Derde'))!.index).toBe(3);
    expect(pageAt(n.pages, 0)!.index).toBe(1);
  });
  it('drops a soft hyphen left at the end of a paragraph', () => {
    expect(textOf(['afgebroken\u00AD', '', 'Volgende.'])).toBe('afgebroken\n\nVolgende.');
  });
  it('gives an empty text for pages without lines', () => {
    const n = normaliseText([page(['', '  ']), page([], 2)]);
    expect(n.text).toBe('');
    expect(n.blocks).toEqual([]);
    expect(n.pages.map((p) => [p.start, p.end])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('splitPlainText', () => {
  it('splits pages at form feeds and lines at any line ending', () => {
    const pages = splitPlainText('een\r\ntwee\fdrie\rvier\nvijf\f');
    expect(pages).toEqual([
      { index: 1, label: '1', lines: ['een', 'twee'] },
      { index: 2, label: '2', lines: ['drie', 'vier', 'vijf'] },
    ]);
  });
});
