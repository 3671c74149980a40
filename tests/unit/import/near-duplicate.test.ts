import { describe, expect, it } from 'vitest';
import { findNearDuplicate, NEAR_DUPLICATE_THRESHOLD, similarity, SIGNATURE_SIZE, textSignature } from '../../../src/import/near-duplicate.ts';

/** Deterministic prose: `n` sentences picked from a seeded generator. */
function prose(seed: number, n: number): string {
  let s = seed >>> 0;
  const r = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const words = ['regio', 'cultuur', 'internationaal', 'samenwerking', 'makers', 'publiek', 'erfgoed', 'grens', 'festival', 'gemeente', 'provincie', 'talent', 'musea', 'podia', 'wereld', 'beleid'];
  return Array.from({ length: n }, () => Array.from({ length: 12 }, () => words[Math.floor(r() * words.length)]).join(' ') + '.').join(' ');
}

describe('near-duplicate texts (word 5-shingles, bottom-k min-hash)', () => {
  const report = prose(1, 300);

  it('finds the same text in another print: other line breaks, paragraphs, case and accents', () => {
    const reprint = report.replace(/\. /g, '.\n\n').toUpperCase().replace(/musea/gi, 'MUSÉA');
    expect(similarity(textSignature(report.replace(/musea/g, 'muséa')), textSignature(reprint))).toBe(1);
  });

  it('rates a text with a twentieth of its sentences changed as a near-duplicate, and a different text with the same words as not', () => {
    const sentences = report.split('. ');
    const edited = sentences.map((x, i) => (i % 20 === 0 ? prose(1000 + i, 1).slice(0, -1) : x)).join('. ');
    expect(similarity(textSignature(report), textSignature(edited))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(similarity(textSignature(report), textSignature(prose(2, 300)))).toBeLessThan(0.1);
  });

  it('does not flag a text that shares only a third of its paragraphs', () => {
    const sentences = report.split('. ');
    const other = sentences.map((x, i) => (i % 3 === 0 ? x : prose(5000 + i, 1).slice(0, -1))).join('. ');
    expect(similarity(textSignature(report), textSignature(other))).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
  });

  it('keeps a sketch of at most 128 sorted values, whatever the text’s length', () => {
    const sig = textSignature(prose(3, 5000));
    expect(sig).toHaveLength(SIGNATURE_SIZE);
    expect(sig).toEqual([...sig].sort((a, b) => a - b));
    expect(textSignature('')).toEqual([]);
    expect(textSignature('twee woorden')).toHaveLength(1);
  });

  it('picks the most similar document at or above the threshold', () => {
    const a = textSignature(report);
    const candidates = [
      { id: 'other', signature: textSignature(prose(9, 300)) },
      { id: 'same', signature: textSignature(report.toLowerCase()) },
    ];
    expect(findNearDuplicate(a, candidates)).toEqual({ id: 'same', similarity: 1 });
    expect(findNearDuplicate(a, candidates.slice(0, 1))).toBeUndefined();
  });
});
