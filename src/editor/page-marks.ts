/**
 * Page boundaries of the source file shown in the reader ("— p. 15 —"), so that a coder can
 * cite a page. A page that starts at a block start gets a block-level marker between blocks;
 * a page that starts inside a block (a sentence running over a page break) gets an inline
 * marker at that offset. Built once per doc; mapped (never rebuilt) afterwards.
 */
import type { EditorState } from 'prosemirror-state';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Page } from '../model/document.ts';
import { OffsetMap } from './offsets.ts';

/** Options of the page marks plugin. */
export interface PageMarksOptions {
  /** The marker's text for a page; default "— p. <label> —". */
  format?: (page: Page) => string;
}

/** The plugin's state. */
export interface PageMarksState {
  readonly decorations: DecorationSet;
}

/** What a page marker decoration carries in its spec. */
export interface PageMarkSpec {
  kind: 'page';
  label: string;
  /** True when the marker stands between blocks (the page starts at a block start). */
  block: boolean;
}

const pageMarksKey = new PluginKey<PageMarksState>('wm-page-marks');

/** The default marker text. */
export function pageMarkText(page: Page): string {
  return `— p. ${page.label} —`;
}

function markerDom(view: EditorView, text: string, label: string, block: boolean): HTMLElement {
  const el = view.dom.ownerDocument.createElement(block ? 'div' : 'span');
  el.className = block ? 'wm-page-break wm-page-break-block' : 'wm-page-break wm-page-break-inline';
  el.dataset.page = label;
  el.textContent = text;
  return el;
}

/** Builds the page marker decorations of a reader doc. */
export function buildPageMarks(doc: Node, pages: readonly Page[], options: PageMarksOptions = {}): DecorationSet {
  const map = OffsetMap.of(doc);
  const format = options.format ?? pageMarkText;
  const decos: Decoration[] = [];
  for (const page of pages) {
    const pos = map.toPos(page.start, 1);
    const $pos = doc.resolve(pos);
    // At a block's first character (or in the gap before it): put the marker between blocks.
    const block = $pos.parentOffset === 0 && $pos.depth > 0;
    const at = block ? $pos.before() : pos;
    const text = format(page);
    const spec: PageMarkSpec & { key: string; side: number; ignoreSelection: boolean } = {
      kind: 'page',
      label: page.label,
      block,
      key: `wm-page:${page.index}:${text}`,
      side: -1,
      ignoreSelection: true,
    };
    decos.push(Decoration.widget(at, (view) => markerDom(view, text, page.label, block), spec));
  }
  return DecorationSet.create(doc, decos);
}

/** The page marks plugin for a document's pages. */
export function pageMarks(pages: readonly Page[], options: PageMarksOptions = {}): Plugin<PageMarksState> {
  return new Plugin<PageMarksState>({
    key: pageMarksKey,
    state: {
      init: (_config, state) => ({ decorations: buildPageMarks(state.doc, pages, options) }),
      apply: (tr, value) => (tr.docChanged ? { decorations: value.decorations.map(tr.mapping, tr.doc) } : value),
    },
    props: {
      decorations: (state) => pageMarksKey.getState(state)?.decorations,
    },
  });
}

/** The page marks plugin's state, if installed. */
export function getPageMarksState(state: EditorState): PageMarksState | undefined {
  return pageMarksKey.getState(state);
}
