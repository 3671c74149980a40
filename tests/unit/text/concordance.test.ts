import { describe, expect, it } from 'vitest';
import { collapseWhitespace, countByDocumentAndTerm, countByTerm, kwic } from '../../../src/text/concordance.ts';

const text = 'De raad ziet dat internationale samenwerking in de culturele sector van groot belang is voor de toekomst.';
const at = text.indexOf('internationale');

describe('kwic', () => {
  it('returns the match with its left and right context', () => {
    expect(kwic(text, at, at + 14, { width: 200 })).toEqual({
      left: 'De raad ziet dat',
      match: 'internationale',
      right: 'samenwerking in de culturele sector van groot belang is voor de toekomst.',
    });
  });

  it('cuts the context at word boundaries within the width', () => {
    const row = kwic(text, at, at + 14, { width: 12 });
    expect(row.left).toBe('ziet dat');
    expect(row.right).toBe('samenwerking');
    expect(row.left.length).toBeLessThanOrEqual(12);
    expect(row.right.length).toBeLessThanOrEqual(12);
  });

  it('collapses whitespace and line breaks in the context and the match', () => {
    const t = 'een  \n grote\t\twereld-\nwijde\n\n  aanpak  voor';
    const start = t.indexOf('grote');
    const row = kwic(t, start, t.indexOf('aanpak') + 6, { width: 20 });
    expect(row.match).toBe('grote wereldwijde aanpak');
    expect(row.left).toBe('een');
    expect(row.right).toBe('voor');
  });

  it('cuts inside a word only when that word alone is longer than the width', () => {
    const t = 'Donaudampfschifffahrtsgesellschaftskapitän wereld';
    const row = kwic(t, t.indexOf('wereld'), t.length, { width: 10 });
    expect(row.left.length).toBeLessThanOrEqual(10);
    expect(row.left).toBe('ftskapitän');
  });

  it('gives empty contexts at the edges of the text and for width 0', () => {
    expect(kwic('wereld', 0, 6)).toEqual({ left: '', match: 'wereld', right: '' });
    expect(kwic(text, at, at + 14, { width: 0 })).toEqual({ left: '', match: 'internationale', right: '' });
  });

  it('joins a line-end hyphenation when collapsing whitespace', () => {
    expect(collapseWhitespace('internatio-\nnale  top')).toBe('internationale top');
    expect(collapseWhitespace('Noord-\nBrabant')).toBe('Noord- Brabant');
  });
});

describe('counts', () => {
  const hits = [
    { termIndex: 0, start: 0, end: 1 },
    { termIndex: 2, start: 3, end: 4 },
    { termIndex: 0, start: 5, end: 6 },
  ];

  it('counts hits per term, zeros included', () => {
    expect(countByTerm(hits, 4)).toEqual([2, 0, 1, 0]);
  });

  it('counts hits per document and term', () => {
    expect(countByDocumentAndTerm([hits, []], 3)).toEqual([
      [2, 0, 1],
      [0, 0, 0],
    ]);
  });
});
