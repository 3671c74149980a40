/**
 * The reader's view, wrapped so that the UI never handles ProseMirror objects: one
 * EditorView per mounted reader, never recreated — opening another document swaps its
 * state (view.updateState), and data changes are transactions on the plugins.
 */
import { TextSelection, type EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Block, Page } from '../model/document.ts';
import {
  fragmentsAt,
  removeCoding,
  setActiveCoding,
  setCodings,
  updateCoding,
  withDomSelection,
  type CodingHighlight,
} from './codings.ts';
import { OffsetMap, selectionToRange, type TextRange } from './offsets.ts';
import { createReaderState, scrollToOffset, type ReaderStateOptions } from './reader-state.ts';
import { setSearchHits } from './search-highlights.ts';

/** What the reader tells its owner. Replace them at any time with setCallbacks. */
export interface ReaderCallbacks {
  /** After each selection change: the selection snapped to whole words, or null when empty. */
  onSelect?: (range: TextRange | null) => void;
  /** A click on a highlight or its badge: fragment ids, the clicked (innermost) one first. */
  onFragmentClick?: (ids: string[], event: MouseEvent) => void;
  /** Keys pressed in the reader, before it handles them; return true to consume (e.g. code digits). */
  onKeyDown?: (event: KeyboardEvent) => boolean;
  /** After each selection change: the caret's text offset when the selection is empty, else null. */
  onCaret?: (offset: number | null) => void;
}

/** A box in viewport coordinates (as getBoundingClientRect gives). */
export interface ViewportBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A mounted reader. */
export interface Reader {
  /** Shows a document (text, blocks, pages), optionally with its codings; scroll resets. */
  open(text: string, blocks: readonly Block[], pages: readonly Page[], options?: ReaderStateOptions): void;
  /** Replaces all highlighted fragments. */
  setCodings(items: readonly CodingHighlight[]): void;
  /** Adds or replaces one fragment's highlight (cheap: other fragments are untouched). */
  updateCoding(item: CodingHighlight): void;
  /** Removes one fragment's highlight. */
  removeCoding(id: string): void;
  /** Marks one fragment as active, or none. */
  setActiveCoding(id: string | null): void;
  /** Shows search hits; `current` indexes hits. Pass the same array to move the current hit cheaply. */
  setSearchHits(hits: readonly TextRange[], current?: number): void;
  /** Selects an offset (or [offset, end)) and scrolls it into view. */
  scrollToOffset(offset: number, end?: number): void;
  /** The current selection snapped to whole words, or null. */
  selection(): TextRange | null;
  /** Selects [start, end) (a caret when equal), scrolling only as far as needed to show it. */
  select(start: number, end: number): void;
  /** The caret's text offset when the selection is empty, else null. */
  caret(): number | null;
  /** Ids of the fragments covering a text offset, innermost first. */
  fragmentsAtOffset(offset: number): string[];
  /** The viewport box of the text from `start` to `end` (the line boxes at either end), or null. */
  boxOf(start: number, end: number): ViewportBox | null;
  /**
   * The text from `start` to `end` with the line just above it and the line just below it: the
   * box of the passage grown to the top of the line above and the bottom of the line below (where
   * there is one), so a popup placed outside it leaves the passage readable in its context.
   */
  boxWithLinesAround(start: number, end: number): ViewportBox | null;
  /** The element that scrolls the text (for following the palette on scroll). */
  readonly dom: HTMLElement;
  setCallbacks(callbacks: ReaderCallbacks): void;
  focus(): void;
  /** The editor state, for the editor module's pure functions (and tests). */
  readonly state: EditorState;
  destroy(): void;
}

function caretOf(state: EditorState): number | null {
  if (!state.selection.empty) return null;
  return OffsetMap.of(state.doc).toOffset(state.selection.from);
}

/**
 * Brings the state's selection up to the DOM's. The browser reports a caret move with a
 * `selectionchange` event, which Chromium queues as an ordinary task, while key events are
 * input and go first: a key pressed right after Ctrl+→ (or while the main thread is busy) can
 * reach the reader before ProseMirror has read the move, and would then code or split at the
 * old place. Reading the DOM selection before acting closes that gap.
 */
function readSelectionFromDOM(view: EditorView): void {
  const tr = withDomSelection(view, view.state.tr);
  if (tr.selectionSet) view.dispatch(tr);
}

