/**
 * The concordance as a worklist: every hit with its context and its state (open, coded,
 * dismissed), progress, and a keyboard flow that decides hits without leaving the screen:
 * ↑/↓ (j/k) move, n / Shift+N next / previous open hit, 1–7 code (the sentence around the hit
 * becomes the fragment), 0 mere statement, x dismiss (again: undo), r dismiss with a reason,
 * p widen the fragment to its paragraph, Enter open in the reader.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { navigate } from '../route.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';
import { useActiveCodebook, useActiveCoder, useFragments, useHitDecisions } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { codeHit, dismissHit, expandFragmentToParagraph, hitFragmentRange, restoreHit } from '../../actions/worklist.ts';
import { kwicOrder, type KwicSortKey } from '../../text/concordance.ts';
import { nextOpen, worklistProgress, worklistStates, type WorklistDismissal, type WorklistFragment } from '../../text/worklist.ts';
import type { CorpusHit } from '../../text/corpus-search.ts';
import { hitDecisionId } from '../../storage/repository.ts';
import type { CodeId, DocumentId, Fragment, FragmentId, PolicyDocument, SavedSearch } from '../../model/index.ts';
import type { RanSearch } from './SearchView.tsx';

const PAGE = 300;

/** The key of a hit that survives re-sorting and re-running. */
export function hitKey(h: Pick<CorpusHit, 'documentId' | 'start' | 'end' | 'termIndex'>): string {
  return `${h.documentId}:${h.start}:${h.end}:${h.termIndex}`;
}

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

/** Decisions made in this screen that the database has not reported back yet. */
interface Optimistic {
  fragments: WorklistFragment[];
  dismissals: WorklistDismissal[];
  restored: string[];
}

