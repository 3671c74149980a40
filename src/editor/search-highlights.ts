/**
 * Search hits in the reader: every hit is a `<mark class="wm-hit">`, the current one also
 * `wm-hit-current`. Setting the same hits array again with another `current` only redraws
 * the two hits whose state changes, so stepping through thousands of hits stays cheap.
 */
import type { EditorState, Transaction } from 'prosemirror-state';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { OffsetMap, rangeToPositions, type TextRange } from './offsets.ts';

/** The plugin's state. */
export interface SearchHitsState {
  readonly hits: readonly TextRange[];
  /** Index into hits of the current hit, or -1. */
  readonly current: number;
  readonly decorations: DecorationSet;
}

/** What a hit decoration carries in its spec. */
export interface HitSpec {
  kind: 'hit';
  index: number;
}

const searchHitsKey = new PluginKey<SearchHitsState>('wm-search-hits');

interface SetHits {
  hits: readonly TextRange[];
  current: number;
}

function hitDecoration(map: OffsetMap, hit: TextRange, index: number, current: boolean): Decoration | null {
  const { from, to } = rangeToPositions(map, hit);
  if (to <= from) return null;
  const spec: HitSpec = { kind: 'hit', index };
  return Decoration.inline(
    from,
    to,
    { nodeName: 'mark', class: current ? 'wm-hit wm-hit-current' : 'wm-hit', 'data-hit': String(index) },
    spec,
  );
}

function build(doc: Node, hits: readonly TextRange[], current: number): DecorationSet {
  const map = OffsetMap.of(doc);
  const decos: Decoration[] = [];
  hits.forEach((hit, i) => {
    const d = hitDecoration(map, hit, i, i === current);
    if (d) decos.push(d);
  });
  return DecorationSet.create(doc, decos);
}

function redrawHit(doc: Node, set: DecorationSet, hits: readonly TextRange[], index: number, current: boolean): DecorationSet {
  const hit = hits[index];
  if (!hit) return set;
  const old = set.find(undefined, undefined, (spec) => (spec as Partial<HitSpec>).index === index);
  const d = hitDecoration(OffsetMap.of(doc), hit, index, current);
  return set.remove(old).add(doc, d ? [d] : []);
}

/** The search highlights plugin. */
export function searchHighlights(): Plugin<SearchHitsState> {
  return new Plugin<SearchHitsState>({
    key: searchHitsKey,
    state: {
      init: () => ({ hits: [], current: -1, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const set = tr.getMeta(searchHitsKey) as SetHits | undefined;
        const mapped = tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
        if (!set) return mapped;
        if (set.hits === mapped.hits && !tr.docChanged) {
          if (set.current === mapped.current) return mapped;
          let decorations = mapped.decorations;
          if (mapped.current >= 0) decorations = redrawHit(state.doc, decorations, set.hits, mapped.current, false);
          if (set.current >= 0) decorations = redrawHit(state.doc, decorations, set.hits, set.current, true);
          return { hits: set.hits, current: set.current, decorations };
        }
        return { hits: set.hits, current: set.current, decorations: build(state.doc, set.hits, set.current) };
      },
    },
    props: {
      decorations: (state) => searchHitsKey.getState(state)?.decorations,
    },
  });
}

/**
 * Shows search hits (text offsets); `current` (index into hits) is marked as the current hit.
 * Pass the same array again to move the current hit cheaply; an empty array clears.
 */
export function setSearchHits(tr: Transaction, hits: readonly TextRange[], current = -1): Transaction {
  const value: SetHits = { hits, current: current >= 0 && current < hits.length ? current : -1 };
  return tr.setMeta(searchHitsKey, value);
}

/** The search highlights plugin's state, if installed. */
export function getSearchHitsState(state: EditorState): SearchHitsState | undefined {
  return searchHitsKey.getState(state);
}
