import { describe, expect, it } from 'vitest';
import { collapseWhitespace, countByDocumentAndTerm, countByTerm, kwic, kwicOrder, leftSortKey, rightSortKey } from '../../../src/text/concordance.ts';

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

describe('sorting a concordance', () => {
  const rows = [
    { documentIndex: 1, termIndex: 0, start: 50, left: 'samen met de', right: 'Wereld van morgen' },
    { documentIndex: 0, termIndex: 1, start: 90, left: 'over de', right: 'arbeidsmarkt.' },
    { documentIndex: 0, termIndex: 0, start: 10, left: 'met de hele', right: 'één, twee' },
    { documentIndex: 1, termIndex: 1, start: 5, left: 'Ook het Ééne', right: 'buitenland' },
  ];

  it('reads the left context from the hit outwards and the right context in reading order', () => {
    expect(leftSortKey('samen met de')).toBe('de met samen');
    expect(leftSortKey('(zie p. 15) de')).toBe('de 15 p zie');
    expect(rightSortKey('. Het lokale, verhaal')).toBe('Het lokale verhaal');
  });

  it('sorts by document and position', () => {
    expect(kwicOrder(rows, 'document')).toEqual([2, 1, 3, 0]);
  });

  it('sorts by term, then document and position', () => {
    expect(kwicOrder(rows, 'term')).toEqual([2, 0, 1, 3]);
  });

  it('sorts by the first word left of the hit, ignoring case and accents, then the next word out', () => {
    // Keys: "de met samen", "de over", "hele de met", "eene het ook".
    expect(kwicOrder(rows, 'left')).toEqual([0, 1, 3, 2]);
  });

  it('sorts by the first word right of the hit, ignoring case and accents', () => {
    // Keys: "Wereld van morgen", "arbeidsmarkt", "één twee", "buitenland".
    expect(kwicOrder(rows, 'right')).toEqual([1, 3, 2, 0]);
  });

  it('keeps document order for rows with the same sort word', () => {
    const same = [
      { documentIndex: 2, termIndex: 0, start: 1, left: 'de', right: 'x' },
      { documentIndex: 0, termIndex: 0, start: 9, left: 'De', right: 'x' },
      { documentIndex: 0, termIndex: 0, start: 3, left: 'dé', right: 'x' },
    ];
    expect(kwicOrder(same, 'left')).toEqual([2, 1, 0]);
    expect(kwicOrder(same, 'right')).toEqual([2, 1, 0]);
  });
});
