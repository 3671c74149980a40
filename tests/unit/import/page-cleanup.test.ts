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

/** A page of positioned lines: a top line, body lines in the middle, a bottom line. */
const positioned = (index: number, top: string | undefined, body: string[], bottom: string | undefined, size = 10) => ({
  index,
  lines: [
    ...(top !== undefined ? [{ text: top, pos: 0.04, size: 9 }] : []),
    ...body.map((text, i) => ({ text, pos: 0.3 + i * 0.05, size })),
    ...(bottom !== undefined ? [{ text: bottom, pos: 0.96, size: 9 }] : []),
  ],
});

describe('removeRunningLines on laid-out pages', () => {
  it('removes a title on left pages and an address on right pages, each on fewer than half of the pages', () => {
    // Nine pages; chapter openings (1 and 6) carry neither.
    const input = Array.from({ length: 9 }, (_, i) => {
      const n = i + 1;
      const top = n === 1 || n === 6 ? undefined : n % 2 === 0 ? `${n} VRIJE CULTUUR` : 'www.vrijecultuur.example/boek';
      return positioned(n, top, [`Tekst op pagina ${n}.`, 'Nog een regel.'], String(n));
    });
    const { pages: out, removed } = removeRunningLines(input);
    expect(out.map((p) => p.lines.map((l) => l.text))).toEqual(input.map((p) => [`Tekst op pagina ${p.index}.`, 'Nog een regel.']));
    expect(removed.filter((r) => r.edge === 'top').map((r) => r.page)).toEqual([2, 3, 4, 5, 7, 8, 9]);
  });

  it('finds the footer by its position even where the reading order put it mid-page', () => {
    const input = [1, 2, 3].map((n) => {
      const p = positioned(n, undefined, ['Linkerkolom eindigt hier.', 'Rechterkolom begint hier.'], undefined);
      // The footer's left half was read with the left column: second in reading order.
      return { index: n, lines: [p.lines[0]!, { text: `bestand.html ${n}/3`, pos: 0.97, size: 8 }, p.lines[1]!] };
    });
    const { pages: out } = removeRunningLines(input);
    expect(out.map((p) => p.lines.map((l) => l.text))).toEqual([1, 2, 3].map(() => ['Linkerkolom eindigt hier.', 'Rechterkolom begint hier.']));
  });

  it('strips roman page numbers before comparing', () => {
    expect(runningKey('Inleiding xii')).toBe(runningKey('Inleiding iv'));
    expect(runningKey('vii')).toBe('#');
    expect(runningKey('civic culture')).toBe('civic culture');
  });

  it('keeps a repeated line set larger than the body text (a heading, not a running line)', () => {
    const input = [1, 2, 3, 4].map((n) => ({
      index: n,
      lines: [{ text: `Hoofdstuk ${n}`, pos: 0.05, size: 16 }, ...positioned(n, undefined, ['Tekst hier.', 'En hier.'], undefined).lines],
    }));
    expect(removeRunningLines(input).removed).toEqual([]);
  });

  it('leaves lines in the middle of the page alone, however often they repeat', () => {
    const input = [1, 2, 3, 4].map((n) => ({ index: n, lines: [{ text: `Uniek ${n * 7}a.`, pos: 0.1, size: 10 }, { text: 'Tabel 1: Regio en jaar', pos: 0.5, size: 10 }, { text: `Einde ${n * 3}b.`, pos: 0.9, size: 10 }] }));
    const { removed } = removeRunningLines(input);
    expect(removed.map((r) => r.text)).not.toContain('Tabel 1: Regio en jaar');
  });
});
