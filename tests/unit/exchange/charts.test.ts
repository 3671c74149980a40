import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { chartToSvgString, distributionChart, heatmapChart, integerTicks, patternId, stackedBarChart, wrapLabel, type ChartData } from '../../../src/exchange/charts.ts';

const { document } = new JSDOM('<!doctype html><body></body>').window;
const data: ChartData = {
  codes: [
    { id: 'civic', name: 'Civic', color: '#009E73', key: '4' },
    { id: 'market', name: 'Market', color: '#D55E00', key: '5' },
    { id: 'fame', name: 'Fame', color: '#F0E442', key: '3' },
  ],
  rows: [
    { label: 'Regioprofiel Noord', counts: [6, 3, 0] },
    { label: 'Regioprofiel Zuid', counts: [1, 0, 4] },
  ],
  totals: [7, 3, 4],
};
const options = { title: 'Regimes per document', countLabel: 'Fragments', document, idPrefix: 't' };

describe('charts', () => {
  it('shows long document titles whole, wrapped over lines, instead of cutting them off', () => {
    const title = 'Aandachtspunten bij profielen van stedelijke regio’s voor internationale samenwerking';
    const svg = stackedBarChart({ ...data, rows: [{ label: title, counts: [1, 0, 0] }] }, options);
    const tick = [...svg.querySelectorAll('g[data-label="y-axis tick label"] text')].map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') || t.textContent);
    expect(tick.map((t) => t!.replace(/\u200b/g, ''))).toEqual([title]);
    expect(wrapLabel(title)).toEqual(['Aandachtspunten bij profielen van', 'stedelijke regio’s voor', 'internationale samenwerking']);
    expect(wrapLabel('x'.repeat(200), 34, 2)).toEqual(['x'.repeat(34), `${'x'.repeat(33)}…`]);
  });

  it('draws a stacked bar per row with a patterned segment per non-zero count and the count as a label', () => {
    const svg = stackedBarChart(data, options);
    const fills = [...svg.querySelectorAll('g[data-label="bar"] rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toEqual([`url(#${patternId('t', 0)})`, `url(#${patternId('t', 1)})`, `url(#${patternId('t', 0)})`, `url(#${patternId('t', 2)})`]);
    const labels = [...svg.querySelectorAll('g[data-label="text"] text')].map((t) => t.textContent).filter(Boolean);
    expect(labels).toEqual(['6', '3', '1', '4']);
    expect(svg.getAttribute('aria-label')).toBe('Regimes per document');
  });

  it('gives every regime its colour and a different pattern, and a key with its shortcut and name', () => {
    const svg = stackedBarChart(data, options);
    const patterns = [...svg.querySelectorAll('pattern')];
    expect(patterns.map((p) => p.querySelector('rect')!.getAttribute('fill'))).toEqual(['#009E73', '#D55E00', '#F0E442']);
    const overlays = patterns.map((p) => `${p.getAttribute('patternTransform') ?? ''}|${[...p.children].slice(1).map((c) => c.tagName).join(',')}`);
    expect(new Set(overlays).size).toBe(3);
    expect([...svg.querySelectorAll('g[data-label="key"] text')].map((t) => t.textContent)).toEqual(['4 Civic', '5 Market', '3 Fame']);
  });

  it('draws the overall distribution with count and share per regime', () => {
    const svg = distributionChart(data, options);
    expect([...svg.querySelectorAll('g[data-label="text"] text')].map((t) => t.textContent)).toEqual(['7 (50.0%)', '3 (21.4%)', '4 (28.6%)']);
  });

  it('draws a heatmap with every count written in its cell', () => {
    const svg = heatmapChart(data, options);
    expect(svg.querySelectorAll('g[data-label="cell"] rect')).toHaveLength(6);
    const texts = [...svg.querySelectorAll('g[data-label="text"] text')].map((t) => t.textContent).sort();
    expect(texts).toEqual(['0', '0', '1', '3', '4', '6']);
  });

  it('labels the count axis as the caller says and puts ticks on whole numbers only', () => {
    // A document with one two-regime fragment reaches 2: small counts where Plot would tick at 0.5.
    const small: ChartData = { codes: data.codes.slice(0, 2), rows: [{ label: 'Doc', counts: [1, 1] }, { label: 'Other', counts: [0, 1] }], totals: [1, 2] };
    const label = 'Codings (regime assignments)';
    for (const draw of [stackedBarChart, distributionChart]) {
      const svg = draw(small, { ...options, countLabel: label });
      expect([...svg.querySelectorAll('g[data-label="x-axis label"] text')].map((t) => t.textContent)).toEqual([`${label} →`]);
      expect([...svg.querySelectorAll('g[data-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual(['0', '1', '2']);
    }
  });

  it('makes whole-number ticks from 0 past the largest count, at most about eight of them', () => {
    expect(integerTicks(0)).toEqual([0, 1]);
    expect(integerTicks(2)).toEqual([0, 1, 2]);
    expect(integerTicks(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(integerTicks(13)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(integerTicks(37)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    expect(integerTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('names the key in the language asked for', () => {
    const svg = stackedBarChart(data, { ...options, keyLabel: 'legenda' });
    expect(svg.querySelectorAll('g[data-label="key"]')).toHaveLength(0);
    // One accessible name for the whole image; none on its parts (aria-label is not allowed on <g>).
    expect(svg.querySelectorAll('g[aria-label]')).toHaveLength(0);
    expect([...svg.querySelectorAll('g[data-label="legenda"] text')].map((t) => t.textContent)).toEqual(['4 Civic', '5 Market', '3 Fame']);
  });

  it('saves as a standalone SVG file that parses as XML', () => {
    const text = chartToSvgString(stackedBarChart(data, options));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const { DOMParser } = new JSDOM().window;
    const xml = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(xml.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(xml.documentElement.getAttribute('viewBox')).toMatch(/^0 0 640 \d+$/);
  });
});
