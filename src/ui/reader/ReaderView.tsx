/**
 * Reader: one document with its coded fragments, a floating coding palette at the selection,
 * a panel for the fragment being worked on and the fragment list.
 *
 * Keyboard (while the text has focus): select text (Shift+arrows), 1–7 toggle regimes (a new
 * fragment when nothing is active), g the flag, m the memo, v the values, s / p grow the
 * selection (or the active fragment) to its sentence / paragraph, [ ] move the start / end one
 * word outward and { } one word inward, / splits at the caret, + merges with the next
 * fragment, Delete deletes, Esc lets go, Ctrl+Z / Ctrl+Shift+Z undo and redo. Putting the
 * caret in a fragment makes it active.
 *
 * Every coding action runs through one queue, so keys pressed in quick succession act in
 * order on the fragment the first one created; each result is drawn in the reader at once
 * (cost independent of the number of fragments), before the live list catches up.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { navigate, type Route } from '../route.ts';
import { useActiveCodebook, useActiveCoder, useCoders, useConflicts, useDocumentFragments, useDocumentReviews, useDocuments, useText } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { getCodebook, getFragment } from '../../storage/repository.ts';
import {
  addValueOnTheFly,
  applyWidening,
  placedFragment,
  widenFragment,
  deleteFragmentStep,
  mergeFragments,
  moveBoundaries,
  neighbours,
  newFragment,
  nextWordEnd,
  nextWordStart,
  previousWordEnd,
  previousWordStart,
  setMemo,
  splitFragment,
  storeNewFragment,
  toggleFlagStep,
  toggleRegime,
  toggleValue,
  type CodingContext,
  type FragmentEditResult,
} from '../../actions/coding.ts';
import { codingHistory, type HistoryMove } from '../../actions/history.ts';
import { paragraphAround, sentenceAround } from '../../text/sentence.ts';
import { passageTarget, sameRange as samePassage } from '../../text/coded-passage.ts';
import { hitFragmentRange } from '../../actions/worklist.ts';
import { pageAt, type CodeId, type Codebook, type Fragment, type FragmentId, type PolicyDocument } from '../../model/index.ts';
import type { CodingHighlight, Reader, TextRange } from '../../editor/index.ts';
import { ReaderEditor } from './ReaderEditor.tsx';
import { FindBar } from './FindBar.tsx';
import { CodingPalette } from './CodingPalette.tsx';
import { FragmentPanel } from './FragmentPanel.tsx';
import { FragmentList } from './FragmentList.tsx';
import { HoverCard, type HoverTarget } from './HoverCard.tsx';
import { UndoButtons, useUndoKeys } from './UndoButtons.tsx';
import { TextMissingNotice } from '../library/TextMissing.tsx';
import { MISSING_CHAR } from '../../text/missing-text.ts';
import { CodeButtons } from './CodeButtons.tsx';
import { OriginalPage, OriginalPageToggle } from './OriginalPage.tsx';
import { CoderPrompt } from '../settings/CoderPrompt.tsx';
import { highlightOf } from './fragment-view.ts';
import { CoderViewPicker, CompareColumn, codersIn, mainCoders, useFragmentMarks, type CoderView } from './CoderView.tsx';
import { FragmentReview } from '../review/FragmentReview.tsx';
import { coderName } from '../coder-name.ts';
import { stepLabel } from './step-label.ts';
import './coding.css';

type ReaderRoute = Extract<Route, { screen: 'reader' }>;

/** The reader screen. */
export function ReaderView({ route }: { route: ReaderRoute }) {
  const { t } = useLang();
  const docs = useDocuments();
  const docId = route.documentId ?? docs?.[0]?.id;
  const doc = docs?.find((d) => d.id === docId);
  if (docs === undefined) return <p>{t('common.loading')}</p>;
  if (docs.length === 0)
    return (
      <div className="panel">
        <p>{t('reader.noDocuments')}</p>
        <a href="#/library">{t('nav.library')}</a>
      </div>
    );
  if (!doc) return <p role="alert">{t('reader.notFound')}</p>;
  return <DocumentReader key={doc.id} doc={doc} docs={docs} route={route} />;
}

const EDIT_REFUSED: Record<Extract<FragmentEditResult, { ok: false }>['reason'], MessageKey> = {
  gone: 'reader.refused.gone',
  'empty-range': 'reader.refused.empty',
  'outside-text': 'reader.refused.outside',
  'other-document': 'reader.refused.otherDocument',
  'split-outside': 'reader.splitHow',
};

/** Whether a word-snapped selection is a fragment's range (which may end in punctuation the snap trims). */
function sameRange(text: string, range: TextRange, anchor: TextRange): boolean {
  if (range.start < anchor.start || range.end > anchor.end) return false;
  const edge = /^[\s\p{P}]*$/u;
  return edge.test(text.slice(anchor.start, range.start)) && edge.test(text.slice(range.end, anchor.end));
}

