import { describe, expect, it } from 'vitest';
import { layoutPage, type TextItemLike } from '../../../src/import/layout.ts';

/** A text item at baseline (x, y) in a font of `size` points, `perChar` wide per character. */
const item = (str: string, x: number, y: number, size = 10, perChar = 5, fontName = 'body'): TextItemLike => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * perChar,
  hasEOL: false,
  fontName,
});

/** Lines of a column: each line's text at (x, top − i·pitch), as one item per word (justified). */
const column = (lines: string[], x: number, top: number, pitch = 12, size = 10): TextItemLike[] =>
  lines.flatMap((l, i) => {
    let at = x;
    return l.split(' ').map((w) => {
      const it = item(w, at, top - i * pitch, size);
      at += w.length * 5 + 5;
      return it;
    });
  });

const texts = (items: readonly TextItemLike[], geometry = {}): string[] => layoutPage(items, geometry).lines.map((l) => l.text);

const LEFT = ['De regio werkt samen met', 'partners over de grens en', 'investeert in makers die', 'internationaal werken aan', 'nieuwe projecten voor het', 'publiek van morgen hier.'];
const RIGHT = ['Het rijk ondersteunt deze', 'ambitie met een regeling', 'voor uitwisseling tussen', 'steden in Europa en ook', 'daarbuiten, zoals in Azië', 'en Zuid-Amerika vandaag.'];

describe('layoutPage on pages set in columns', () => {
  it('reads a two-column page left column first, then the right one', () => {
    expect(texts([...column(RIGHT, 320, 700), ...column(LEFT, 50, 700)])).toEqual([...LEFT, ...RIGHT]);
  });

  it('keeps a title that spans both columns above them', () => {
    const title = item('Aandachtspunten bij de profielen van de stedelijke regio’s', 150, 730, 14, 6);
    expect(texts([...column(LEFT, 50, 700), title, ...column(RIGHT, 320, 700)])).toEqual([title.str, ...LEFT, ...RIGHT]);
  });

  it('finds the gutter under a full-width block that is larger than the columns (per region, not per page)', () => {
    // Eight full-width lines (title, authors, abstract) over six lines of two columns: the page as a
    // whole has no gutter, the region under the block has one.
    const wide = Array.from({ length: 8 }, (_, i) => `Samenvatting regel ${i + 1} over de volle breedte van de pagina met internationale samenwerking`);
    const items = [...column(wide, 50, 820, 12), ...column(LEFT, 50, 700), ...column(RIGHT, 320, 700)];
    expect(texts(items)).toEqual([...wide, ...LEFT, ...RIGHT]);
  });

  it('reads two-column bands above and below a full-width passage band by band', () => {
    const passage = ['Tussenconclusie over de volle breedte van de pagina, met een tweede', 'regel die ook over beide kolommen loopt tot aan de rechterkant toe.'];
    const items = [...column(LEFT, 50, 800), ...column(RIGHT, 320, 800), ...column(passage, 50, 710), ...column(LEFT.map((l) => l.toUpperCase()), 50, 670), ...column(RIGHT.map((l) => l.toUpperCase()), 320, 670)];
    expect(texts(items)).toEqual([...LEFT, ...RIGHT, ...passage, ...LEFT.map((l) => l.toUpperCase()), ...RIGHT.map((l) => l.toUpperCase())]);
  });

  it('reads a column that ends after two lines beside a longer one', () => {
    const items = [...column(LEFT, 50, 700), ...column(RIGHT.slice(0, 2), 320, 700)];
    expect(texts(items)).toEqual([...LEFT, ...RIGHT.slice(0, 2)]);
  });

  it('reads a running footer with text on both sides as one line at the end of the page', () => {
    const footer = [item('file:///tmp/profiel.html', 50, 600, 8, 4), item('1/9', 500, 600, 8, 4)];
    expect(texts([...footer, ...column(LEFT, 50, 700), ...column(RIGHT, 320, 700)])).toEqual([...LEFT, ...RIGHT, 'file:///tmp/profiel.html 1/9']);
  });

  it('reads columns whose baselines are not level with each other', () => {
    expect(texts([...column(LEFT, 50, 700), ...column(RIGHT, 320, 697)])).toEqual([...LEFT, ...RIGHT]);
    expect(texts([...column(LEFT, 50, 700), ...column(RIGHT, 320, 694)])).toEqual([...LEFT, ...RIGHT]);
  });

  it('does not split a single-column page at wide justified word spaces', () => {
    // A word gap of 3 em on every line, after the first word, so at a different x on each line.
    const body = LEFT.flatMap((l, i) => {
      const [first = '', ...rest] = l.split(' ');
      return [item(first, 50, 700 - i * 12), item(rest.join(' '), 50 + first.length * 5 + 30, 700 - i * 12)];
    });
    const lines = texts(body);
    expect(lines).toHaveLength(LEFT.length);
    expect(lines[0]).toBe('De regio werkt samen met');
  });

  it('does not split at wide word spaces that line up on a few lines of a column', () => {
    // Three lines with a 1.2-em gap at the same place inside a column of running text.
    const river = ['loopt door', 'in deze', 'alinea hier'].map((l, i) => {
      const [a = '', b = ''] = l.split(' ');
      return [item(a, 50, 664 - i * 12), item(b, 50 + 30 + 12, 664 - i * 12)];
    });
    const body = [...column(LEFT.slice(0, 3), 50, 700), ...river.flat(), ...column(LEFT.slice(3), 50, 628)];
    expect(texts(body)).toEqual([...LEFT.slice(0, 3), 'loopt door', 'in deze', 'alinea hier', ...LEFT.slice(3)]);
  });

  it('reads a table of short labels and long descriptions row by row', () => {
    const rows = ['Twente', 'Zeeland', 'Utrecht', 'Brabant', 'Limburg', 'Drenthe'].flatMap((label, i) => [
      item(label, 50, 700 - i * 12),
      item('een regio met een eigen profiel en plannen', 320, 700 - i * 12),
    ]);
    expect(texts(rows)[0]).toBe('Twente een regio met een eigen profiel en plannen');
  });

  it('works on a bounded structure: a glyph 99999999999 units wide neither hangs nor breaks the columns', () => {
    const wide: TextItemLike = { str: '~', transform: [10, 0, 0, 10, 50, 600], width: 99999999999, fontName: 'body' };
    const many = Array.from({ length: 3000 }, (_, i) => item(`w${i}`, 50 + (i % 40) * 12, 590 - Math.floor(i / 40) * 12, 10, 4));
    const lines = texts([...column(LEFT, 50, 700), ...column(RIGHT, 320, 700), wide, ...many], { view: [0, 0, 595, 842] });
    expect(lines.slice(0, 12)).toEqual([...LEFT, ...RIGHT]);
    expect(lines).toContain('~');
  });
});

