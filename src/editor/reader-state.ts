/**
 * The reader: a read-only ProseMirror editor state over a document's normalised text.
 *
 * Why editable, yet read-only: the view stays contenteditable (editable: () => true) so the
 * selection works from the keyboard (shift+arrows, shift+home/end) as it does for any
 * text field — a non-editable element has no caret without caret browsing. The doc is
 * protected by a filterTransaction that rejects every doc change; ProseMirror redraws a
 * region whose DOM was changed by a rejected input, so stray typing, IME, cut, paste and
 * drop never show. Text input, paste and drop are also swallowed up front to avoid a flash.
 * The plugin defines no handleKeyDown for printable keys: the component's own
 * handleKeyDown (a direct view prop, asked before plugins) gets digits for coding.
 */
import { EditorState, Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Block, Page } from '../model/document.ts';
import { codings, type CodingHighlight } from './codings.ts';
import { OffsetMap, docFromText } from './offsets.ts';
import { pageMarks, type PageMarksOptions } from './page-marks.ts';
import { searchHighlights } from './search-highlights.ts';

const readOnlyKey = new PluginKey('wm-read-only');

/** Keys whose default action would edit the text; prevented so nothing flashes. */
const EDITING_KEYS = new Set(['Backspace', 'Delete', 'Enter']);

/** Makes the doc read-only while leaving selection (mouse and keyboard) and copying alone. */
export function readOnly(): Plugin {
  return new Plugin({
    key: readOnlyKey,
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      editable: () => true,
      attributes: {
        class: 'wm-reader',
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
        translate: 'no',
        // In the tab order by its attribute too: checkers (axe's scrollable-region-focusable) look
        // for it on the content of the scrolling text box.
        tabindex: '0',
      },
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleKeyDown: (_view, event) => EDITING_KEYS.has(event.key),
      // Keep a scrolled-to offset clear of sticky headers and the viewport edge.
      scrollMargin: 64,
    },
  });
}

/** Options of the reader state. */
export interface ReaderStateOptions {
  /** Fragments to show on opening. */
  codings?: readonly CodingHighlight[];
  pageMarks?: PageMarksOptions;
}

/** The reader's state: the doc for text and blocks, with codings, search hits, page marks, read-only. */
export function createReaderState(
  text: string,
  blocks: readonly Block[],
  pages: readonly Page[],
  options: ReaderStateOptions = {},
): EditorState {
  return EditorState.create({
    doc: docFromText(text, blocks),
    plugins: [
      readOnly(),
      codings({ items: options.codings ?? [], viewport: true }),
      searchHighlights(),
      pageMarks(pages, options.pageMarks),
    ],
  });
}

/**
 * Selects a text offset (or the range [offset, end) when end is given) and scrolls it into
 * view. Does not move the focus.
 */
export function scrollToOffset(view: EditorView, offset: number, end?: number): void {
  const map = OffsetMap.of(view.state.doc);
  const anchor = map.toPos(offset, 1);
  const head = end === undefined ? anchor : Math.max(anchor, map.toPos(end, -1));
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)).scrollIntoView();
  view.dispatch(tr);
  // ProseMirror scrolls to the selection only while the DOM selection is inside the editor (it
  // has focus); a jump from a search hit or the fragment list comes while focus is elsewhere, so
  // scroll the block itself, centred to show the context around it.
  const { node } = view.domAtPos(anchor);
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  element?.scrollIntoView?.({ block: 'center' });
}
