/**
 * Tally: the code matrix (documents or groups × regimes or values) with counts, row %, column %
 * and presence, drill-down from every cell to its fragments, co-occurrence, charts and exports —
 * all under one set of filters (analysis/tally-view.ts computes them together).
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useLang } from '../i18n.tsx';
import { useActiveCodebook, useCoders, useDocuments, useFragments, useHitDecisions, useSearches } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { computeTallyView } from '../../analysis/tally-view.ts';
import type { TextRange } from '../../analysis/fragment-filter.ts';
import { searchHitRanges } from '../../actions/export-search-hits.ts';
import { SearchClient, searchFailureText } from '../search/search-client.ts';

let tallyClient: SearchClient | null = null;
/** The tally's own search worker (the search screen's may be busy with what the user types). */
function tallySearch(): SearchClient {
  tallyClient ??= new SearchClient();
  return tallyClient;
}
import type { SearchId } from '../../model/ids.ts';
import { queryErrorText, type MessageKey } from '../messages.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';
import { focusCell, gridCellOf, keepTabStop, makeTabStop, onGridKeyDown } from '../grid-keys.ts';
import { shortTitles } from '../short-title.ts';
import { TallyFilters } from './TallyFilters.tsx';
import { FragmentList } from './FragmentList.tsx';
import { CoOccurrencePanel } from './CoOccurrencePanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { loadChoices, saveChoices, toFilter, type TallyChoices } from './tally-state.ts';
import type { MatrixMeasure } from '../../exchange/tally-table.ts';
import './tally.css';

// The charts bring Observable Plot (a large library): loaded when the tally is first drawn, after the table.
const ChartPanel = lazy(() => import('./ChartPanel.tsx').then((m) => ({ default: m.ChartPanel })));

/** A selected matrix cell: a row index or the totals, a column index or the mere statements. */
type MatrixCell = { row: number | 'total'; column: number | 'mere' };

/** A matrix cell as its `data-cell` attribute ("3:5", "total:mere"), and back. */
const cellKey = (c: MatrixCell) => `${c.row}:${c.column}`;
function parseCell(key: string): MatrixCell {
  const [row, column] = key.split(':');
  return { row: row === 'total' ? 'total' : Number(row), column: column === 'mere' ? 'mere' : Number(column) };
}

const MEASURES: [MatrixMeasure, MessageKey][] = [
  ['counts', 'tv.measureCounts'],
  ['row', 'tv.measureRow'],
  ['column', 'tv.measureColumn'],
  ['presence', 'tv.measurePresence'],
];

