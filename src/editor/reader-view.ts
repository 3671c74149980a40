/**
 * The reader's view, wrapped so that the UI never handles ProseMirror objects: one
 * EditorView per mounted reader, never recreated — opening another document swaps its
 * state (view.updateState), and data changes are transactions on the plugins.
 */
import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Block, Page } from '../model/document.ts';
import {
  fragmentsAt,
  removeCoding,
  setActiveCoding,
  setCodings,
  updateCoding,
  type CodingHighlight,
} from './codings.ts';
import { selectionToRange, type TextRange } from './offsets.ts';
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
  setCallbacks(callbacks: ReaderCallbacks): void;
  focus(): void;
  /** The editor state, for the editor module's pure functions (and tests). */
  readonly state: EditorState;
  destroy(): void;
}

/** Mounts a reader into an (empty) element; call destroy() on unmount. */
export function mountReader(place: HTMLElement, callbacks: ReaderCallbacks = {}): Reader {
  let cb = callbacks;
  const view: EditorView = new EditorView(place, {
    state: createReaderState('', [], []),
    dispatchTransaction(tr) {
      const before = view.state.selection;
      view.updateState(view.state.apply(tr));
      if (!view.state.selection.eq(before)) cb.onSelect?.(selectionToRange(view.state));
    },
    handleKeyDown: (_view, event) => cb.onKeyDown?.(event) ?? false,
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
  const run = (f: (tr: EditorState['tr']) => void) => {
    const tr = view.state.tr;
    f(tr);
    view.dispatch(tr);
  };
  return {
    open(text, blocks, pages, options) {
      view.updateState(createReaderState(text, blocks, pages, options));
      cb.onSelect?.(null);
    },
    setCodings: (items) => run((tr) => setCodings(tr, items)),
    updateCoding: (item) => run((tr) => updateCoding(tr, item)),
    removeCoding: (id) => run((tr) => removeCoding(tr, id)),
    setActiveCoding: (id) => run((tr) => setActiveCoding(tr, id)),
    setSearchHits: (hits, current) => run((tr) => setSearchHits(tr, hits, current)),
    scrollToOffset: (offset, end) => scrollToOffset(view, offset, end),
    selection: () => selectionToRange(view.state),
    setCallbacks(next) {
      cb = next;
    },
    focus: () => view.focus(),
    get state() {
      return view.state;
    },
    destroy: () => view.destroy(),
  };
}
