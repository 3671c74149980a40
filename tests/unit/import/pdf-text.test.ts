import { describe, expect, it } from 'vitest';
import {
  createPdfTextSource,
  hasAlmostNoText,
  linesFromItems,
  PdfTextError,
  toPdfTextError,
  type PdfjsLike,
  type TextItemLike,
} from '../../../src/import/pdf-text.ts';

/** A text item at baseline (x, y) in a font of `size` points, `perChar` wide per character. */
const item = (str: string, x: number, y: number, size = 10, perChar = 5): TextItemLike => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * perChar,
  hasEOL: false,
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

const LEFT = ['De regio werkt samen met', 'partners over de grens en', 'investeert in makers die', 'internationaal werken aan', 'nieuwe projecten voor het', 'publiek van morgen hier.'];
const RIGHT = ['Het rijk ondersteunt deze', 'ambitie met een regeling', 'voor uitwisseling tussen', 'steden in Europa en ook', 'daarbuiten, zoals in Azië', 'en Zuid-Amerika vandaag.'];

describe('linesFromItems on pages set in columns', () => {
  it('reads a two-column page left column first, then the right one', () => {
    const lines = linesFromItems([...column(RIGHT, 320, 700), ...column(LEFT, 50, 700)]);
    expect(lines).toEqual([...LEFT, ...RIGHT]);
  });

  it('keeps a title that spans both columns above them', () => {
    const title = item('Aandachtspunten bij de profielen van de stedelijke regio’s', 150, 730, 14, 6);
    const lines = linesFromItems([...column(LEFT, 50, 700), title, ...column(RIGHT, 320, 700)]);
    expect(lines).toEqual([title.str, '', ...LEFT, ...RIGHT]);
  });

  it('reads a running footer with text on both sides as one line at the end of the page', () => {
    const footer = [item('file:///tmp/profiel.html', 50, 600, 8, 4), item('1/9', 500, 600, 8, 4)];
    const lines = linesFromItems([...footer, ...column(LEFT, 50, 700), ...column(RIGHT, 320, 700)]);
    expect(lines).toEqual([...LEFT, ...RIGHT, '', 'file:///tmp/profiel.html 1/9']);
  });

  it('reads columns whose baselines are not level with each other', () => {
    const lines = linesFromItems([...column(LEFT, 50, 700), ...column(RIGHT, 320, 697)]);
    expect(lines).toEqual([...LEFT, ...RIGHT]);
  });

  it('does not split a single-column page at wide justified word spaces', () => {
    // A word gap of 3 em on every line, after the first word, so at a different x on each line.
    const body = LEFT.flatMap((l, i) => {
      const [first = '', ...rest] = l.split(' ');
      return [item(first, 50, 700 - i * 12), item(rest.join(' '), 50 + first.length * 5 + 30, 700 - i * 12)];
    });
    const lines = linesFromItems(body);
    expect(lines).toHaveLength(LEFT.length);
    expect(lines[0]).toBe('De regio werkt samen met');
  });

  it('reads a table of short labels and long descriptions row by row', () => {
    const rows = ['Twente', 'Zeeland', 'Utrecht', 'Brabant', 'Limburg', 'Drenthe'].flatMap((label, i) => [
      item(label, 50, 700 - i * 12),
      item('een regio met een eigen profiel en plannen', 320, 700 - i * 12),
    ]);
    expect(linesFromItems(rows)[0]).toBe('Twente een regio met een eigen profiel en plannen');
  });
});