describe('layoutPage: text direction from each item', () => {
  /** Items of a line in direction `deg`, along a baseline through (x, y), one per word. */
  const turned = (words: string[], deg: number, x: number, y: number, size = 10): TextItemLike[] => {
    const r = (deg * Math.PI) / 180;
    const [c, s] = [Math.cos(r), Math.sin(r)];
    let at = 0;
    return words.map((w) => {
      const it: TextItemLike = { str: w, transform: [size * c, size * s, -size * s, size * c, x + at * c, y + at * s], width: w.length * 5, fontName: 'body' };
      at += w.length * 5 + 5;
      return it;
    });
  };
  /** Lines of text in direction `deg`, each next line one pitch "below" in that frame. */
  const turnedLines = (lines: string[], deg: number, x: number, y: number): TextItemLike[] => {
    const r = (deg * Math.PI) / 180;
    // "Down" in the frame of the text is 90° clockwise from its direction.
    const [dx, dy] = [Math.sin(r), -Math.cos(r)];
    return lines.flatMap((l, i) => turned(l.split(' '), deg, x + dx * 12 * i, y + dy * 12 * i));
  };

  for (const [deg, rotate] of [[90, 90], [180, 180], [270, 270]] as const) {
    it(`reads text turned ${deg}° (a page shown with /Rotate ${rotate}) in word and line order`, () => {
      const items = turnedLines(LEFT, deg, 300, 400);
      // Stream order reversed, so only geometry can give the order.
      expect(texts(items.reverse(), { rotate, view: [0, 0, 595, 842] })).toEqual(LEFT);
    });
  }

  it('reads slanted text (20°) in word and line order', () => {
    expect(texts(turnedLines(LEFT, 20, 100, 400).reverse())).toEqual(LEFT);
  });

  it('reads an upright page with a table turned 90° where the table stands', () => {
    const heading = item('Bijlage: projecten', 50, 780, 12);
    const note = item('Bron: eigen inventarisatie.', 50, 100, 8);
    const table = turnedLines(['Regio Project', 'Twente Grensland', 'Zeeland Kunstgrens'], 90, 200, 300);
    expect(texts([note, ...table, heading], { rotate: 0, view: [0, 0, 595, 842] })).toEqual(['Bijlage: projecten', 'Regio Project', 'Twente Grensland', 'Zeeland Kunstgrens', 'Bron: eigen inventarisatie.']);
  });
});

