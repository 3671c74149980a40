/**
 * Charts of a tally, drawn with Observable Plot as SVG: a stacked bar per document (or group),
 * the overall distribution over regimes, and a heatmap of the matrix.
 *
 * Readable in black-and-white print (the thesis is often printed in greys):
 * - every regime fills with its codebook colour *and* its own pattern (solid, hatches either way,
 *   horizontal, vertical, cross-hatch, dots, then denser variants), drawn in black or white to
 *   contrast with the colour;
 * - bar segments wide enough carry their count as a direct label (black on a white halo);
 * - a key above each chart shows the patterned swatch, the code's shortcut key and its name;
 * - the count axis counts regime assignments (a fragment with two regimes counts under both; the
 *   caller's `countLabel` should say so) and has whole-number ticks only;
 * - the heatmap uses a single-hue ramp and writes every count in its cell.
 * Each chart is one self-contained <svg> (title, key and plot; white background), so the same
 * element shows on screen, saves as an .svg file and rasterises to PNG.
 * The DOM `document` is a parameter, so charts render in Node (jsdom) as well as in the browser.
 */
import * as Plot from '@observablehq/plot';

/** A regime as charts need it. */
export interface ChartCode {
  id: string;
  name: string;
  /** CSS colour #rrggbb. */
  color: string;
  /** Shortcut key shown in the key next to the name. */
  key: string;
}

/** Counts to chart: rows (documents or groups) × codes, and the totals per code. */
export interface ChartData {
  codes: ChartCode[];
  rows: { label: string; counts: number[] }[];
  totals: number[];
}

/** Options shared by the charts. */
export interface ChartOptions {
  /** Chart title, drawn at the top. */
  title: string;
  /** Label of the count axis, e.g. "Codings (regime assignments)": bars count regime assignments, not fragments. */
  countLabel: string;
  /** Accessible name of the key (legend) group, in the UI language; default "key". */
  keyLabel?: string;
  /** The DOM document to draw with; default the global one. */
  document?: Document;
  /** Width in CSS pixels; default 640 (about 17 cm at 96 dpi: an A4 text column). */
  width?: number;
  /** Prefix for pattern ids, unique per chart on a page; default "wm". */
  idPrefix?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Relative luminance (WCAG) of #rrggbb. */
function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0.5;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The pattern id of code `i` in a chart. */
export function patternId(prefix: string, i: number): string {
  return `${prefix}-pattern-${i}`;
}

/** Creates <defs> with one pattern per code: its colour plus a distinct black-or-white overlay. */
function patternDefs(doc: Document, codes: readonly ChartCode[], prefix: string): SVGDefsElement {
  const defs = doc.createElementNS(SVG_NS, 'defs') as SVGDefsElement;
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  codes.forEach((code, i) => {
    const kind = i % 7;
    const size = i >= 7 ? 5 : 8;
    const ink = luminance(code.color) > 0.3 ? 'rgba(0,0,0,0.75)' : 'rgba(255,255,255,0.85)';
    const pattern = el('pattern', { id: patternId(prefix, i), patternUnits: 'userSpaceOnUse', width: size, height: size });
    if (kind === 1 || kind === 2) pattern.setAttribute('patternTransform', `rotate(${kind === 1 ? 45 : -45})`);
    pattern.appendChild(el('rect', { width: size, height: size, fill: code.color }));
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      pattern.appendChild(el('line', { x1, y1, x2, y2, stroke: ink, 'stroke-width': 1.6 }));
    if (kind === 1 || kind === 2 || kind === 4) line(size / 2, 0, size / 2, size);
    if (kind === 3) line(0, size / 2, size, size / 2);
    if (kind === 5) {
      line(size / 2, 0, size / 2, size);
      line(0, size / 2, size, size / 2);
    }
    if (kind === 6) pattern.appendChild(el('circle', { cx: size / 2, cy: size / 2, r: size / 5, fill: ink }));
    defs.appendChild(pattern);
  });
  return defs;
}

/**
 * Whole-number ticks from 0 to at least `max`: every integer for small counts, else steps of
 * 1, 2 or 5 × 10^k chosen so there are at most about `count` ticks. Counts have no halves.
 */
export function integerTicks(max: number, count = 8): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; top / step > count; magnitude *= 10) {
    step = [1, 2, 5].map((m) => m * magnitude).find((s) => top / s <= count) ?? 10 * magnitude;
  }
  const end = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= end; v += step) ticks.push(v);
  return ticks;
}

/** Approximate text width in px at `size` px: enough for layout of keys and margins. */
const textWidth = (text: string, size: number) => text.length * size * 0.54;

/** Characters per line of a row label, and the most lines a label takes. */
const LABEL_LINE = 34;
const LABEL_LINES = 4;

/**
 * A row label (a document title) wrapped at word boundaries into lines of at most LABEL_LINE
 * characters, so charts show titles whole instead of cutting them off; only a title longer than
 * LABEL_LINES lines ends in "…" (the full title is in each mark's tooltip).
 */
