import { describe, expect, it } from 'vitest';
import { createPdfTextSource, hasAlmostNoText, PdfTextError, toPdfTextError, type PdfjsLike } from '../../../src/import/pdf-text.ts';
import type { LayoutLine } from '../../../src/import/layout.ts';

const line = (text: string): LayoutLine => ({ text, flow: 0, x0: 0, x1: 100, y: 0, textX0: 0, pos: 0.5, angle: 0, size: 10, font: 'f', firstWord: 20, space: 3 });

describe('hasAlmostNoText', () => {
  it('calls pages with fewer than ten letters each almost empty', () => {
    expect(hasAlmostNoText([{ index: 1, lines: [line('12')], unmapped: 0 }, { index: 2, lines: [line('13')], unmapped: 0 }], 2)).toBe(true);
    expect(hasAlmostNoText([{ index: 1, lines: [line('Regioprofiel')], unmapped: 0 }], 1)).toBe(false);
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
  it("maps pdf.js's parser exceptions (a damaged cross-reference table) to corrupt", () => {
    for (const name of ['XRefEntryException', 'XRefParseException', 'ParserEOFException', 'FormatError']) expect(toPdfTextError(named(name)).reason, name).toBe('corrupt');
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