describe('layoutPage: characters and marks', () => {
  it('reads control characters between words as word spaces and counts them as unmapped', () => {
    const page = layoutPage([item('Overview\u0002of\u0002the\u0002Model', 50, 700)]);
    expect(page.lines.map((l) => l.text)).toEqual(['Overview of the Model']);
    expect(page.unmapped).toBe(3);
  });

  it('spells out the legacy private-use fi and fl ligatures and counts other private-use characters', () => {
    const page = layoutPage([item('\uF001nanciering en \uF002exibel \uE123', 50, 700)]);
    expect(page.lines[0]!.text).toBe('financiering en flexibel \uE123');
    expect(page.unmapped).toBe(1);
  });

  it('keeps a raised, smaller reference number apart from its word as superscript digits', () => {
    const lines = texts([item('De Vereinsstatuten', 50, 700), item('1', 140, 704, 6, 3), item('regelen het.', 146, 700), item('ruim is.', 50, 688), item('18', 90, 692, 6, 3)]);
    expect(lines).toEqual(['De Vereinsstatuten¹ regelen het.', 'ruim is.¹⁸']);
  });

  it('keeps a number on the baseline in the body font as it is', () => {
    expect(texts([item('samenwerking', 50, 700), item('2', 115, 700), item('is belangrijk', 125, 700)])).toEqual(['samenwerking 2 is belangrijk']);
    expect(texts([item('samenwerking', 50, 700), item('2', 110, 700), item('is belangrijk', 120, 700)])).toEqual(['samenwerking2 is belangrijk']);
  });

  it('takes a bullet glyph off the start of a line as a list marker, with the text’s indent', () => {
    const page = layoutPage([item('•', 50, 700), item('eerste punt over de grens', 64, 700), item('• tweede punt', 50, 688), item('\uF0B7', 50, 676), item('derde punt', 64, 676)]);
    expect(page.lines.map((l) => [l.marker, l.text, l.textX0])).toEqual([
      ['•', 'eerste punt over de grens', 64],
      ['•', 'tweede punt', expect.any(Number)],
      ['\uF0B7', 'derde punt', 64],
    ]);
  });

  it('takes a dash off as a marker only when it is set apart from the text', () => {
    const page = layoutPage([item('–', 50, 700), item('een punt', 64, 700), item('– zo stelt de raad –', 50, 688)]);
    expect(page.lines.map((l) => [l.marker, l.text])).toEqual([
      ['–', 'een punt'],
      [undefined, '– zo stelt de raad –'],
    ]);
  });

  it('sorts lines top to bottom and items left to right, whatever the stream order', () => {
    expect(texts([item('tweede regel', 50, 688), item('regel', 85, 700), item('eerste', 50, 700)])).toEqual(['eerste regel', 'tweede regel']);
  });

  it('inserts a space where items leave a visible gap and none where they touch', () => {
    expect(texts([item('inter', 50, 700), item('nationaal', 75, 700)])).toEqual(['internationaal']);
    expect(texts([item('cultuur', 50, 700), item('regio', 90, 700)])).toEqual(['cultuur regio']);
    expect(texts([item('cultuur ', 50, 700), item('regio', 90, 700)])).toEqual(['cultuur regio']);
  });

  it('skips the second copy of text drawn twice for fake bold', () => {
    expect(texts([item('Vet', 50, 700), item('Vet', 50.3, 700)])).toEqual(['Vet']);
  });

  it('drops empty and whitespace-only items and ignores items with broken transforms', () => {
    expect(texts([item('', 50, 700), item('  ', 50, 688), item('tekst', 50, 676), { str: 'kapot', transform: [NaN, 0, 0, 10, 0, 0], width: 5 }])).toEqual(['tekst']);
  });

  it('falls back to stream order and hasEOL when items carry no positions', () => {
    const flat = (str: string, hasEOL: boolean): TextItemLike => ({ str, transform: [1, 0, 0, 1, 0, 0], width: 0, hasEOL });
    expect(texts([flat('een ', false), flat('regel', true), flat('nog een', true)])).toEqual(['een regel', 'nog een']);
  });

  it('gives each line its position on the page as shown: 0 at the top, 1 at the bottom', () => {
    const page = layoutPage([item('kop', 50, 800), item('voet', 50, 40)], { view: [0, 0, 595, 842] });
    expect(page.lines[0]!.pos).toBeCloseTo(42 / 842, 3);
    expect(page.lines[1]!.pos).toBeCloseTo(802 / 842, 3);
  });
});
