/**
 * The concordance as a worklist: every hit with its context and its state (open, coded,
 * dismissed), progress, and a keyboard flow that decides hits without leaving the screen.
 *
 * The key grammar: ↑/↓ (j/k), Home/End, Page Up/Down move; n / Shift+N go to the next / previous
 * open hit; every decision key — 1–7 a regime, 0 mere statement, g the flag, x dismiss (again:
 * reopen), r dismiss with a reason, p widen to the paragraph — acts on the current hit and the
 * focus stays on it, so a second key (a second regime, x again) acts on the same hit and "n" goes
 * on. A key on a hit whose passage is already coded acts on that fragment (actions/worklist.ts).
 * Enter opens the hit in the reader, on its fragment when it is coded. Ctrl+Z / Ctrl+Shift+Z undo
 * and redo every decision, dismissals included (one history with the reader).
 *
 * Rows are a pure function of the data (worklist-rows.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { navigate } from '../route.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';
import { useActiveCodebook, useActiveCoder, useFragments, useHitDecisions } from '../../storage/hooks.ts';
import { CoderPrompt } from '../settings/CoderPrompt.tsx';
import { appDb } from '../../storage/app-db.ts';
import { codeHit, dismissHit, expandHit, hitFragmentRange, restoreHit, type HitKey } from '../../actions/worklist.ts';
import { codingHistory, type HistoryMove } from '../../actions/history.ts';
import { decisionsFile } from '../../actions/export-decisions.ts';
import { downloadFile } from '../../exchange/download.ts';
import { kwicOrder, type KwicSortKey } from '../../text/concordance.ts';
import { nextOpen, worklistProgress, worklistStates, type WorklistDismissal, type WorklistFragment } from '../../text/worklist.ts';
import type { CorpusHit } from '../../text/corpus-search.ts';
import { hitDecisionId } from '../../storage/repository.ts';
import type { DocumentId, Fragment, PolicyDocument, SavedSearch } from '../../model/index.ts';
import { UndoButtons, useUndoKeys } from '../reader/UndoButtons.tsx';
import { stepLabel } from '../reader/step-label.ts';
import { hitKey, worklistRows, type WorklistRow } from './worklist-rows.ts';
import type { RanSearch } from './SearchView.tsx';

export { hitKey } from './worklist-rows.ts';

const PAGE = 300;
/** "Wrap the contexts" as last chosen in this session (off: one line per hit). */
let wrapChosen = false;
/** Rows Page Up / Page Down move by. */
const PAGE_STEP = 10;

/** Props of the worklist. */
export interface WorklistProps {
  ran: RanSearch;
  docs: readonly PolicyDocument[];
  texts: ReadonlyMap<string, string>;
  search: SavedSearch | null;
  sort: KwicSortKey;
  onSort: (sort: KwicSortKey) => void;
  currentKey: string | null;
  onCurrent: (key: string | null) => void;
  newDocIds: readonly string[];
  /** The chosen context width in characters: the context columns are this wide where the screen allows. */
  contextWidth: number;
}

/**
 * Decisions made in this screen that the database has not reported back yet: fragments written
 * (and fragments merged away), dismissals stored and removed. Each is dropped once the live data
 * shows it, and all are dropped after an undo or redo (the live data then is the truth).
 */
interface Optimistic {
  fragments: WorklistFragment[];
  removedFragments: string[];
  dismissals: WorklistDismissal[];
  restored: string[];
}
const NOTHING: Optimistic = { fragments: [], removedFragments: [], dismissals: [], restored: [] };

const place = (f: Fragment): WorklistFragment => ({ id: f.id, documentId: f.documentId, start: f.anchor.start, end: f.anchor.end });