/** Moves the focus (and the view) to a part of the tally: a heading, or the matrix grid's current cell. */
function jumpTo(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const stop = el.getAttribute('role') === 'grid' ? el.querySelector<HTMLElement>('[tabindex="0"]') : null;
  if (stop) {
    stop.focus();
    return;
  }
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** The tally screen. */
export function TallyView() {
  const { t, lang, local } = useLang();
  const docs = useDocuments();
  const fragments = useFragments();
  const codebook = useActiveCodebook();
  const coders = useCoders();
  const searches = useSearches();
  const [choices, setChoicesState] = useState<TallyChoices>(loadChoices);
  const setChoices = (next: Partial<TallyChoices>) =>
    setChoicesState((c) => {
      const merged = { ...c, ...next };
      saveChoices(merged);
      return merged;
    });
  const search = searches?.find((s) => s.id === choices.searchId);
  const decisions = useHitDecisions(search ? (search.id as SearchId) : null);
  const [hits, setHits] = useState<{ key: string; hits: TextRange[] | null; error?: string }>({ key: '', hits: null });
  const searchKey = search ? `${search.id}\n${search.terms}\n${docs?.length ?? 0}` : '';
  useEffect(() => {
    if (!search) return;
    let live = true;
    // The search runs in a worker of its own (never a regex on this page's thread), within its time budget.
    void searchHitRanges(appDb(), search, (documents, query) => tallySearch().searchAll(documents, query)).then(
      (r) => {
        if (!live) return;
        setHits('error' in r ? { key: searchKey, hits: [], error: queryErrorText(lang, r.error) } : { key: searchKey, hits: r.hits });
      },
      (e: unknown) => {
        if (!live) return;
        setHits({ key: searchKey, hits: [], error: searchFailureText(t, e) });
      },
    );
    return () => {
      live = false;
    };
    // searchKey stands for the search's id, terms and the documents searched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchKey]);
  const searchHits = search && hits.key === searchKey ? hits.hits : null;
  const searchPending = Boolean(search) && hits.key !== searchKey;

  const view = useMemo(() => {
    if (!docs || !fragments || !codebook) return null;
    const dismissals = (decisions ?? []).filter((d) => d.state === 'dismissed');
    return computeTallyView({
      documents: docs,
      fragments,
      codes: codebook.codes,
      filter: toFilter(choices, searchHits, dismissals),
      rows: choices.rows,
      columns: choices.columns,
      lang,
    });
  }, [docs, fragments, codebook, decisions, choices, searchHits, lang]);

  // One formatter for every cell (toLocaleString with options makes a new one per call: a tenth of a filter change at 100 rows).
  const percentFormat = useMemo(() => new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }), [lang]);
  const [cell, setCell] = useState<MatrixCell | null>(null);
  // A new view invalidates the selected cell's indices.
  useEffect(() => setCell(null), [view]);
  // The matrix is a data grid with one tab stop (grid-keys.ts); a render that removed its cell gives it to another.
  const grid = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => keepTabStop(grid.current));
  const rowTitles = useMemo(() => shortTitles(view?.matrix.rows.map((r) => r.title) ?? []), [view]);

  if (!view || !codebook || !docs || !fragments) return <p>{t('common.loading')}</p>;
  const missingTexts = docs.filter((d) => d.textMissing);
  const m = view.matrix;
  const codeOf = (i: number) => codebook.codes.find((c) => c.id === m.columns[i]?.code);
  const pct = (p: number | null) => (p === null ? '–' : `${percentFormat.format(p)}%`);
  const nameOf = (id: string) => view.columnNames[m.codes.indexOf(id)] ?? id;
  const presence = choices.measure === 'presence';
  const show = (r: (typeof m)['totals'], i: number): string => {
    if (choices.measure === 'row') return pct(r.percentages[i] ?? null);
    if (choices.measure === 'column') return pct(r.columnPercentages[i] ?? null);
    // Presence: 0/1 per row; the total counts the rows with a 1 (documents, the thesis' measure).
    if (presence) return String(r === m.totals ? m.rowsWithAtLeastOne[i] : r.presence[i]);
    return String(r.counts[i]);
  };
  const showMere = (r: (typeof m)['totals']): string =>
    String(!presence ? r.mereStatements : r === m.totals ? m.rowsWithMereStatement : r.mereStatements > 0 ? 1 : 0);
  const counted = (key: MessageKey) => (choices.measure === 'counts' ? t(key) : t('tally.countOf', { label: t(key) }));
  const rowTitle = (row: number | 'total') => (row === 'total' ? t('tally.total') : m.rows[row]!.title);
  const columnTitle = (column: number | 'mere') => (column === 'mere' ? t('tally.mere') : view.columnNames[column]!);
  const cellIndices = (c: MatrixCell): number[] => {
    const r = c.row === 'total' ? m.totals : m.rows[c.row]!;
    return c.column === 'mere' ? r.mere : r.cells[c.column]!;
  };
  /** A count cell: a number that lists its fragments (click, or Enter / Space in the grid). */
  const countCell = (row: number | 'total', column: number | 'mere', text: string, n: number, share?: string) => {
    const selected = cell?.row === row && cell?.column === column;
    return (
      <td key={String(column)} className={`num${n === 0 ? ' zero' : ''}`} data-cell={cellKey({ row, column })} aria-selected={selected}>
        <span className="n">{text}</span>
        {share !== undefined && <span className="pct"> ({share})</span>}
      </td>
    );
  };
  const toggleCell = (el: HTMLTableCellElement) => {
    const key = el.dataset.cell;
    if (!key) return;
    const c = parseCell(key);
    setCell((cur) => (cur && cur.row === c.row && cur.column === c.column ? null : c));
  };
  const onGridClick = (e: MouseEvent<HTMLTableElement>) => {
    const el = gridCellOf(e.currentTarget, e.target);
    if (!el || e.target instanceof HTMLAnchorElement) return;
    focusCell(e.currentTarget, el);
    toggleCell(el);
  };
  const dominantText = m.dominant.map(nameOf).join(', ');
  const dominantDocs = m.dominant.length ? (m.documentsWithAtLeastOne[m.codes.indexOf(m.dominant[0]!)] ?? 0) : 0;

  return (
    <div className="tally">
      <section className="panel" aria-labelledby="tally-h">
        <h1 id="tally-h">{t('tally.title')}</h1>
        {/* The keyboard's way past the filters and matrices (dozens of stops): straight to each part. */}
        <nav className="tally-jump row" aria-label={t('tally.jumpNav')}>
          <span className="muted" aria-hidden="true">
            {t('tally.jump')}
          </span>
          {(
            [
              ['tally-matrix', t('tally.jumpTable')],
              ['co-h', t('tv.co')],
              ['charts-h', t('tv.charts')],
              ['export-h', t('export.title')],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" className="link" onClick={() => jumpTo(id)}>
              {label}
            </button>
          ))}
        </nav>
        <TallyFilters
          choices={choices}
          setChoices={setChoices}
          documents={docs}
          coders={coders ?? []}
          searches={searches ?? []}
          flags={codebook.flags}
          searchPending={searchPending}
          searchError={search && hits.key === searchKey ? hits.error : undefined}
          searchName={search?.name ?? ''}
        />
        <div className="row view-controls">
          <label className="field">
            <span>{t('tv.rows')}</span>
            <select value={choices.rows} onChange={(e) => setChoices({ rows: e.target.value as TallyChoices['rows'] })}>
              <option value="document">{t('tv.rowsDocument')}</option>
              <option value="region">{t('tv.rowsRegion')}</option>
              <option value="year">{t('tv.rowsYear')}</option>
              <option value="type">{t('tv.rowsType')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('tv.columns')}</span>
            <select value={choices.columns} onChange={(e) => setChoices({ columns: e.target.value as TallyChoices['columns'] })}>
              <option value="codes">{t('tv.columnsCodes')}</option>
              <option value="values">{t('tv.columnsValues')}</option>
            </select>
          </label>
          <fieldset className="measure">
            <legend>{t('tv.measure')}</legend>
            {MEASURES.map(([value, label]) => (
              <label key={value} className="check">
                <input type="radio" name="tally-measure" value={value} checked={choices.measure === value} onChange={() => setChoices({ measure: value })} />
                {t(label)}
              </label>
            ))}
          </fieldset>
        </div>
        <p className="hint">{choices.measure === 'counts' ? t('tally.explain') : t('tv.measureExplain')}</p>
        {missingTexts.length > 0 && (
          <p className="text-missing-note">
            <span className="tag tag-missing">{t('missing.tag')}</span>{' '}
            {t('missing.tally', { n: missingTexts.length, names: missingTexts.slice(0, 5).map((d) => d.title).join(', ') + (missingTexts.length > 5 ? ` … (+${missingTexts.length - 5})` : '') })}
          </p>
        )}
        <p role="status" className="tally-status">
          {t('tv.shown', { n: view.fragments.length, total: fragments.length })}{' '}
          {m.dominant.length > 0 ? (
            <strong className="dominant">{t('tally.dominant', { names: dominantText, n: dominantDocs, total: m.documentCount })}</strong>
          ) : (
            <span className="hint">{t('tally.none')}</span>
          )}
        </p>
        <div className="table-scroll">
          <table
            className="tally-table matrix"
            id="tally-matrix"
            role="grid"
            aria-describedby="tally-grid-hint"
            ref={grid}
            onKeyDown={(e) => onGridKeyDown(e, toggleCell)}
            onClick={onGridClick}
            onFocus={(e) => {
              const el = gridCellOf(e.currentTarget, e.target);
              if (el) makeTabStop(e.currentTarget, el);
            }}
          >
            <caption className="sr-only">{t('tally.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m.rowKind === 'group' ? t('tv.group') : t('tally.document')}</th>
                {m.columns.map((col, i) => {
                  const code = codeOf(i);
                  return (
                    <th scope="col" key={col.id} className="num">
                      {code && <CodeSwatch code={code} />} {view.columnNames[i]}
                    </th>
                  );
                })}
                <th scope="col" className="num">{presence ? t('tally.mere') : counted('tally.mere')}</th>
                <th scope="col" className="num">{counted('tally.fragments')}</th>
                <th scope="col">{t('tally.dominantCol')}</th>
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r, ri) => (
                <tr key={r.key}>
                  <th scope="row">
                    {m.rowKind === 'document' ? (
                      <a href={`#/reader/${encodeURIComponent(r.key)}`} tabIndex={-1} className="row-title" title={r.title}>
                        {/* Shown shortened (from where a series parts, or in the middle); read whole. */}
                        {rowTitles[ri] === r.title ? (
                          r.title
                        ) : (
                          <>
                            <span aria-hidden="true">{rowTitles[ri]}</span>
                            <span className="sr-only">{r.title}</span>
                          </>
                        )}
                      </a>
                    ) : (
                      <>
                        {r.title} <span className="muted">({t('tv.groupDocs', { n: r.documentIds.length })})</span>
                      </>
                    )}
                  </th>
                  {r.counts.map((n, i) => countCell(ri, i, show(r, i), n, choices.measure === 'counts' ? pct(r.percentages[i] ?? null) : undefined))}
                  {countCell(ri, 'mere', showMere(r), r.mereStatements)}
                  <td className="num">{r.fragments}</td>
                  <td>{r.dominant.map(nameOf).join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('tally.total')}</th>
                {m.totals.counts.map((n, i) => countCell('total', i, show(m.totals, i), n, choices.measure === 'counts' ? pct(m.totals.percentages[i] ?? null) : undefined))}
                {countCell('total', 'mere', showMere(m.totals), m.totals.mereStatements)}
                <td className="num">{m.totals.fragments}</td>
                <td>{m.mostCoded.map(nameOf).join(', ') || '–'}</td>
              </tr>
              <tr>
                <th scope="row">{t('tally.presence')}</th>
                {m.documentsWithAtLeastOne.map((n, i) => (
                  <td key={i} className="num">
                    {n} / {m.documentCount}
                  </td>
                ))}
                <td className="num">
                  {m.documentsWithMereStatement} / {m.documentCount}
                </td>
                <td />
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="hint" id="tally-grid-hint">
          {t('tv.gridHint')}
        </p>
        {cell && (
          <FragmentList
            title={t('tv.drillTitle', { row: rowTitle(cell.row), column: columnTitle(cell.column), n: cellIndices(cell).length })}
            items={cellIndices(cell).map((i) => [view.fragments[i]!])}
            documents={docs}
            codebook={codebook}
            onClose={() => setCell(null)}
          />
        )}
      </section>
      <CoOccurrencePanel view={view} codebook={codebook} documents={docs} mode={choices.coMode} setMode={(coMode) => setChoices({ coMode })} />
      <Suspense fallback={null}>
        <ChartPanel view={view} codebook={codebook} />
      </Suspense>
      <ExportPanel view={view} choices={choices} setChoices={setChoices} codebook={codebook} coders={coders ?? []} search={search} totalFragments={fragments.length} local={local} searchPending={searchPending} />
    </div>
  );
}
