import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../support/random.ts';
import { parseReliabilityCsv, parseSegmentsCsv, tableCsvErrorText } from '../../../src/exchange/reliability-csv.ts';

describe('reliability data tables', () => {
  it('reads coder names, numbers, labels and empty cells as missing', () => {
    expect(parseReliabilityCsv('\uFEFFAnna,Bram,Chris\n1,2,\n,x,3.5\n')).toEqual({
      parsed: { coders: ['Anna', 'Bram', 'Chris'], units: [[1, 2, null], [null, 'x', 3.5]] },
    });
  });

  it('finds the separator, and reads decimal commas only where the separator is not a comma', () => {
    expect(parseReliabilityCsv('A;B\n2,5;3\n')).toEqual({ parsed: { coders: ['A', 'B'], units: [[2.5, 3]] } });
    expect(parseReliabilityCsv('A\tB\n2,5\t3\n')).toEqual({ parsed: { coders: ['A', 'B'], units: [[2.5, 3]] } });
    expect(parseReliabilityCsv('A,B\n"2,5",3\n')).toEqual({ parsed: { coders: ['A', 'B'], units: [['2,5', 3]] } });
  });

  it('keeps a row of empty cells as a unit nobody coded', () => {
    expect(parseReliabilityCsv('A,B\n,\n1,1\n')).toEqual({ parsed: { coders: ['A', 'B'], units: [[null, null], [1, 1]] } });
  });

  it('names the row of a ragged line, an unnamed or repeated coder, an open quote', () => {
    expect(parseReliabilityCsv('A,B\n1,2\n1,2,3\n')).toEqual({ error: { reason: 'ragged', row: 3, cells: 3, expected: 2 } });
    expect(parseReliabilityCsv('A,A\n1,2\n')).toEqual({ error: { reason: 'duplicate-coder', name: 'A', column: 2 } });
    expect(parseReliabilityCsv(' ,B\n1,2\n')).toEqual({ error: { reason: 'unnamed-coder', column: 1 } });
    expect(parseReliabilityCsv('A,B\n"1,2\n')).toMatchObject({ error: { reason: 'unterminated-quote' } });
    expect(parseReliabilityCsv('  \n')).toEqual({ error: { reason: 'empty' } });
  });
});

describe('segment rows', () => {
  it('reads rows with or without the header row', () => {
    const rows = [{ row: 2, coder: 'a', start: 0, length: 5, category: 'civic' }];
    expect(parseSegmentsCsv('coder,start,length,category\na,0,5,civic\n')).toEqual({ parsed: rows });
    expect(parseSegmentsCsv('a,0,5,civic\n')).toEqual({ parsed: [{ ...rows[0], row: 1 }] });
  });

  it('refuses a row that is not four cells, a start that is not a whole number, an empty coder', () => {
    expect(parseSegmentsCsv('a,0,5\n')).toEqual({ error: { reason: 'ragged', row: 1, cells: 3, expected: 4 } });
    expect(parseSegmentsCsv('a,x,5,c\n')).toEqual({ error: { reason: 'not-whole-number', row: 1, column: 'start', value: 'x' } });
    expect(parseSegmentsCsv(' ,0,5,c\n')).toEqual({ error: { reason: 'empty-cell', row: 1, column: 'coder' } });
  });
});

describe('CSV parsers on random input', () => {
  it('end in a table or a clean error for 400 seeded random files', () => {
    const rnd = seeded(7);
    const alphabet = ['a', 'B', '1', '2.5', '-', ',', ';', '\t', '\n', '\r\n', '"', ' ', 'é', '\uFEFF', '0', 'e9', ''];
    for (let i = 0; i < 400; i++) {
      const text = Array.from({ length: Math.floor(rnd() * 60) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      for (const parse of [parseReliabilityCsv, parseSegmentsCsv]) {
        const r = parse(text);
        if ('error' in r) expect(tableCsvErrorText(r.error)).toMatch(/\w/);
        else expect(Array.isArray('coders' in r.parsed ? r.parsed.units : r.parsed)).toBe(true);
      }
    }
  });
});
