import { describe, expect, it } from 'vitest';
import { fold, foldByTable } from '../../../src/text/fold.ts';

describe('fold', () => {
  it('lower-cases and strips accents from Dutch letters', () => {
    expect(fold('Ideeën, Coördinatie, Café, ÉÉN, Geïnteresseerd')).toBe('ideeen, coordinatie, cafe, een, geinteresseerd');
  });

  it('keeps the length of the text so offsets carry over unchanged', () => {
    const text = 'Ĳssel — Straße · İstanbul · Øresund · naïef “quote” 𝒜 emoji 🙂 e\u0301';
    const folded = fold(text);
    expect(folded.length).toBe(text.length);
    expect(folded.indexOf('istanbul')).toBe(text.indexOf('İstanbul'));
  });

  it('folds letters without a decomposition to their base letter', () => {
    expect(fold('Øresund Łódź Đakovo')).toBe('oresund lodz dakovo');
  });

  it('leaves ß as one character instead of expanding it to ss', () => {
    expect(fold('STRAßE')).toBe('straße');
  });

  it('falls back to the table when native lower-casing would change the length', () => {
    // U+0130 lower-cases to two code units natively; the fold keeps one.
    expect(fold('İNTERNATIONAAL')).toBe('internationaal');
    expect(fold('İ').length).toBe(1);
  });

  it('gives the same result with the table as with native lower-casing', () => {
    const sample = 'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñÝýÿŸ ABC xyz 123 ŒœÆæ ĀāĒēŠšŽž';
    expect(foldByTable(sample)).toBe(fold(sample));
  });

  it('leaves digits, punctuation and whitespace as they are', () => {
    expect(fold('A-1,\n\t(b) – c.')).toBe('a-1,\n\t(b) – c.');
  });
});