/** Where the reader goes for a hit: its fragment when one codes it, else the sentence around it. */
function focusOnHit(text: string, hit: TextRange, fragments: readonly Fragment[]): { select: TextRange; hit: TextRange; seq: number; fragmentId?: string } {
  const sentence = hitFragmentRange(text, hit.start, hit.end);
  const target = passageTarget({ text, range: sentence, origin: 'derived', hit, fragments: fragments.map(placedFragment) });
  const f = target.kind === 'fragment' ? fragments.find((x) => x.id === target.id) : undefined;
  if (f) return { select: { start: f.anchor.start, end: f.anchor.end }, hit, seq: Date.now(), fragmentId: f.id };
  return { select: sentence, hit, seq: Date.now() };
}

/**
 * What the next reader to open should announce: an undo or redo that acted in another document
 * switches the reader there, and the message has to outlive the reader that heard the key.
 */
let carriedAnnouncement: string | null = null;

/** Marks a finished coding action for the bench (performance timeline; no effect otherwise). */
function markSaved(): void {
  performance.mark?.('wm-coding-saved');
}

function DocumentReader({ doc, docs, route }: { doc: PolicyDocument; docs: PolicyDocument[]; route: ReaderRoute }) {
  const { t, local } = useLang();
  const text = useText(doc.id);
  // The reader opens a text once per key: a stand-in replaced by its attached text is another text.
  const standIn = useMemo(() => !!text && text.text.includes(MISSING_CHAR), [text]);
  const fragments = useDocumentFragments(doc.id);
  const codebook = useActiveCodebook();
  const coder = useActiveCoder();
  // Several coders: whose fragments are shown, and the mark on each highlight.
  const coders = useCoders();
  const reviews = useDocumentReviews(doc.id);
  const allConflicts = useConflicts();
  const conflicts = useMemo(() => (allConflicts ?? []).filter((c) => c.documentId === doc.id), [allConflicts, doc.id]);
  const docCoders = useMemo(() => codersIn(fragments ?? [], coders ?? []), [fragments, coders]);
  const [coderView, setCoderView] = useState<CoderView>({ kind: 'all' });
  const shownCoders = mainCoders(coderView);
  const shownCodersRef = useRef(shownCoders);
  shownCodersRef.current = shownCoders;
  const marks = useFragmentMarks({ coders: coders ?? [], reviews: reviews ?? [], conflicts, initials: docCoders.length > 1 });
  const [selection, setSelection] = useState<TextRange | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [activeId, setActiveId] = useState<string | null>(route.fragmentId ?? null);
  // The original PDF page beside the text (a column of the reader, never over the text or sidebar).
  const [showOriginal, setShowOriginal] = useState(false);
  const originalToggleRef = useRef<HTMLButtonElement>(null);
  const activeRef = useRef<string | null>(activeId);
  // Announcements go straight into the live region: a state change would re-render the whole
  // reader after every coding action.
  const liveRef = useRef<HTMLParagraphElement>(null);
  const setAnnounce = useCallback((message: string) => {
    if (liveRef.current) liveRef.current.textContent = message;
  }, []);
  // Taken over when this reader opens; said once the live region is in the page, which is only
  // after the text, fragments, codebook and coder have loaded (on a busy machine well after opening).
  const pendingAnnouncement = useRef<string | null>(null);
  useEffect(() => {
    if (carriedAnnouncement === null) return;
    pendingAnnouncement.current = carriedAnnouncement;
    carriedAnnouncement = null;
  }, []);
  const [memoRequest, setMemoRequest] = useState(0);
  const [valuesRequest, setValuesRequest] = useState(0);
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const readerRef = useRef<Reader | null>(null);
  // The last range the app selected itself (grown to a sentence or paragraph, the sentence around
  // a hit): it keeps its closing punctuation, which the word-snapped selection would trim, and it
  // is "derived" for the coded-passage rule (text/coded-passage.ts) while the selection is it.
  const derived = useRef<TextRange | null>(null);
  const history = codingHistory();

  const flagNames = useMemo(() => (codebook ? codebook.flags.map((f) => ({ id: f.id, name: local(f.name) })) : []), [codebook, local]);
  const toHighlight = useCallback(
    (f: Fragment) =>
      highlightOf(f, codebook!, local, t('reader.mere'), flagNames.filter((x) => f.flags.includes(x.id)).map((x) => x.name), marks(f)),
    [codebook, local, t, flagNames, marks],
  );

  // Fragments created or changed here and not yet in the live list (the list lags a write). A
  // ref, changed at once when an action draws, so that every render (also one React makes
  // before a deferred update lands) hands the reader what it already shows; `bump` re-renders.
  const recentRef = useRef<Map<string, Fragment | null>>(new Map());
  const [, setTick] = useState(0);
  const bump = useCallback(() => setTick((n) => n + 1), []);
  const recent = recentRef.current;
  const known = useMemo(() => {
    const map = new Map<string, Fragment>();
    for (const f of fragments ?? []) map.set(f.id, f);
    // What this reader wrote last is the truth until the live list shows the same.
    for (const [id, f] of recent) {
      if (f === null) map.delete(id);
      else map.set(id, f);
    }
    return map;
  }, [fragments, recent]);
  // For callbacks that run between an action and the render it causes (the reader reports the
  // selection an undo or redo just made): the fragment as drawn now, not as of the last render.
  const knownRef = useRef(known);
  knownRef.current = known;
  const currentFragment = useCallback((id: string): Fragment | undefined => {
    const recentNow = recentRef.current;
    return recentNow.has(id) ? (recentNow.get(id) ?? undefined) : knownRef.current.get(id);
  }, []);
  useEffect(() => {
    const m = recentRef.current;
    if (!fragments || m.size === 0) return;
    const live = new Map(fragments.map((f) => [f.id as string, f]));
    const next = new Map([...m].filter(([id, f]) => (f === null ? live.has(id) : JSON.stringify(live.get(id)) !== JSON.stringify(f))));
    if (next.size === m.size) return;
    recentRef.current = next;
    startTransition(bump);
  }, [fragments, bump]);
  // One highlight per fragment object, kept while the object is (a long document has thousands;
  // the document's fragment list hands over new objects only for the fragments a write touched).
  const highlightCache = useMemo(() => new WeakMap<Fragment, CodingHighlight>(), [toHighlight]);
  const highlights = useMemo(() => {
    if (!codebook) return [];
    const out: CodingHighlight[] = [];
    for (const f of known.values()) {
      if (shownCoders && !shownCoders.has(f.coderId)) continue;
      let h = highlightCache.get(f);
      if (!h) highlightCache.set(f, (h = toHighlight(f)));
      out.push(h);
    }
    return out;
  }, [known, codebook, toHighlight, highlightCache, shownCoders]);
  // Reading order: the live list is in order; only fragments changed here need sorting in.
  const list = useMemo(() => {
    const all = [...known.values()].filter((f) => !shownCoders || shownCoders.has(f.coderId));
    return recent.size === 0 ? all : all.sort((a, b) => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end);
  }, [known, recent.size, shownCoders]);
  const loaded = text !== undefined && fragments !== undefined && !!codebook && coder !== undefined;
  useEffect(() => {
    const message = pendingAnnouncement.current;
    if (!loaded || message === null) return;
    // A live region announces changes, not its first content: fill it once it is in the page.
    const timer = setTimeout(() => {
      pendingAnnouncement.current = null;
      setAnnounce(message);
    }, 50);
    return () => clearTimeout(timer);
  }, [loaded, setAnnounce]);
  useEffect(() => {
    // Child effects ran first: the reader has opened the text with its highlights.
    if (loaded) performance.mark?.('wm-reader-ready');
  }, [loaded]);

  // The active fragment as the reader shows it (set at once by an action; the state follows).
  const shownActiveId = activeRef.current;
  const active = (shownActiveId && known.get(shownActiveId)) || null;

  // Where to go on opening: a search hit — the fragment that codes it (made active), or else the
  // sentence around it, selected as a derived range (text/coded-passage.ts). Decided once the
  // fragments are there.
  const fragmentsLoaded = fragments !== undefined;
  const fragmentsRef = useRef(fragments);
  fragmentsRef.current = fragments;
  const focus = useMemo(() => {
    if (!text || !fragmentsLoaded) return null;
    if (route.start !== undefined && route.end !== undefined && route.end <= text.text.length) {
      return focusOnHit(text.text, { start: route.start, end: route.end }, fragmentsRef.current ?? []);
    }
    return null;
  }, [text, route.start, route.end, fragmentsLoaded]);
  useEffect(() => {
    const r = readerRef.current;
    if (!route.fragmentId || !fragments || !r) return;
    const f = fragments.find((x) => x.id === route.fragmentId);
    if (!f) return;
    // The asked-for fragment is the one shown and acted on — also when this document was already
    // open with another selection (a fragment link followed from here, the review or the tally):
    // it becomes active and selected, and the old selection goes.
    derived.current = null;
    setActive(f.id);
    r.select(f.anchor.start, f.anchor.end);
    r.scrollToOffset(f.anchor.start, f.anchor.end);
    // only when the route asks for a fragment, once the reader shows the text (it mounts after everything loaded)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.fragmentId, fragments === undefined, loaded]);

  // Coding actions run one after another, and the active fragment is tracked synchronously, so
  // keys pressed in quick succession ("5" then "7") act on the fragment the first key created.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const setActive = useCallback((id: string | null) => {
    activeRef.current = id;
    setActiveId(id);
  }, []);
  // Before the text selects the focus range (a child's effect): make the hit's fragment active,
  // or remember the sentence as derived.
  useLayoutEffect(() => {
    if (!focus) return;
    if (focus.fragmentId) setActive(focus.fragmentId);
    else derived.current = focus.select;
  }, [focus, setActive]);
  const pending = useRef(0);
  const enqueue = useCallback(
    (op: () => Promise<unknown>) => {
      const run = async () => {
        try {
          await op();
        } catch (e) {
          console.error(e);
          setAnnounce(t('reader.saveFailed'));
        } finally {
          pending.current -= 1;
        }
      };
      pending.current += 1;
      // An idle queue starts the step at once: its write is then under way before anything is drawn.
      queue.current = pending.current === 1 ? run() : queue.current.then(run);
    },
    [t, setAnnounce],
  );

  const ctx = useMemo<CodingContext | null>(() => (coder ? { db: appDb(), history, coderId: coder.id } : null), [coder, history]);
  const ctxCoder = useRef<string | undefined>(undefined);
  ctxCoder.current = coder?.id;

  /**
   * Draws changed fragments at once and remembers them until the live list has them; the
   * panels follow in a re-render (none when `render` is false: the caller asks for it).
   */
  const show = useCallback(
    (changes: Array<[string, Fragment | null]>, render = true) => {
      const r = readerRef.current;
      for (const [id, f] of changes) {
        const hidden = f && shownCodersRef.current && !shownCodersRef.current.has(f.coderId) && f.coderId !== ctxCoder.current;
        if (f && f.documentId === doc.id && !hidden) r?.updateCoding({ ...toHighlight(f), active: id === activeRef.current });
        else r?.removeCoding(id);
      }
      const next = new Map(recentRef.current);
      for (const [id, f] of changes) next.set(id, f && f.documentId === doc.id ? f : null);
      recentRef.current = next;
      if (render) bump();
    },
    [doc.id, toHighlight, bump],
  );

  /** Makes a fragment the active one, selected and scrolled into view (a key then acts on it). */
  const goToFragment = useCallback(
    (f: Fragment) => {
      setActive(f.id);
      readerRef.current?.scrollToOffset(f.anchor.start, f.anchor.end);
    },
    [setActive],
  );

  /** Runs a step on the active fragment and draws its result. */
  const onActive = useCallback(
    (op: (id: FragmentId) => Promise<Fragment | undefined>) => {
      const id = activeRef.current as FragmentId | null;
      if (!id) return;
      enqueue(async () => {
        const f = await op(id);
        if (f) show([[f.id, f]]);
        markSaved();
      });
    },
    [enqueue, show],
  );

  const afterEdit = useCallback(
    (r: FragmentEditResult, removed: string[] = []) => {
      if (!r.ok) {
        setAnnounce(t(EDIT_REFUSED[r.reason]));
        return;
      }
      show([...r.fragments.map((f) => [f.id, f] as [string, Fragment]), ...removed.map((id) => [id, null] as [string, null])]);
      markSaved();
    },
    [show, t],
  );

  const createWith = useCallback(
    (codes: CodeId[]) => {
      const current = readerRef.current?.selection() ?? selection;
      if (!text || !ctx || !current || current.end <= current.start) return;
      const d = derived.current;
      const isDerived = !!d && samePassage(text.text, current, d);
      const range = isDerived ? d : current;
      // A key on a passage that is already coded acts on that fragment.
      const placed = [...knownRef.current.values()].map(placedFragment);
      const target = passageTarget({ text: text.text, range, origin: isDerived ? 'derived' : 'chosen', fragments: placed, coderId: ctx.coderId });
      if (target.kind === 'fragment') {
        const existing = currentFragment(target.id);
        if (!existing) return;
        goToFragment(existing);
        for (const code of codes) onActive((id) => toggleRegime(ctx, id, code));
        setAnnounce(t('reader.actsOnExisting'));
        return;
      }
      if (target.kind === 'widen') {
        const existing = currentFragment(target.id);
        if (!existing) return;
        setActive(existing.id);
        enqueue(async () => {
          const r = await applyWidening(ctx, { id: existing.id, range: target.range, merge: target.merge as FragmentId[] }, text.text, (f) => {
            const add = codes.filter((c) => !f.codes.includes(c));
            return add.length ? { codes: [...f.codes, ...add] } : null;
          });
          afterEdit(r, r.ok ? (r.removed ?? []) : []);
          if (r.ok) {
            readerRef.current?.select(r.fragments[0]!.anchor.start, r.fragments[0]!.anchor.end);
            setAnnounce(r.removed?.length ? t('reader.widenedMerged', { n: r.removed.length }) : t('reader.widenedExisting'));
          }
        });
        return;
      }
      const f = newFragment(doc.id, text.text, range.start, range.end, ctx.coderId, { codes });
      // The write goes first, so IndexedDB works on it while the highlight is drawn and React
      // renders; the highlight is shown at once and taken back if the write fails.
      enqueue(async () => {
        try {
          await storeNewFragment(ctx, f);
        } catch (e) {
          if (activeRef.current === f.id) setActive(null);
          show([[f.id, null]]);
          throw e;
        }
        markSaved();
        // The panels show the fragment once it is stored (a transition: typing stays ahead).
        startTransition(() => {
          if (activeRef.current === f.id) setActiveId(f.id);
          bump();
        });
        setAnnounce(t('reader.created', { page: pageAt(doc.pages, f.anchor.start)?.label ?? '' }));
      });
      activeRef.current = f.id;
      show([[f.id, f]], false);
      // Showing another coder only: show everyone, or the new fragment would be hidden.
      if (shownCodersRef.current && !shownCodersRef.current.has(ctx.coderId)) {
        setCoderView({ kind: 'all' });
        setAnnounce(t('reader.showingAll'));
      }
    },
    [selection, text, ctx, doc, t, enqueue, setActive, show, bump, currentFragment, goToFragment, setAnnounce, onActive, afterEdit],
  );

  const onCode = useCallback(
    (code: CodeId) => {
      if (!ctx) return;
      if (activeRef.current) onActive((id) => toggleRegime(ctx, id, code));
      else createWith([code]);
    },
    [ctx, createWith, onActive],
  );

  const onValue = useCallback((code: CodeId, valueId: string) => ctx && onActive((id) => toggleValue(ctx, id, code, valueId)), [ctx, onActive]);

  const onNewValue = useCallback(
    (code: CodeId, name: string) => {
      const id = activeRef.current as FragmentId | null;
      if (!ctx || !codebook || !id || !name.trim()) return;
      enqueue(async () => {
        // The freshest codebook: a value added a moment ago may not be in the live one yet.
        const book = (await getCodebook(appDb(), codebook.id)) ?? codebook;
        const r = await addValueOnTheFly(ctx, book, id, code, name.trim());
        if (r.ok) {
          show([[r.fragment.id, r.fragment]]);
          setAnnounce(t('reader.valueAdded', { value: name.trim() }));
        } else setAnnounce(t('reader.valueRefused', { value: name.trim() }));
      });
    },
    [ctx, codebook, enqueue, show, t],
  );

  const onFlag = useCallback(() => {
    const flag = codebook?.flags[0];
    if (ctx && flag) onActive((id) => toggleFlagStep(ctx, id, flag.id));
  }, [ctx, codebook, onActive]);

  const onMemo = useCallback((id: FragmentId, memo: string) => ctx && enqueue(async () => {
    const f = await setMemo(ctx, id, memo);
    if (f) show([[f.id, f]]);
  }), [ctx, enqueue, show]);

  const onDelete = useCallback(() => {
    const id = activeRef.current as FragmentId | null;
    if (!ctx || !id) return;
    setActive(null);
    enqueue(async () => {
      if (await deleteFragmentStep(ctx, id)) {
        show([[id, null]]);
        setAnnounce(t('reader.deleted'));
        markSaved();
      }
    });
  }, [ctx, enqueue, setActive, show, t]);

  const moveActive = useCallback(
    (how: 'start-out' | 'start-in' | 'end-out' | 'end-in' | 'sentence' | 'paragraph') => {
      const id = activeRef.current as FragmentId | null;
      const f = id ? known.get(id) : undefined;
      if (!ctx || !text || !id) return;
      enqueue(async () => {
        const current = (await getFragment(appDb(), id)) ?? f;
        if (!current) return;
        let { start, end } = current.anchor;
        const s = text.text;
        if (how === 'start-out') start = previousWordStart(s, start);
        if (how === 'start-in') start = nextWordStart(s, start);
        if (how === 'end-out') end = nextWordEnd(s, end);
        if (how === 'end-in') end = previousWordEnd(s, end);
        if (how === 'sentence' || how === 'paragraph') {
          // Growing never lays the fragment over coded text: fragments it reaches are merged in.
          const range =
            how === 'sentence'
              ? sentenceAround(s, start, end)
              : { start: paragraphAround(s, start).start, end: paragraphAround(s, Math.max(start, end - 1)).end };
          const r = await widenFragment(ctx, id, s, range);
          afterEdit(r, r.ok ? (r.removed ?? []) : []);
          if (r.ok && r.removed?.length) setAnnounce(t('reader.widenedMerged', { n: r.removed.length }));
          return;
        }
        afterEdit(await moveBoundaries(ctx, id, s, start, end));
      });
    },
    [ctx, text, known, enqueue, afterEdit, setAnnounce, t],
  );

  const onMerge = useCallback(
    (direction: 'previous' | 'next') => {
      const id = activeRef.current;
      if (!ctx || !text || !id || !fragments) return;
          const other = neighbours(list, id)[direction];
      if (!other) {
        setAnnounce(t('reader.noNeighbour'));
        return;
      }
      enqueue(async () => {
        const r = await mergeFragments(ctx, id as FragmentId, other.id, text.text);
        const keep = r.ok ? r.fragments[0]!.id : id;
        const removed = [id, other.id].filter((x) => x !== keep);
        if (r.ok) setActive(keep);
        afterEdit(r, removed);
        if (r.ok) setAnnounce(t('reader.merged'));
      });
    },
    [ctx, text, fragments, known, enqueue, afterEdit, setActive, t],
  );

  const onSplit = useCallback(() => {
    const id = activeRef.current as FragmentId | null;
    const at = readerRef.current?.caret() ?? null;
    if (!ctx || !text || !id) return;
    if (at === null) {
      setAnnounce(t('reader.splitHow'));
      return;
    }
    enqueue(async () => {
      const r = await splitFragment(ctx, id, text.text, at);
      afterEdit(r);
      if (r.ok) setAnnounce(t('reader.split'));
    });
  }, [ctx, text, enqueue, afterEdit, t]);

  const growSelection = useCallback(
    (to: 'sentence' | 'paragraph') => {
      const r = readerRef.current;
      if (!r || !text) return;
      if (activeRef.current) {
        moveActive(to);
        return;
      }
      const sel = r.selection() ?? (r.caret() !== null ? { start: r.caret()!, end: r.caret()! } : null);
      if (!sel) return;
      let range: TextRange;
      if (to === 'sentence') range = sentenceAround(text.text, sel.start, sel.end);
      else {
        const a = paragraphAround(text.text, sel.start);
        const b = paragraphAround(text.text, Math.max(sel.start, sel.end - 1));
        range = { start: a.start, end: Math.max(a.end, b.end) };
      }
      if (range.end > range.start) {
        derived.current = range;
        r.select(range.start, range.end);
      }
    },
    [text, moveActive],
  );

  const applyMove = useCallback(
    (move: HistoryMove | undefined) => {
      if (!move) {
        setAnnounce(t('reader.nothingToUndo'));
        return;
      }
      if (move.refused) {
        setAnnounce(t('reader.staleStep'));
        return;
      }
      const changes = move.step.fragments.map((c) => [c.id, move.direction === 'undo' ? c.before : c.after] as [string, Fragment | null]);
      const what = stepLabel(t, move.step.kind);
      // The history spans documents (the worklist codes in many). A step that belonged to another
      // document is shown there: the reader switches to it, with the fragment the step brought
      // back (if any) active, and says so.
      const here = move.step.fragments.some((c) => (c.before ?? c.after)?.documentId === doc.id);
      const other = move.step.fragments.map((c) => c.before ?? c.after).find((f) => f && f.documentId !== doc.id);
      const target = !here && other ? docs.find((d) => d.id === other.documentId) : undefined;
      if (target) {
        show(changes);
        const back = changes.find(([, f]) => f && f.documentId === target.id);
        carriedAnnouncement = t(move.direction === 'undo' ? 'reader.undoneElsewhere' : 'reader.redoneElsewhere', { what, title: target.title });
        navigate({ screen: 'reader', documentId: target.id, ...(back ? { fragmentId: back[0] } : {}) });
        markSaved();
        return;
      }
      show(changes);
      const back = changes.find(([, f]) => f && f.documentId === doc.id);
      if (back) {
        setActive(back[0]);
        readerRef.current?.scrollToOffset(back[1]!.anchor.start, back[1]!.anchor.end);
      } else if (activeRef.current && changes.some(([id, f]) => id === activeRef.current && !f)) setActive(null);
      setAnnounce(t(move.direction === 'undo' ? 'reader.undone' : 'reader.redone', { what }));
      markSaved();
    },
    [doc.id, docs, show, setActive, t],
  );
  const undo = useCallback(() => enqueue(async () => applyMove(await history.undo(appDb(), coder?.id))), [enqueue, applyMove, history, coder]);
  const redo = useCallback(() => enqueue(async () => applyMove(await history.redo(appDb(), coder?.id))), [enqueue, applyMove, history, coder]);
  useUndoKeys(undo, redo);

  const openMemo = useCallback(() => {
    if (activeRef.current) setMemoRequest((n) => n + 1);
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent): boolean => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && (e.key === 'z' || e.key === 'Z')) {
        if (e.shiftKey) redo();
        else undo();
        return true;
      }
      if (mod && !e.altKey && (e.key === 'y' || e.key === 'Y')) {
        redo();
        return true;
      }
      if (mod || e.altKey || !codebook) return false;
      const code = codebook.codes.find((c) => c.key.toLowerCase() === e.key.toLowerCase());
      if (code) {
        onCode(code.id);
        return true;
      }
      const hasActive = !!activeRef.current;
      switch (e.key) {
        case 'Escape':
          if (!hasActive) return false;
          setActive(null);
          return true;
        case 'g':
        case 'G':
          if (!hasActive) return false;
          onFlag();
          return true;
        case 'm':
        case 'M':
          if (!hasActive) return false;
          openMemo();
          return true;
        case 'v':
        case 'V':
          if (!hasActive) return false;
          setValuesRequest((n) => n + 1);
          return true;
        case 's':
        case 'S':
          growSelection('sentence');
          return true;
        case 'p':
        case 'P':
          growSelection('paragraph');
          return true;
        case '[':
          if (hasActive) moveActive('start-out');
          return hasActive;
        case '{':
          if (hasActive) moveActive('start-in');
          return hasActive;
        case ']':
          if (hasActive) moveActive('end-out');
          return hasActive;
        case '}':
          if (hasActive) moveActive('end-in');
          return hasActive;
        case '/':
          if (hasActive) onSplit();
          return hasActive;
        case '+':
          if (hasActive) onMerge('next');
          return hasActive;
        case 'Delete':
        case 'Backspace':
          if (hasActive) onDelete();
          return hasActive;
      }
      return false;
    },
    [codebook, onCode, onFlag, openMemo, growSelection, moveActive, onSplit, onMerge, onDelete, undo, redo, setActive],
  );

  const onSelect = useCallback(
    (range: TextRange | null) => {
      setSelection(range);
      const current = activeRef.current ? currentFragment(activeRef.current) : undefined;
      // Selecting the active fragment's own range (a jump from the list, a boundary move, an
      // undo or redo bringing it back) keeps it active.
      if (range && current && text && sameRange(text.text, range, current.anchor)) return;
      if (range && activeRef.current && !current) return; // just created, not drawn yet
      if (range) setActive(null);
    },
    [currentFragment, setActive, text],
  );

  const onCaret = useCallback(
    (offset: number | null) => {
      setCaret(offset);
      if (offset === null) return;
      const ids = readerRef.current?.fragmentsAtOffset(offset) ?? [];
      setActive(ids[0] ?? null);
    },
    [setActive],
  );

  const onFragmentClick = useCallback((ids: string[]) => setActive(ids[0] ?? null), [setActive]);

  // Leaving the find bar on a hit: the same rule as opening the reader on a search hit.
  const leaveFind = useCallback(
    (hit: TextRange | null) => {
      const r = readerRef.current;
      if (!r || !text) return;
      if (hit) {
        const f = focusOnHit(text.text, hit, [...knownRef.current.values()]);
        if (f.fragmentId) setActive(f.fragmentId);
        else derived.current = f.select;
        r.select(f.select.start, f.select.end);
      }
      r.focus();
    },
    [text, setActive],
  );

  // Hover on a highlight (mouse) shows the fragment's card.
  const placeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = placeRef.current;
    if (!el) return;
    const over = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target.closest('[data-fragment-id]') : null;
      const id = target?.getAttribute('data-fragment-id');
      if (!id) {
        setHover((h) => (h?.source === 'mouse' ? null : h));
        return;
      }
      const box = target!.getBoundingClientRect();
      setHover((h) => (h?.id === id && h.source === 'mouse' ? h : { id, source: 'mouse', box }));
    };
    const leave = () => setHover((h) => (h?.source === 'mouse' ? null : h));
    el.addEventListener('mouseover', over);
    el.addEventListener('mouseleave', leave);
    return () => {
      el.removeEventListener('mouseover', over);
      el.removeEventListener('mouseleave', leave);
    };
  }, [loaded]);

  if (text === undefined || fragments === undefined || codebook === undefined || coder === undefined) return <p>{t('common.loading')}</p>;
  if (text === null || codebook === null) return <p role="alert">{t('reader.notFound')}</p>;

  const selectionText = selection ? text.text.slice(selection.start, selection.end) : '';
  const activeNeighbours = active ? neighbours(list, active.id) : {};
  const hovered = hover ? known.get(hover.id) : undefined;
  // The caret inside a fragment (keyboard) shows its card too.
  const caretCard: HoverTarget | null = caret !== null && active && !hover ? { id: active.id, source: 'caret', box: null } : null;
  const card = hover && hovered ? { target: hover, fragment: hovered } : caretCard ? { target: caretCard, fragment: active! } : null;

  return (
    <div className="reader-layout">
      <div className="reader-main">
        <h1 className="sr-only">{t('reader.heading', { title: doc.title })}</h1>
        <div className="reader-head row">
          <label className="field">
            <span>{t('reader.document')}</span>
            <select value={doc.id} onChange={(e) => navigate({ screen: 'reader', documentId: e.target.value })}>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <UndoButtons history={history} onUndo={undo} onRedo={redo} />
          {docCoders.length > 1 && <CoderViewPicker view={coderView} coders={docCoders} onChange={setCoderView} />}
          <span className="muted">{t('reader.meta', { pages: doc.pages.length, fragments: list.length })}</span>
          <OriginalPageToggle doc={doc} open={showOriginal} onToggle={setShowOriginal} buttonRef={originalToggleRef} />
        </div>
        <details className="hint reader-keys">
          <summary>{t('reader.howTo')}</summary>
          <p>{t('reader.keys')}</p>
        </details>
        {(doc.textMissing || doc.textAttached) && <TextMissingNotice doc={doc} />}
        <FindBar documentId={doc.id} text={text.text} reader={() => readerRef.current} onLeave={leaveFind} />
        {/* The text's own headings are h3 (editor/schema.ts): this h2 keeps the outline in order. */}
        <h2 className="sr-only">{t('reader.textLabel', { title: doc.title })}</h2>
        <div className={`${showOriginal && doc.format === 'pdf' ? 'reader-body with-original' : 'reader-body'}${doc.textMissing ? ' stand-in' : ''}`}>
          <div ref={placeRef} className={coderView.kind === 'pair' ? 'reader-compare' : undefined}>
            <div>
              {coderView.kind === 'pair' && (
                <p className="column-head">{t('reader.columnOf', { name: coderName(coders?.find((c) => c.id === coderView.left), t), n: list.length })}</p>
              )}
              <ReaderEditor
                docKey={standIn ? `${doc.id}:stand-in` : doc.id}
                text={text.text}
                blocks={text.blocks}
                pages={doc.pages}
                highlights={highlights}
                activeId={shownActiveId}
                focus={focus}
                label={t('reader.textLabel', { title: doc.title })}
                onSelect={onSelect}
                onCaret={onCaret}
                onFragmentClick={onFragmentClick}
                onKeyDown={onKeyDown}
                onReady={(r) => (readerRef.current = r)}
              />
            </div>
            {coderView.kind === 'pair' && (
              <CompareColumn
                doc={doc}
                text={text}
                fragments={(fragments ?? []).filter((f) => f.coderId === coderView.right)}
                coder={coders?.find((c) => c.id === coderView.right)}
                codebook={codebook}
                mark={marks}
                mainScroller={() => placeRef.current?.querySelector<HTMLElement>('.reader-place') ?? null}
              />
            )}
          </div>
          {showOriginal && doc.format === 'pdf' && (
            <OriginalPage
              doc={doc}
              page={pageAt(doc.pages, selection?.start ?? caret ?? 0)?.index ?? 1}
              onClose={() => {
                setShowOriginal(false);
                originalToggleRef.current?.focus();
              }}
            />
          )}
        </div>
        <CodingPalette
          reader={readerRef}
          codebook={codebook}
          selection={selection}
          active={active}
          valuesRequest={valuesRequest}
          onCode={onCode}
          onValue={onValue}
          onNewValue={onNewValue}
          onFlag={onFlag}
          onMemo={openMemo}
          onGrow={growSelection}
          onDelete={onDelete}
          onClose={() => {
            setActive(null);
            readerRef.current?.focus();
          }}
        />
        {card && <HoverCard target={card.target} fragment={card.fragment} codebook={codebook} doc={doc} reader={readerRef} />}
      </div>
      <aside className="reader-side" aria-label={t('reader.side')}>
        <p className="sr-only" role="status" aria-live="polite" ref={liveRef} />
        <CoderPrompt coder={coder} />
        {active ? (
          <FragmentPanel
            key={active.id}
            fragment={active}
            codebook={codebook}
            doc={doc}
            memoRequest={memoRequest}
            hasPrevious={!!activeNeighbours.previous}
            hasNext={!!activeNeighbours.next}
            canSplit={caret !== null && caret > active.anchor.start && caret < active.anchor.end}
            onCode={onCode}
            onValue={onValue}
            onNewValue={onNewValue}
            onFlag={onFlag}
            onMemo={onMemo}
            onMove={moveActive}
            onMerge={onMerge}
            onSplit={onSplit}
            onDelete={onDelete}
            onClose={() => {
              setActive(null);
              readerRef.current?.focus();
            }}
            onBackToText={() => readerRef.current?.focus()}
          >
            <FragmentReview fragment={active} reviews={(reviews ?? []).filter((r) => r.fragmentId === active.id)} conflict={conflicts.some((c) => c.fragmentId === active.id)} me={coder} coders={coders ?? []} />
          </FragmentPanel>
        ) : (
          <section className="panel coding-panel" aria-labelledby="sel-h">
            <h2 id="sel-h">{t('reader.selection')}</h2>
            {selection ? (
              <>
                <blockquote className="quote">{selectionText.length > 300 ? `${selectionText.slice(0, 300)}…` : selectionText}</blockquote>
                <p className="muted">{t('reader.page', { page: pageAt(doc.pages, selection.start)?.label ?? '' })}</p>
                <CodeButtons codebook={codebook} selected={[]} onToggle={(c) => createWith([c])} verb="create" />
                <button type="button" onClick={() => createWith([])}>
                  {t('reader.codeMere')}
                </button>
              </>
            ) : (
              <p className="hint">{t('reader.selectHint')}</p>
            )}
          </section>
        )}
        <FragmentList fragments={list} codebook={codebook} doc={doc} activeId={shownActiveId} onOpen={goToFragment} mark={marks} />
      </aside>
    </div>
  );
}