/** The concordance with hit states, progress and the keyboard flow. */
export function Worklist(props: WorklistProps) {
  const { t, local } = useLang();
  const { ran, docs, texts, search, sort, currentKey, onCurrent } = props;
  const hits = ran.result.hits;
  const fragments = useFragments();
  const decisions = useHitDecisions(search?.id);
  const codebook = useActiveCodebook();
  const coder = useActiveCoder();
  const [optimistic, setOptimistic] = useState<Optimistic>({ fragments: [], dismissals: [], restored: [] });
  const [shown, setShown] = useState(PAGE);
  const [announce, setAnnounce] = useState('');
  const [reason, setReason] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const focusPending = useRef(false);

  const titles = useMemo(() => new Map(docs.map((d) => [d.id as string, d.title])), [docs]);
  const fragmentById = useMemo(() => new Map((fragments ?? []).map((f) => [f.id as string, f])), [fragments]);

  const entries = useMemo(() => {
    const live = (fragments ?? []).map((f) => ({ id: f.id as string, documentId: f.documentId as string, start: f.anchor.start, end: f.anchor.end }));
    const liveIds = new Set(live.map((f) => f.id));
    const frags = [...live, ...optimistic.fragments.filter((f) => !liveIds.has(f.id))];
    const restored = new Set(optimistic.restored);
    const stored = (decisions ?? []).map((d) => ({ id: d.id, documentId: d.documentId, start: d.start, end: d.end, ...(d.reason ? { reason: d.reason } : {}) }));
    const storedIds = new Set(stored.map((d) => d.id));
    const dis = [...stored, ...optimistic.dismissals.filter((d) => !storedIds.has(d.id))].filter((d) => !restored.has(d.id));
    return worklistStates(hits, frags, dis);
  }, [hits, fragments, decisions, optimistic]);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;

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

  const moveTo = useCallback(
    (p: number) => {
      if (p < 0 || p >= order.length) return;
      focusPending.current = true;
      onCurrent(hitKey(hits[order[p]!]!));
    },
    [order, hits, onCurrent],
  );

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const el = tableRef.current?.querySelector<HTMLButtonElement>(`button[data-pos="${pos}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  });

  // Coding and dismissing run one after another: "5" then "7" both act on the fragment "5" made.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const madeFor = useRef(new Map<string, string>());
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

  const code = useCallback(
    (hitIndex: number, codeId: CodeId | null) => {
      const h = hits[hitIndex];
      const text = h ? texts.get(h.documentId) : undefined;
      if (!h || text === undefined || !coder) return;
      const key = hitKey(h);
      enqueue(async () => {
        const fragmentId = (madeFor.current.get(key) ?? entriesRef.current[hitIndex]?.fragmentId) as FragmentId | undefined;
        const f = await codeHit(appDb(), { documentId: h.documentId as DocumentId, start: h.start, end: h.end }, text, coder.id, codeId, fragmentId);
        if (!f) return;
        madeFor.current.set(key, f.id);
        setOptimistic((o) => ({ ...o, fragments: [...o.fragments, { id: f.id, documentId: f.documentId, start: f.anchor.start, end: f.anchor.end }] }));
        const names = codebook ? f.codes.flatMap((id) => codebook.codes.find((c) => c.id === id) ?? []).map((c) => local(c.name)) : [];
        afterDecision(t('search.codedAs', { codes: names.length ? names.join(' + ') : t('reader.mere') }));
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
      const place = { documentId: h.documentId as DocumentId, start: h.start, end: h.end };
      const id = hitDecisionId(search.id, h.documentId, h.start, h.end, coder?.id);
      setOptimistic((o) => ({
        fragments: o.fragments,
        restored: o.restored.filter((x) => x !== id),
        dismissals: [...o.dismissals.filter((d) => d.id !== id), { id, ...place, ...(why ? { reason: why } : {}) }],
      }));
      enqueue(async () => {
        await dismissHit(appDb(), search.id, place, why, coder?.id);
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
      const fid = madeFor.current.get(hitKey(h)) ?? entry?.fragmentId;
      if (!fid) {
        setAnnounce(t('search.expandNeedsFragment'));
        return;
      }
      enqueue(async () => {
        const f = await expandFragmentToParagraph(appDb(), fid as FragmentId, text, coder.id);
        if (f) {
          setOptimistic((o) => ({ ...o, fragments: [...o.fragments.filter((x) => x.id !== f.id), { id: f.id, documentId: f.documentId, start: f.anchor.start, end: f.anchor.end }] }));
          setAnnounce(t('search.expanded'));
        }
      });
    },
    [hits, texts, coder, enqueue, t],
  );

  function openInReader(h: CorpusHit) {
    navigate({ screen: 'reader', documentId: h.documentId, start: h.start, end: h.end });
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.ctrlKey || e.metaKey || e.altKey || pos < 0) return;
    const hitIndex = order[pos]!;
    const key = e.key;
    let handled = true;
    if (key === 'ArrowDown' || key === 'j') moveTo(pos + 1);
    else if (key === 'ArrowUp' || key === 'k') moveTo(pos - 1);
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(order.length - 1);
    else if (key === 'n' || key === 'N') {
      const p = nextOpen(entriesRef.current, order, pos, key === 'N' ? -1 : 1);
      if (p < 0) setAnnounce(t('search.noneOpen'));
      else moveTo(p);
    } else if (key === '0') code(hitIndex, null);
    else if (key === 'x' || key === 'X') {
      dismiss(hitIndex, '', true);
      if (entriesRef.current[hitIndex]?.state === 'open') {
        const p = nextOpen(entriesRef.current, order, pos, 1);
        if (p >= 0 && p !== pos) moveTo(p);
      }
    } else if (key === 'r' || key === 'R') {
      setReason(currentEntry?.reason ?? '');
      reasonRef.current?.focus();
    } else if (key === 'p' || key === 'P') expand(hitIndex);
    else {
      const c = codebook?.codes.find((x) => x.key === key);
      if (c) code(hitIndex, c.id);
      else handled = false;
    }
    if (handled) e.preventDefault();
  }

  const codeNames = (f: Fragment | undefined) =>
    f && codebook ? f.codes.flatMap((id) => codebook.codes.find((c) => c.id === id) ?? []) : [];

  function stateCell(i: number) {
    const e = entries[i]!;
    if (e.state === 'open') return <span className="state state-open">{t('search.stateOpen')}</span>;
    if (e.state === 'dismissed')
      return (
        <span className="state state-dismissed" title={e.reason}>
          {t('search.stateDismissed')}
          {e.reason ? `: ${e.reason}` : ''}
        </span>
      );
    const f = fragmentById.get(e.fragmentId ?? '');
    const codes = codeNames(f);
    return (
      <span className="state state-coded">
        <span className="sr-only">{t('search.stateCoded')}: </span>
        {codes.length === 0 ? <span className="muted">{t('reader.mere')}</span> : codes.map((c) => <CodeSwatch key={c.id} code={c} />)}
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
  const longestMatch = useMemo(() => order.slice(0, visible).reduce((n, hi) => Math.max(n, hits[hi]?.match.length ?? 0), 0), [order, visible, hits]);
  const columnVars = { '--ctx': props.contextWidth, '--hit': Math.max(6, Math.min(24, longestMatch)) } as React.CSSProperties;

  const sorts: KwicSortKey[] = ['document', 'term', 'left', 'right'];
  const pct = progress.total ? Math.round((progress.decided / progress.total) * 100) : 0;

  return (
    <section className="panel worklist" aria-labelledby="kwic-h">
      <h2 id="kwic-h">{t('search.kwic', { n: hits.length })}</h2>
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
        <p className="hint keys-hint" id="worklist-keys">
          {t('search.keysHint')}
        </p>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <div className="worklist-layout">
        <div className="table-scroll">
          <table className="kwic" ref={tableRef} onKeyDown={onKeyDown} aria-describedby="worklist-keys" style={columnVars}>
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
              {order.slice(0, visible).map((hi, p) => {
                const h = hits[hi]!;
                const isCurrent = p === pos;
                const title = titles.get(h.documentId) ?? '';
                return (
                  <tr key={hitKey(h)} className={`${isCurrent ? 'current ' : ''}state-${entries[hi]!.state}`}>
                    <td>{stateCell(hi)}</td>
                    <td className="muted doc">
                      {title}
                      {props.newDocIds.includes(h.documentId) && <span className="badge new-badge">{t('search.newBadge')}</span>}
                    </td>
                    <td className="num">{h.page}</td>
                    <td className="left">
                      <span>{h.left}</span>
                    </td>
                    <td className="hit">
                      <button
                        type="button"
                        className="link"
                        data-pos={p}
                        tabIndex={isCurrent ? 0 : -1}
                        aria-current={isCurrent ? 'true' : undefined}
                        aria-label={t('search.openHit', { match: h.match, doc: title, page: h.page })}
                        onFocus={() => {
                          if (!isCurrent) onCurrent(hitKey(h));
                        }}
                        onClick={() => openInReader(h)}
                      >
                        {h.match}
                      </button>
                    </td>
                    <td className="right">{h.right}</td>
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
                      onClick={() => code(order[pos]!, c.id)}
                    >
                      <CodeSwatch code={c} />
                      <span>{local(c.name)}</span>
                    </button>
                  );
                })}
              </div>
            )}
            <div className="row">
              <button type="button" aria-keyshortcuts="0" onClick={() => code(order[pos]!, null)} disabled={currentEntry.state === 'coded'}>
                {t('search.mere')}
              </button>
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
                      const p = nextOpen(entriesRef.current, order, pos, 1);
                      moveTo(p >= 0 && p !== pos ? p : pos);
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
