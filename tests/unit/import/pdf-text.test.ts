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