describe('linesFromItems', () => {
  it('sorts lines top to bottom and items left to right, whatever the stream order', () => {
    const lines = linesFromItems([item('tweede regel', 50, 688), item('regel', 85, 700), item('eerste', 50, 700)]);
    expect(lines).toEqual(['eerste regel', 'tweede regel']);
  });

  it('inserts a space where items leave a visible gap and none where they touch', () => {
    expect(linesFromItems([item('inter', 50, 700), item('nationaal', 75, 700)])).toEqual(['internationaal']);
    expect(linesFromItems([item('cultuur', 50, 700), item('regio', 90, 700)])).toEqual(['cultuur regio']);
    expect(linesFromItems([item('cultuur ', 50, 700), item('regio', 90, 700)])).toEqual(['cultuur regio']);
  });

  it('keeps a superscript on the line of its baseline', () => {
    const lines = linesFromItems([item('samenwerking', 50, 700), item('2', 110, 704, 6, 3), item('is belangrijk', 120, 700)]);
    expect(lines).toEqual(['samenwerking2 is belangrijk']);
  });

  it('marks a vertical gap larger than the line pitch as a paragraph break', () => {
    const lines = linesFromItems([
      item('eerste alinea', 50, 700),
      item('loopt door', 50, 688),
      item('nog een regel', 50, 676),
      item('tweede alinea', 50, 652),
      item('ook hier', 50, 640),
    ]);
    expect(lines).toEqual(['eerste alinea', 'loopt door', 'nog een regel', '', 'tweede alinea', 'ook hier']);
  });

  it('drops empty and whitespace-only lines', () => {
    expect(linesFromItems([item('', 50, 700), item('  ', 50, 688), item('tekst', 50, 676)])).toEqual(['tekst']);
  });

  it('skips the second copy of text drawn twice for fake bold', () => {
    expect(linesFromItems([item('Vet', 50, 700), item('Vet', 50.3, 700)])).toEqual(['Vet']);
  });

  it('falls back to stream order and hasEOL when items carry no positions', () => {
    const flat = (str: string, hasEOL: boolean): TextItemLike => ({ str, transform: [1, 0, 0, 1, 0, 0], width: 0, hasEOL });
    expect(linesFromItems([flat('een ', false), flat('regel', true), flat('nog een', true)])).toEqual(['een regel', 'nog een']);
  });
});

describe('hasAlmostNoText', () => {
  it('calls pages with fewer than ten letters each almost empty', () => {
    expect(hasAlmostNoText([{ index: 1, lines: ['12'] }, { index: 2, lines: ['13'] }], 2)).toBe(true);
    expect(hasAlmostNoText([{ index: 1, lines: ['Regioprofiel'] }], 1)).toBe(false);
  });
});

describe('toPdfTextError', () => {
  const named = (name: string): Error => Object.assign(new Error(name), { name });
  it('maps a password exception to encrypted', () => {
    expect(toPdfTextError(named('PasswordException')).reason).toBe('encrypted');
  });
  it('maps invalid or unparsable PDFs to corrupt', () => {
    expect(toPdfTextError(named('InvalidPDFException')).reason).toBe('corrupt');
    expect(toPdfTextError(named('UnknownErrorException')).reason).toBe('corrupt');
  });
  it('maps anything else to read-error and keeps the message as detail', () => {
    const e = toPdfTextError(new TypeError('worker failed'));
    expect(e).toBeInstanceOf(PdfTextError);
    expect(e.reason).toBe('read-error');
    expect(e.detail).toBe('worker failed');
  });
});

describe('createPdfTextSource', () => {
  it('always passes isEvalSupported: false, even over platform options', async () => {
    let seen: Record<string, unknown> | undefined;
    const fake: PdfjsLike = {
      getDocument(src) {
        seen = src;
        return { promise: Promise.reject(Object.assign(new Error('x'), { name: 'InvalidPDFException' })), destroy: async () => undefined };
      },
    };
    const source = createPdfTextSource(async () => fake, () => ({ isEvalSupported: true }));
    await expect(source.extract(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'corrupt' });
    expect(seen?.isEvalSupported).toBe(false);
  });

  it('reports a pdf.js that cannot be loaded as read-error', async () => {
    const source = createPdfTextSource(() => Promise.reject(new Error('no worker')));
    await expect(source.extract(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'read-error' });
  });
});