/** Mounts a reader into an (empty) element; call destroy() on unmount. */
export function mountReader(place: HTMLElement, callbacks: ReaderCallbacks = {}): Reader {
  let cb = callbacks;
  const view: EditorView = new EditorView(place, {
    state: createReaderState('', [], []),
    dispatchTransaction(tr) {
      const before = view.state.selection;
      view.updateState(view.state.apply(tr));
      if (!view.state.selection.eq(before)) {
        cb.onSelect?.(selectionToRange(view.state));
        cb.onCaret?.(caretOf(view.state));
      }
    },
    handleKeyDown: (_view, event) => {
      if (!cb.onKeyDown) return false;
      readSelectionFromDOM(view);
      return cb.onKeyDown(event);
    },
    handleClick(_view, pos, event) {
      if (!cb.onFragmentClick) return false;
      const ids = fragmentsAt(view.state, pos);
      const target = event.target instanceof Element ? event.target.closest('[data-fragment-id]') : null;
      const clicked = target?.getAttribute('data-fragment-id');
      if (clicked) ids.sort((a, b) => (a === clicked ? -1 : b === clicked ? 1 : 0));
      if (clicked && !ids.includes(clicked)) ids.unshift(clicked);
      if (ids.length > 0) cb.onFragmentClick(ids, event);
      return false;
    },
  });
  // React saves and restores the selection of the focused element around every commit when
  // that element reports contentEditable "true": it then walks the text from the start of the
  // editable to the caret, which in a 500,000-character document costs tens of milliseconds per
  // render of anything. The reader's selection is ProseMirror's business, so the property (not
  // the attribute, which the browser's editing uses) tells React to leave it alone.
  Object.defineProperty(view.dom, 'contentEditable', { configurable: true, get: () => 'inherit' });
  // A destroyed view must not be dispatched to (ProseMirror throws on its missing docView); late
  // calls — a save finishing or a timer firing after the reader was unmounted — are ignored.
  let destroyed = false;
  // Data changes (codings, search hits) never move the selection or the doc, so they skip the
  // dispatch callback; one that changes no plugin's state (the live list repeating what an
  // action already drew) leaves the view alone instead of walking its thousands of blocks.
  const run = (f: (tr: EditorState['tr']) => void) => {
    if (destroyed) return;
    const tr = view.state.tr;
    f(tr);
    const before = view.state;
    const next = before.apply(tr);
    if (!next.selection.eq(before.selection)) view.dispatch(tr);
    else if (before.plugins.some((p) => p.getState(next) !== p.getState(before))) view.updateState(next);
  };
  return {
    open(text, blocks, pages, options) {
      if (destroyed) return;
      view.updateState(createReaderState(text, blocks, pages, options));
      cb.onSelect?.(null);
    },
    setCodings: (items) => run((tr) => setCodings(tr, items)),
    updateCoding: (item) => run((tr) => updateCoding(tr, item)),
    removeCoding: (id) => run((tr) => removeCoding(tr, id)),
    setActiveCoding: (id) => run((tr) => setActiveCoding(tr, id)),
    setSearchHits: (hits, current) => run((tr) => setSearchHits(tr, hits, current)),
    scrollToOffset: (offset, end) => {
      if (!destroyed) scrollToOffset(view, offset, end);
    },
    selection: () => selectionToRange(view.state),
    select(start, end) {
      if (destroyed) return;
      const map = OffsetMap.of(view.state.doc);
      const anchor = map.toPos(start, 1);
      const head = end <= start ? anchor : Math.max(anchor, map.toPos(end, -1));
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)).scrollIntoView());
    },
    caret: () => caretOf(view.state),
    fragmentsAtOffset: (offset) => fragmentsAt(view.state, OffsetMap.of(view.state.doc).toPos(offset, 0)),
    boxOf(start, end) {
      const map = OffsetMap.of(view.state.doc);
      try {
        const a = view.coordsAtPos(map.toPos(start, 1), 1);
        const b = view.coordsAtPos(map.toPos(end, -1), -1);
        return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right), top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
      } catch {
        return null; // position not rendered (e.g. view detached)
      }
    },
    boxWithLinesAround(start, end) {
      const box = this.boxOf(start, end);
      if (!box) return null;
      const map = OffsetMap.of(view.state.doc);
      const last = map.toOffset(view.state.doc.content.size);
      // The box of the character at a text offset (between blocks: the next block's first or the
      // previous block's last, as `bias` says), never of a position between blocks.
      const at = (offset: number, bias: -1 | 1) => {
        try {
          const c = view.coordsAtPos(map.toPos(offset, bias), bias);
          return c.bottom > c.top ? c : null;
        } catch {
          return null;
        }
      };
      // Line tops fall as offsets rise, so each neighbouring line is a binary search over the
      // offsets within a window (a line is far shorter than it): the last offset on a line
      // wholly above the passage, and the first on a line wholly below it.
      const WINDOW = 2000;
      let lo = Math.max(0, start - WINDOW);
      let hi = start;
      let above: number | null = null;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = at(mid, -1);
        if (c && c.bottom <= box.top + 1) {
          above = c.top;
          lo = mid + 1;
        } else hi = mid;
      }
      lo = end;
      hi = Math.min(last, end + WINDOW);
      let below: number | null = null;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = at(mid, 1);
        if (c && c.top >= box.bottom - 1) {
          below = c.bottom;
          hi = mid;
        } else lo = mid + 1;
      }
      return { ...box, top: above ?? box.top, bottom: below ?? box.bottom };
    },
    get dom() {
      return view.dom as HTMLElement;
    },
    setCallbacks(next) {
      cb = next;
    },
    focus: () => {
      if (!destroyed) view.focus();
    },
    get state() {
      return view.state;
    },
    destroy: () => {
      destroyed = true;
      view.destroy();
    },
  };
}
