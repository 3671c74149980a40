import { describe, expect, it } from 'vitest';
import { removeRunningLines, runningKey } from '../../../src/import/page-cleanup.ts';
import type { PageLines } from '../../../src/text/normalise.ts';

const pages = (bodies: string[][], header?: (n: number) => string, footer?: (n: number) => string): PageLines[] =>
  bodies.map((body, i) => ({
    index: i + 1,
    label: String(i + 1),
    lines: [...(header ? [header(i + 1), ''] : []), ...body, ...(footer ? ['', footer(i + 1)] : [])],
  }));

describe('removeRunningLines', () => {
  it('ignores digits when comparing lines across pages', () => {
    expect(runningKey('Pagina 3 van 40')).toBe(runningKey('pagina  12 van 40'));
  });

  it('removes a running header and page-number footer and reports them', () => {
    const input = pages([['Tekst een.'], ['Tekst twee.'], ['Tekst drie.'], ['Tekst vier.']], () => 'Regioprofiel Cultuur 2025', (n) => `${n}/4`);
    const { pages: out, removedLines } = removeRunningLines(input);
    expect(out.map((p) => p.lines)).toEqual([['Tekst een.'], ['Tekst twee.'], ['Tekst drie.'], ['Tekst vier.']]);
    expect(removedLines).toHaveLength(8);
    expect(removedLines).toContain('3/4');
  });

  it('lets a paragraph run on across a removed header', () => {
    const input = pages([['De regio werkt'], ['samen met partners.'], ['Slot.']], () => 'Kop', (n) => String(n));
    expect(removeRunningLines(input).pages[1]!.lines).toEqual(['samen met partners.']);
  });

  it('leaves body text alone, even when pages start alike', () => {
    const input = pages([['Inleiding', 'een'], ['Methode', 'twee'], ['Resultaten', 'drie'], ['Inleiding', 'vier']]);
    const { pages: out, removedLines } = removeRunningLines(input);
    expect(removedLines).toEqual([]);
    expect(out.map((p) => p.lines)).toEqual(input.map((p) => p.lines));
  });

  it('reports where each removed line stood: its page and the top or bottom edge', () => {
    const input = pages([['Tekst een.'], ['Tekst twee.'], ['Tekst drie.']], () => 'Regioprofiel 2025', (n) => `${n}/3`);
    expect(removeRunningLines(input).removed).toEqual([1, 2, 3].flatMap((n) => [
      { page: n, edge: 'top', text: 'Regioprofiel 2025' },
      { page: n, edge: 'bottom', text: `${n}/3` },
    ]));
  });

  it('never empties a page, even when its only line looks like a running line', () => {
    const input = pages([['Alinea 1.'], ['Alinea 2.'], ['Alinea 3.']]);
    const { pages: out, removed } = removeRunningLines(input);
    expect(removed).toEqual([]);
    expect(out.map((p) => p.lines)).toEqual([['Alinea 1.'], ['Alinea 2.'], ['Alinea 3.']]);
  });

  it('does nothing to documents of fewer than three pages', () => {
    const input = pages([['a'], ['b']], () => 'Kop');
    expect(removeRunningLines(input).removedLines).toEqual([]);
  });
});
