/**
 * Charts of the current view: stacked bars per row, the overall distribution and a heatmap; each
 * saves as SVG and PNG. The charts are drawn only while the panel is on screen (or about to be):
 * a filter change with the panel scrolled away costs nothing here, and the charts are drawn for
 * the current view when the panel comes into sight (or a chart is saved).
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useLang } from '../i18n.tsx';
import type { Codebook } from '../../model/index.ts';
import type { TallyView } from '../../analysis/tally-view.ts';
import { chartToSvgString, distributionChart, heatmapChart, stackedBarChart, type ChartData, type ChartOptions } from '../../exchange/charts.ts';
import { downloadFile, safeFileName } from '../../exchange/download.ts';
import { svgToPng } from './chart-image.ts';

type ChartKind = 'bars' | 'distribution' | 'heatmap';

const DRAW: Record<ChartKind, (data: ChartData, options: ChartOptions) => SVGSVGElement> = {
  bars: stackedBarChart,
  distribution: distributionChart,
  heatmap: heatmapChart,
};

/** Props of the chart panel. */
export interface ChartPanelProps {
  view: TallyView;
  codebook: Codebook;
}

/** The three charts of a view. */
export function ChartPanel({ view, codebook }: ChartPanelProps) {
  const { t } = useLang();
  const section = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(section);
  const m = view.matrix;
  const data = useMemo<ChartData>(() => {
    const codes = m.columns.map((col, i) => {
      const code = codebook.codes.find((c) => c.id === col.code);
      // In value columns the key says which value of the regime: "4a", "4b", …
      const within = col.value === undefined ? '' : String.fromCharCode(97 + m.columns.slice(0, i).filter((c) => c.code === col.code).length);
      return { id: col.id, name: view.columnNames[i]!, color: code?.color ?? '#999999', key: `${code?.key ?? ''}${within}` };
    });
    return { codes, rows: m.rows.map((r) => ({ label: r.title, counts: r.counts })), totals: m.totals.counts };
  }, [m, codebook, view.columnNames]);
  const empty = m.totals.assignments === 0;
  const charts: [ChartKind, string][] = [
    ['bars', m.rowKind === 'group' ? t('tv.chartBarsGroup') : t('tv.chartBars')],
    ['distribution', t('tv.chartDistribution')],
    ['heatmap', t('tv.chartHeatmap')],
  ];
  return (
    <section className="panel" aria-labelledby="charts-h" ref={section}>
      <h2 id="charts-h">{t('tv.charts')}</h2>
      <p className="hint">{t('tv.chartsExplain')}</p>
      {empty ? (
        <p className="hint">{t('tv.chartEmpty')}</p>
      ) : (
        <div className="charts">
          {charts.map(([kind, title]) => (
            <Chart key={kind} kind={kind} title={title} data={data} onScreen={onScreen} />
          ))}
        </div>
      )}
    </section>
  );
}

/** Whether the element is on screen or within a screen of it (an IntersectionObserver; true where there is none). */
function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [on, setOn] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setOn(entries.some((e) => e.isIntersecting)), { rootMargin: '100% 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return on;
}

function Chart({ kind, title, data, onScreen }: { kind: ChartKind; title: string; data: ChartData; onScreen: boolean }) {
  const { t } = useLang();
  const holder = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement | null>(null);
  // What the chart on screen shows; drawn again only when that changed.
  const drawnFor = useRef<unknown[]>([]);
  const [error, setError] = useState('');
  const draw = (): SVGSVGElement | null => {
    const el = holder.current;
    if (!el) return null;
    const inputs = [kind, data, title, t];
    if (svgRef.current && inputs.every((x, i) => x === drawnFor.current[i])) return svgRef.current;
    const svg = DRAW[kind](data, { title, countLabel: t('tv.chartCount'), keyLabel: t('tv.chartKey'), idPrefix: `wm-${kind}` });
    el.replaceChildren(svg);
    svgRef.current = svg;
    drawnFor.current = inputs;
    return svg;
  };
  useEffect(() => {
    if (onScreen) draw();
  });
  const day = new Date().toISOString().slice(0, 10);
  const fileName = (ext: string) => `${safeFileName(`worthmark-${title}-${day}`)}.${ext}`;
  const saveSvg = () => {
    const svg = draw();
    if (svg) downloadFile(fileName('svg'), chartToSvgString(svg), 'image/svg+xml;charset=utf-8');
  };
  const savePng = async () => {
    const svg = draw();
    if (!svg) return;
    setError('');
    try {
      const png = await svgToPng(chartToSvgString(svg), Number(svg.getAttribute('width')), Number(svg.getAttribute('height')));
      downloadFile(fileName('png'), png, 'image/png');
    } catch {
      setError(t('tv.chartFailed'));
    }
  };
  return (
    <figure className="chart" data-chart={kind}>
      <div ref={holder} className="chart-svg" />
      <figcaption className="row">
        <button type="button" className="small" onClick={saveSvg} aria-label={t('tv.chartSvg', { chart: title })}>
          SVG
        </button>
        <button type="button" className="small" onClick={() => void savePng()} aria-label={t('tv.chartPng', { chart: title })}>
          PNG (300 dpi)
        </button>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