/** The concordance with hit states, progress and the keyboard flow. */
export function Worklist(props: WorklistProps) {
  const { t, local, lang } = useLang();
  const { ran, docs, texts, search, sort, currentKey, onCurrent } = props;
  const hits = ran.result.hits;
  const fragments = useFragments();
  const decisions = useHitDecisions(search?.id);
  const codebook = useActiveCodebook();
  const coder = useActiveCoder();
  const history = codingHistory();
  const [optimistic, setOptimistic] = useState<Optimistic>(NOTHING);
  const [shown, setShown] = useState(PAGE);
  const [announce, setAnnounce] = useState('');
  const [reason, setReason] = useState('');
  // One line per hit (a concordance, contexts cut at the screen's edge, the whole sentence in the
  // panel beside the list), or the whole contexts wrapped over lines.
  const [wrap, setWrap] = useState(wrapChosen);
  useEffect(() => {
    wrapChosen = wrap;
  }, [wrap]);
  const tableRef = useRef<HTMLTableElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  /** The hit the focus should go to once the list shows it as current (a render in between, e.g. live data arriving, must not use it up on the old row). */
  const focusPending = useRef<string | null>(null);

  const titles = useMemo(() => new Map(docs.map((d) => [d.id as string, d.title])), [docs]);
  const fragmentById = useMemo(() => new Map((fragments ?? []).map((f) => [f.id as string, f])), [fragments]);

  const entries = useMemo(() => {
    const removed = new Set(optimistic.removedFragments);
    const live = (fragments ?? []).filter((f) => !removed.has(f.id)).map(place);
    const liveIds = new Set(live.map((f) => f.id));
    const frags = [...live.map((f) => optimistic.fragments.find((o) => o.id === f.id) ?? f), ...optimistic.fragments.filter((f) => !liveIds.has(f.id) && !removed.has(f.id))];
    const restored = new Set(optimistic.restored);
    const stored = (decisions ?? []).map((d) => ({ id: d.id, documentId: d.documentId, start: d.start, end: d.end, ...(d.reason ? { reason: d.reason } : {}) }));
    const storedIds = new Set(stored.map((d) => d.id));
    const dis = [...stored.map((d) => optimistic.dismissals.find((o) => o.id === d.id) ?? d), ...optimistic.dismissals.filter((d) => !storedIds.has(d.id))].filter(
      (d) => !restored.has(d.id),
    );
    return worklistStates(hits, frags, dis);
  }, [hits, fragments, decisions, optimistic]);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;

  // Optimistic entries the live data now shows are dropped (the list stays short).
  useEffect(() => {
    if (!fragments || !decisions) return;
    setOptimistic((o) => {
      if (o === NOTHING) return o;
      const live = new Map(fragments.map((f) => [f.id as string, f]));
      const stored = new Map(decisions.map((d) => [d.id, d]));
      const next: Optimistic = {
        fragments: o.fragments.filter((f) => {
          const l = live.get(f.id);
          return !l || l.anchor.start !== f.start || l.anchor.end !== f.end;
        }),
        removedFragments: o.removedFragments.filter((id) => live.has(id)),
        // Kept until the stored decision is there with the same reason: a dismissal without a reason
        // is not "already stored" just because no decision is (x, x, x: the reopen lands first).
        dismissals: o.dismissals.filter((d) => {
          const s = stored.get(d.id);
          return !s || s.reason !== d.reason;
        }),
        restored: o.restored.filter((id) => stored.has(id)),
      };
      const same =
        next.fragments.length === o.fragments.length &&
        next.removedFragments.length === o.removedFragments.length &&
        next.dismissals.length === o.dismissals.length &&
        next.restored.length === o.restored.length;
      return same ? o : next;
    });
  }, [fragments, decisions]);

  const order = useMemo(() => {
    const docIndex = new Map(ran.result.documents.map((d, i) => [d.id, i]));
    return kwicOrder(
      hits.map((h) => ({ documentIndex: docIndex.get(h.documentId) ?? 0, termIndex: h.termIndex, start: h.start, left: h.left, right: h.right })),
      sort,
    );
  }, [hits, ran.result.documents, sort]);
  const posByKey = useMemo(() => new Map(order.map((hi, pos) => [hitKey(hits[hi]!), pos])), [order, hits]);
  const found = currentKey === null ? undefined : posByKey.get(currentKey);
  const pos = found ?? (order.length > 0 ? 0 : -1);
  const current = pos >= 0 ? hits[order[pos]!]! : null;
  const currentEntry = pos >= 0 ? entries[order[pos]!]! : null;
  const progress = useMemo(() => worklistProgress(entries), [entries]);
  const visible = Math.max(shown, pos + 1);
  const newIds = useMemo(() => new Set(props.newDocIds), [props.newDocIds]);
  const rows = useMemo(() => worklistRows({ hits, order, entries, titles, newDocIds: newIds }, 0, visible), [hits, order, entries, titles, newIds, visible]);

  const moveTo = useCallback(
    (p: number) => {
      if (order.length === 0) return;
      const to = Math.max(0, Math.min(order.length - 1, p));
      const key = hitKey(hits[order[to]!]!);
      focusPending.current = key;
      onCurrent(key);
      // The same hit again (a decision key, Esc from the reason field): focus it all the same.
      if (to === pos) tableRef.current?.querySelector<HTMLButtonElement>(`button[data-pos="${to}"]`)?.focus();
    },
    [order, hits, onCurrent, pos],
  );

  useEffect(() => {
    const want = focusPending.current;
    if (want === null) return;
    if (!posByKey.has(want)) {
      focusPending.current = null; // the hit is gone from the list
      return;
    }
    if (posByKey.get(want) !== pos) return; // not current yet: wait for the render that makes it so
    focusPending.current = null;
    const el = tableRef.current?.querySelector<HTMLButtonElement>(`button[data-pos="${pos}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  });

  // Decisions run one after another: "5" then "7" both act on the fragment "5" made.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = useCallback(
    (op: () => Promise<unknown>) => {
      queue.current = queue.current.then(op).catch((e) => {
        console.error(e);
        setAnnounce(t('reader.saveFailed'));
      });
    },
    [t],
  );

  const afterDecision = useCallback(
    (what: string) => setAnnounce(`${what} ${t('search.progress', { decided: worklistProgress(entriesRef.current).decided, total: entriesRef.current.length })}`),
    [t],
  );

  const decide = useCallback(
    (hitIndex: number, key: HitKey) => {
      const h = hits[hitIndex];
      const text = h ? texts.get(h.documentId) : undefined;
      if (!h || text === undefined || !coder) return;
      enqueue(async () => {
        const r = await codeHit(appDb(), { documentId: h.documentId as DocumentId, start: h.start, end: h.end }, text, coder.id, key);
        if (!r) return;
        const f = r.fragment;
        setOptimistic((o) => ({
          ...o,
          fragments: [...o.fragments.filter((x) => x.id !== f.id && !r.removed.includes(x.id as never)), place(f)],
          removedFragments: [...o.removedFragments, ...r.removed],
        }));
        const names = codebook ? f.codes.flatMap((id) => codebook.codes.find((c) => c.id === id) ?? []).map((c) => local(c.name)) : [];
        const flagged = codebook?.flags.filter((x) => f.flags.includes(x.id)).map((x) => local(x.name)) ?? [];
        const coded = t('search.codedAs', { codes: [names.length ? names.join(' + ') : t('reader.mere'), ...flagged].join(', ') });
        afterDecision(r.how === 'widened' ? `${t('search.widenedOver')} ${coded}` : coded);
      });
    },
    [hits, texts, coder, codebook, enqueue, local, t, afterDecision],
  );

  const dismiss = useCallback(
    (hitIndex: number, why: string, toggle: boolean) => {
      const h = hits[hitIndex];
      const entry = entriesRef.current[hitIndex];
      if (!h || !entry) return;
      if (!search) {
        setAnnounce(t('search.saveFirst'));
        return;
      }
      if (entry.state === 'coded') {
        setAnnounce(t('search.codedNotDismissed'));
        return;
      }
      if (entry.state === 'dismissed' && toggle && entry.dismissalId) {
        const id = entry.dismissalId;
        setOptimistic((o) => ({ ...o, restored: [...o.restored, id] }));
        enqueue(async () => {
          await restoreHit(appDb(), id);
          afterDecision(t('search.restored'));
        });
        return;
      }
      const at = { documentId: h.documentId as DocumentId, start: h.start, end: h.end };
      const id = hitDecisionId(search.id, h.documentId, h.start, h.end, coder?.id);
      setOptimistic((o) => ({
        ...o,
        restored: o.restored.filter((x) => x !== id),
        dismissals: [...o.dismissals.filter((d) => d.id !== id), { id, ...at, ...(why.trim() ? { reason: why.trim() } : {}) }],
      }));
      enqueue(async () => {
        await dismissHit(appDb(), search.id, at, why, coder?.id);
        afterDecision(t('search.dismissedNote'));
      });
    },
    [hits, search, coder, enqueue, t, afterDecision],
  );

  const expand = useCallback(
    (hitIndex: number) => {
      const h = hits[hitIndex];
      const entry = entriesRef.current[hitIndex];
      const text = h ? texts.get(h.documentId) : undefined;
      if (!h || text === undefined || !coder) return;
      if (entry?.state !== 'coded') {
        setAnnounce(t('search.expandNeedsFragment'));
        return;
      }
      enqueue(async () => {
        const r = await expandHit(appDb(), { documentId: h.documentId as DocumentId, start: h.start, end: h.end }, text, coder.id);
        if (!r) {
          setAnnounce(t('search.expandNeedsFragment'));
          return;
        }
        setOptimistic((o) => ({
          ...o,
          fragments: [...o.fragments.filter((x) => x.id !== r.fragment.id), place(r.fragment)],
          removedFragments: [...o.removedFragments, ...r.removed],
        }));
        setAnnounce(r.removed.length > 0 ? t('search.expandedMerged', { n: r.removed.length }) : t('search.expanded'));
      });
    },
    [hits, texts, coder, enqueue, t],
  );

  const afterMove = useCallback(
    (move: HistoryMove | undefined) => {
      setOptimistic(NOTHING);
      if (!move) setAnnounce(t('reader.nothingToUndo'));
      else if (move.refused) setAnnounce(t('reader.staleStep'));
      else setAnnounce(t(move.direction === 'undo' ? 'reader.undone' : 'reader.redone', { what: stepLabel(t, move.step.kind) }));
    },
    [t],
  );
  const undo = useCallback(() => enqueue(async () => afterMove(await history.undo(appDb(), coder?.id))), [enqueue, afterMove, history, coder]);
  const redo = useCallback(() => enqueue(async () => afterMove(await history.redo(appDb(), coder?.id))), [enqueue, afterMove, history, coder]);
  useUndoKeys(undo, redo);

  const [exportStatus, setExportStatus] = useState<{ text: string; error: boolean } | null>(null);
  async function exportDecisions(format: 'csv' | 'xlsx') {
    if (!search) return;
    try {
      const file = await decisionsFile(appDb(), search.id, { format, lang, separator: lang === 'nl' ? ';' : ',' });
      if (!file) return;
      downloadFile(file.fileName, file.data, file.mime);
      setExportStatus({ text: t('search.decisionsDone', { file: file.fileName, n: file.rows }), error: false });
    } catch (e) {
      setExportStatus({ text: t('tv.exportFailed', { reason: e instanceof Error ? e.message : String(e) }), error: true });
    }
  }

  function openInReader(h: CorpusHit) {
    // The reader applies the coded-passage rule: a coded hit opens with its fragment active.
    navigate({ screen: 'reader', documentId: h.documentId, start: h.start, end: h.end });
  }

  const flag = codebook?.flags[0];

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.ctrlKey || e.metaKey || e.altKey || pos < 0) return;
    // A key typed before the last move has rendered acts where that move went (Home then n, j then 1),
    // not on the row the focus is still leaving.
    const pending = focusPending.current === null ? undefined : posByKey.get(focusPending.current);
    const at = pending ?? pos;
    const hitIndex = order[at]!;
    const key = e.key;
    let handled = true;
    if (key === 'ArrowDown' || key === 'j') moveTo(at + 1);
    else if (key === 'ArrowUp' || key === 'k') moveTo(at - 1);
    else if (key === 'PageDown') moveTo(at + PAGE_STEP);
    else if (key === 'PageUp') moveTo(at - PAGE_STEP);
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(order.length - 1);
    else if (key === 'n' || key === 'N') {
      const p = nextOpen(entriesRef.current, order, at, key === 'N' ? -1 : 1);
      if (p < 0) setAnnounce(t('search.noneOpen'));
      else moveTo(p);
    } else if (key === '0') decide(hitIndex, { kind: 'mere' });
    else if ((key === 'g' || key === 'G') && flag) decide(hitIndex, { kind: 'flag', flag: flag.id });
    else if (key === 'x' || key === 'X') dismiss(hitIndex, '', true);
    else if (key === 'r' || key === 'R') {
      setReason(currentEntry?.reason ?? '');
      reasonRef.current?.focus();
    } else if (key === 'p' || key === 'P') expand(hitIndex);
    else {
      const c = codebook?.codes.find((x) => x.key === key);
      if (c) decide(hitIndex, { kind: 'code', code: c.id });
      else handled = false;
    }
    if (handled) e.preventDefault();
  }

  const codeNames = (f: Fragment | undefined) => (f && codebook ? f.codes.flatMap((id) => codebook.codes.find((c) => c.id === id) ?? []) : []);

  function stateCell(row: WorklistRow) {
    if (row.state === 'open') return <span className="state state-open">{t('search.stateOpen')}</span>;
    if (row.state === 'dismissed')
      return (
        <span className="state state-dismissed" title={row.reason}>
          {t('search.stateDismissed')}
          {row.reason ? `: ${row.reason}` : ''}
        </span>
      );
    const f = fragmentById.get(row.fragmentId ?? '');
    const codes = codeNames(f);
    const flagged = f && flag && f.flags.includes(flag.id);
    return (
      <span className="state state-coded">
        <span className="sr-only">{t('search.stateCoded')}: </span>
        {codes.length === 0 ? <span className="muted">{t('reader.mere')}</span> : codes.map((c) => <CodeSwatch key={c.id} code={c} />)}
        {flagged && (
          <span className="flag-mark" title={local(flag.name)}>
            G<span className="sr-only"> {local(flag.name)}</span>
          </span>
        )}
        <span className="sr-only">{codes.map((c) => local(c.name)).join(', ')}</span>
      </span>
    );
  }

  const preview = useMemo(() => {
    if (!current || !currentEntry) return null;
    const text = texts.get(current.documentId);
    if (text === undefined) return null;
    const f = currentEntry.state === 'coded' ? fragmentById.get(currentEntry.fragmentId ?? '') : undefined;
    if (f) return { text: f.anchor.exact, fragment: f };
    const r = hitFragmentRange(text, current.start, current.end);
    return { text: text.slice(r.start, r.end), fragment: undefined };
  }, [current, currentEntry, texts, fragmentById]);

  // The context columns follow the chosen width; the hit column fits the longest match shown.
  const longestMatch = useMemo(() => rows.reduce((n, r) => Math.max(n, r.match.length), 0), [rows]);
  const columnVars = { '--ctx': props.contextWidth, '--hit': Math.max(6, Math.min(24, longestMatch)) } as React.CSSProperties;

  const sorts: KwicSortKey[] = ['document', 'term', 'left', 'right'];
  const pct = progress.total ? Math.round((progress.decided / progress.total) * 100) : 0;
  const flagOn = !!(flag && preview?.fragment?.flags.includes(flag.id));

  return (
    <section className="panel worklist" aria-labelledby="kwic-h">
      <div className="worklist-head">
        <h2 id="kwic-h">{t('search.kwic', { n: hits.length })}</h2>
        <UndoButtons history={history} onUndo={undo} onRedo={redo} />
        <div className="row decisions-export" role="group" aria-label={t('search.decisionsExport')}>
          <button type="button" className="small" disabled={!search} onClick={() => void exportDecisions('csv')}>
            {t('search.decisionsCsv')}
          </button>
          <button type="button" className="small" disabled={!search} onClick={() => void exportDecisions('xlsx')}>
            {t('search.decisionsXlsx')}
          </button>
          {exportStatus && (
            <span className={exportStatus.error ? 'error-text' : 'hint'} role={exportStatus.error ? 'alert' : 'status'}>
              {exportStatus.text}
            </span>
          )}
        </div>
      </div>
      {/* Who is coding: asked before the first coding, here as in the reader. */}
      <CoderPrompt coder={coder ?? null} />
      <div className="progress-line">
        <progress max={progress.total || 1} value={progress.decided} aria-label={t('search.progressLabel')} />
        <strong>{t('search.progress', { decided: progress.decided, total: progress.total })}</strong>
        <span className="muted">
          {t('search.progressDetail', { coded: progress.coded, dismissed: progress.dismissed, open: progress.open, decisions: progress.decisions, pct })}
        </span>
      </div>
      {!search && <p className="hint">{t('search.saveFirstHint')}</p>}
      <div className="row">
        <label className="field inline">
          <span>{t('search.sortBy')}</span>
          <select value={sort} onChange={(e) => props.onSort(e.target.value as KwicSortKey)}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          <span>{t('search.wrapContext')}</span>
        </label>
        <p className="hint keys-hint" id="worklist-keys">
          {t('search.keysHint')}
        </p>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <div className="worklist-layout">
        <div className="table-scroll">
          <table className={`kwic ${wrap ? 'wrap' : 'one-line'}`} ref={tableRef} onKeyDown={onKeyDown} aria-describedby="worklist-keys" style={columnVars}>
            <colgroup>
              <col className="c-state" />
              <col className="c-doc" />
              <col className="c-page" />
              <col className="c-left" />
              <col className="c-hit" />
              <col className="c-right" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('search.state')}</th>
                <th scope="col">{t('search.document')}</th>
                <th scope="col" className="num">
                  {t('search.page')}
                </th>
                <th scope="col" className="left">
                  {t('search.left')}
                </th>
                <th scope="col" className="hit">
                  {t('search.hit')}
                </th>
                <th scope="col">{t('search.right')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const isCurrent = row.pos === pos;
                return (
                  <tr key={row.key} className={`${isCurrent ? 'current ' : ''}state-${row.state}`}>
                    <td>{stateCell(row)}</td>
                    <td className="muted doc" title={row.title}>
                      {row.isNew && <span className="badge new-badge">{t('search.newBadge')}</span>}
                      {row.title}
                    </td>
                    <td className="num">{row.page}</td>
                    <td className="left">
                      <span>{row.left}</span>
                    </td>
                    <td className="hit">
                      <button
                        type="button"
                        className="link"
                        data-pos={row.pos}
                        tabIndex={isCurrent ? 0 : -1}
                        aria-current={isCurrent ? 'true' : undefined}
                        aria-label={t('search.openHit', { match: row.match, doc: row.title, page: row.page })}
                        onFocus={() => {
                          if (!isCurrent) onCurrent(row.key);
                        }}
                        onClick={() => openInReader(hits[row.hitIndex]!)}
                      >
                        {row.match}
                      </button>
                    </td>
                    <td className="right">{row.right}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {order.length > visible && (
            <button type="button" onClick={() => setShown(visible + PAGE)}>
              {t('search.more', { n: Math.min(PAGE, order.length - visible) })}
            </button>
          )}
        </div>
        {current && currentEntry && (
          <aside className="hit-detail" aria-labelledby="hit-detail-h">
            <h3 id="hit-detail-h">
              {t('search.current', { pos: pos + 1, total: order.length, doc: titles.get(current.documentId) ?? '', page: current.page })}
            </h3>
            <p className="muted">
              {currentEntry.state === 'coded' ? t('search.stateCoded') : currentEntry.state === 'dismissed' ? t('search.stateDismissed') : t('search.stateOpen')}
              {' · '}
              {preview?.fragment ? t('search.previewFragment') : t('search.previewSentence')}
            </p>
            <blockquote className="quote">{preview ? (preview.text.length > 600 ? `${preview.text.slice(0, 600)}…` : preview.text) : ''}</blockquote>
            {codebook && (
              <div className="code-buttons" role="group" aria-label={t('reader.regimes')}>
                {codebook.codes.map((c) => {
                  const on = preview?.fragment?.codes.includes(c.id) ?? false;
                  return (
                    <button
                      key={c.id}
                      type="button"
                      className={`code-button${on ? ' on' : ''}`}
                      aria-pressed={on}
                      aria-keyshortcuts={c.key}
                      title={local(c.description)}
                      onClick={() => decide(order[pos]!, { kind: 'code', code: c.id })}
                    >
                      <CodeSwatch code={c} />
                      <span>{local(c.name)}</span>
                    </button>
                  );
                })}
              </div>
            )}
            <div className="row">
              <button type="button" aria-keyshortcuts="0" onClick={() => decide(order[pos]!, { kind: 'mere' })} disabled={currentEntry.state === 'coded'}>
                {t('search.mere')}
              </button>
              {flag && (
                <button type="button" aria-keyshortcuts="g" aria-pressed={flagOn} onClick={() => decide(order[pos]!, { kind: 'flag', flag: flag.id })}>
                  {`${local(flag.name)} (g)`}
                </button>
              )}
              <button type="button" aria-keyshortcuts="p" onClick={() => expand(order[pos]!)} disabled={currentEntry.state !== 'coded'}>
                {t('search.expand')}
              </button>
              <button type="button" aria-keyshortcuts="Enter" onClick={() => openInReader(current)}>
                {t('search.openInReader')}
              </button>
            </div>
            <div className="row">
              <label className="field grow">
                <span>{t('search.reason')}</span>
                <input
                  ref={reasonRef}
                  value={reason}
                  disabled={currentEntry.state === 'coded'}
                  onChange={(e) => setReason(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      dismiss(order[pos]!, reason, false);
                      setReason('');
                      // Like every decision key: back on the same hit.
                      moveTo(pos);
                    } else if (e.key === 'Escape') {
                      e.preventDefault();
                      moveTo(pos);
                    }
                  }}
                />
              </label>
              <button
                type="button"
                aria-keyshortcuts="x"
                onClick={() => dismiss(order[pos]!, reason, currentEntry.state === 'dismissed' && reason === (currentEntry.reason ?? ''))}
                disabled={currentEntry.state === 'coded'}
              >
                {currentEntry.state === 'dismissed' ? t('search.restore') : t('search.dismiss')}
              </button>
            </div>
          </aside>
        )}
      </div>
    </section>
  );
}