export function wrapLabel(text: string, width = LABEL_LINE, maxLines = LABEL_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    // A word longer than a line is cut into pieces.
    for (let w = word; w.length > 0; ) {
      const room = line ? width - line.length - 1 : width;
      if (w.length <= room) {
        line = line ? `${line} ${w}` : w;
        w = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(w.slice(0, width));
        w = w.slice(width);
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/**
 * Wraps a Plot svg into the final chart: white background, title, key (when `codes` given),
 * pattern definitions, then the plot below.
 */
function compose(
  doc: Document,
  plot: SVGSVGElement,
  options: ChartOptions,
  width: number,
  codes: readonly ChartCode[] | null,
  prefix: string,
): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.title);
  svg.setAttribute('font-family', FONT);
  svg.appendChild(el('title', {}, options.title));
  if (codes) svg.appendChild(patternDefs(doc, codes, prefix));
  const background = el('rect', { x: 0, y: 0, width, fill: '#ffffff' });
  svg.appendChild(background);
  svg.appendChild(el('text', { x: 8, y: 22, 'font-size': 15, 'font-weight': 700, fill: '#000' }, options.title));
  let y = 36;
  let key: Element | null = null;
  if (codes) {
    // Key: patterned swatch, shortcut key, name; wrapped over lines.
    let x = 8;
    key = el('g', { 'aria-label': options.keyLabel ?? 'key' });
    codes.forEach((code, i) => {
      const label = `${code.key} ${code.name}`;
      const w = 16 + 6 + textWidth(label, 12) + 14;
      if (x + w > width - 8 && x > 8) {
        x = 8;
        y += 20;
      }
      key!.appendChild(el('rect', { x, y, width: 16, height: 14, fill: `url(#${patternId(prefix, i)})`, stroke: '#000', 'stroke-width': 0.8 }));
      key!.appendChild(el('text', { x: x + 22, y: y + 11, 'font-size': 12, fill: '#000' }, label));
      x += w;
    });
    svg.appendChild(key);
    y += 26;
  }
  const plotHeight = Number(plot.getAttribute('height') ?? 0);
  // The chart is one image with one name (role="img", aria-label): Plot's names of its parts
  // ("bar", "x-axis") are kept as data-label, since aria-label is not allowed on a plain <g>.
  for (const part of [key, ...plot.querySelectorAll('[aria-label]')]) {
    if (!part || part === plot) continue;
    part.setAttribute('data-label', part.getAttribute('aria-label') ?? '');
    part.removeAttribute('aria-label');
  }
  plot.removeAttribute('aria-label');
  plot.setAttribute('x', '0');
  plot.setAttribute('y', String(y));
  svg.appendChild(plot);
  const height = y + plotHeight + 8;
  background.setAttribute('height', String(height));
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return svg;
}

/** A stacked horizontal bar per row: one patterned segment per code, counts as direct labels. */
export function stackedBarChart(data: ChartData, options: ChartOptions): SVGSVGElement {
  const doc = options.document ?? globalThis.document;
  const width = options.width ?? 640;
  const prefix = options.idPrefix ?? 'wm';
  const labels = data.rows.map((r) => wrapLabel(r.label));
  // Unique y values even when two titles are alike; the label's lines are joined by line breaks.
  const yOf = (i: number) => `${labels[i]!.join('\n')}\u200b${'\u200b'.repeat(i)}`;
  const marginLeft = Math.max(60, Math.max(0, ...labels.flat().map((l) => textWidth(l, 11))) + 14);
  const rowHeight = Math.max(28, Math.max(1, ...labels.map((l) => l.length)) * 13 + 8);
  const ticks = integerTicks(Math.max(0, ...data.rows.map((r) => r.counts.reduce((a, b) => a + b, 0))));
  const maxTotal = ticks[ticks.length - 1]!;
  const pxPerUnit = (width - marginLeft - 20) / maxTotal;
  const segments = data.rows.flatMap((r, i) =>
    r.counts.map((n, c) => ({ y: yOf(i), row: r.label, code: data.codes[c]!.name, c, n, fill: `url(#${patternId(prefix, c)})` })).filter((d) => d.n > 0),
  );
  const plot = Plot.plot({
    document: doc,
    width,
    height: Math.max(80, data.rows.length * rowHeight + 50),
    marginLeft,
    marginRight: 20,
    color: { type: 'identity' },
    x: { label: options.countLabel, grid: true, domain: [0, maxTotal], ticks, tickFormat: 'd' },
    y: { label: null, domain: data.rows.map((_, i) => yOf(i)), tickFormat: (v: string) => v.replace(/\u200b+$/, '') },
    marks: [
      Plot.barX(segments, Plot.stackX({ y: 'y', x: 'n', fill: 'fill', order: 'c', stroke: '#000', strokeWidth: 0.8, title: (d: (typeof segments)[number]) => `${d.row}\n${d.code}: ${d.n}` })),
      Plot.text(
        segments,
        Plot.stackX({
          y: 'y',
          x: 'n',
          order: 'c',
          text: (d: (typeof segments)[number]) => (d.n * pxPerUnit >= 8 + String(d.n).length * 7 ? String(d.n) : ''),
          fill: '#000',
          stroke: '#fff',
          strokeWidth: 3,
          fontSize: 11,
          fontWeight: 700,
        }),
      ),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement;
  return compose(doc, plot, options, width, data.codes, prefix);
}

/** The overall distribution: one patterned bar per code with its count and share. */
export function distributionChart(data: ChartData, options: ChartOptions): SVGSVGElement {
  const doc = options.document ?? globalThis.document;
  const width = options.width ?? 640;
  const prefix = options.idPrefix ?? 'wm';
  const sum = data.totals.reduce((a, b) => a + b, 0);
  const bars = data.codes.map((code, c) => ({
    y: `${code.key} ${code.name}`,
    n: data.totals[c] ?? 0,
    fill: `url(#${patternId(prefix, c)})`,
    label: `${data.totals[c] ?? 0}${sum > 0 ? ` (${(((data.totals[c] ?? 0) / sum) * 100).toFixed(1)}%)` : ''}`,
  }));
  const marginLeft = Math.min(220, Math.max(60, Math.max(0, ...bars.map((b) => textWidth(b.y, 11))) + 14));
  const ticks = integerTicks(Math.max(0, ...bars.map((b) => b.n)));
  const plot = Plot.plot({
    document: doc,
    width,
    height: Math.max(80, bars.length * 28 + 50),
    marginLeft,
    marginRight: 90,
    color: { type: 'identity' },
    x: { label: options.countLabel, grid: true, domain: [0, ticks[ticks.length - 1]!], ticks, tickFormat: 'd' },
    y: { label: null, domain: bars.map((b) => b.y) },
    marks: [
      Plot.barX(bars, { y: 'y', x: 'n', fill: 'fill', stroke: '#000', strokeWidth: 0.8 }),
      Plot.text(bars, { y: 'y', x: 'n', text: 'label', textAnchor: 'start', dx: 4, fill: '#000', fontSize: 11 }),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement;
  return compose(doc, plot, options, width, data.codes, prefix);
}

/** A heatmap of the matrix: rows × codes, a single-hue ramp, every count written in its cell. */
export function heatmapChart(data: ChartData, options: ChartOptions): SVGSVGElement {
  const doc = options.document ?? globalThis.document;
  const width = options.width ?? 640;
  const prefix = options.idPrefix ?? 'wm';
  const labels = data.rows.map((r) => wrapLabel(r.label));
  const yOf = (i: number) => `${labels[i]!.join('\n')}${'\u200b'.repeat(i + 1)}`;
  const marginLeft = Math.max(60, Math.max(0, ...labels.flat().map((l) => textWidth(l, 11))) + 14);
  const rowHeight = Math.max(26, Math.max(1, ...labels.map((l) => l.length)) * 13 + 6);
  const max = Math.max(1, ...data.rows.flatMap((r) => r.counts));
  const columns = data.codes.map((c) => `${c.key} ${c.name}`);
  const cells = data.rows.flatMap((r, i) => r.counts.map((n, c) => ({ y: yOf(i), x: columns[c]!, n, row: r.label })));
  const plot = Plot.plot({
    document: doc,
    width,
    height: Math.max(90, data.rows.length * rowHeight + 70),
    marginLeft,
    marginTop: 40,
    padding: 0.04,
    x: { label: null, axis: 'top', domain: columns, tickRotate: columns.some((c) => textWidth(c, 11) > (width - marginLeft) / columns.length) ? -25 : 0 },
    y: { label: null, domain: data.rows.map((_, i) => yOf(i)), tickFormat: (v: string) => v.replace(/\u200b+$/, '') },
    color: { type: 'linear', domain: [0, max], scheme: 'blues' },
    marks: [
      Plot.cell(cells, { x: 'x', y: 'y', fill: 'n', stroke: '#fff', title: (d: (typeof cells)[number]) => `${d.row}\n${d.x}: ${d.n}` }),
      // Two text marks with constant (unscaled) colours: white on dark cells, black on light ones.
      Plot.text(cells.filter((d) => d.n / max > 0.5), { x: 'x', y: 'y', text: (d: (typeof cells)[number]) => String(d.n), fill: '#fff', fontSize: 11, fontWeight: 700 }),
      Plot.text(cells.filter((d) => d.n / max <= 0.5), { x: 'x', y: 'y', text: (d: (typeof cells)[number]) => String(d.n), fill: '#000', fontSize: 11, fontWeight: 700 }),
    ],
  }) as SVGSVGElement;
  return compose(doc, plot, options, width, null, prefix);
}

/** The chart as an .svg file's text (UTF-8, with the XML declaration). */
export function chartToSvgString(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const Serializer = view?.XMLSerializer ?? globalThis.XMLSerializer;
  const text = new Serializer().serializeToString(svg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
