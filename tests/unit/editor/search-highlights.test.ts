import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Decoration, DecorationAttrs } from 'prosemirror-view';
import { OffsetMap, docFromText } from '../../../src/editor/offsets.ts';
import {
  getSearchHitsState,
  searchHighlights,
  setSearchHits,
  type HitSpec,
} from '../../../src/editor/search-highlights.ts';
import { sample } from './fixture.ts';

const doc = docFromText(sample.text, sample.blocks);
const map = OffsetMap.of(doc);
const hitsOf = (word: string) => {
  const hits = [];
  for (let i = sample.text.indexOf(word); i >= 0; i = sample.text.indexOf(word, i + 1)) {
    hits.push({ start: i, end: i + word.length });
  }
  return hits;
};
const attrsOf = (d: Decoration) => (d as unknown as { type: { attrs: DecorationAttrs } }).type.attrs;
const decos = (state: EditorState) => getSearchHitsState(state)!.decorations.find();
const current = (state: EditorState) => decos(state).filter((d) => attrsOf(d).class?.includes('wm-hit-current'));

describe('search highlights plugin', () => {
  const empty = EditorState.create({ doc, plugins: [searchHighlights()] });
  const hits = hitsOf('voor');

  it('starts without hits', () => {
    expect(decos(empty)).toHaveLength(0);
  });

  it('marks every hit with wm-hit over its range', () => {
    const state = empty.apply(setSearchHits(empty.tr, hits));
    expect(hits.length).toBeGreaterThan(1);
    expect(decos(state)).toHaveLength(hits.length);
    for (const d of decos(state)) {
      expect(attrsOf(d).class).toBe('wm-hit');
      expect(state.doc.textBetween(d.from, d.to)).toBe('voor');
    }
    expect(decos(state)[0]!.from).toBe(map.toPos(hits[0]!.start));
  });

  it('marks the current hit with wm-hit-current', () => {
    const state = empty.apply(setSearchHits(empty.tr, hits, 1));
    expect(current(state).map((d) => (d.spec as HitSpec).index)).toEqual([1]);
  });

  it('moves the current hit when the same hits are set again', () => {
    const first = empty.apply(setSearchHits(empty.tr, hits, 0));
    const second = first.apply(setSearchHits(first.tr, hits, 1));
    expect(current(second).map((d) => (d.spec as HitSpec).index)).toEqual([1]);
    expect(decos(second)).toHaveLength(hits.length);
    expect(getSearchHitsState(second)!.current).toBe(1);
  });

  it('clears the hits when an empty list is set', () => {
    const state = empty.apply(setSearchHits(empty.tr, hits));
    const cleared = state.apply(setSearchHits(state.tr, []));
    expect(decos(cleared)).toHaveLength(0);
  });

  it('ignores a current index outside the hits', () => {
    const state = empty.apply(setSearchHits(empty.tr, hits, 99));
    expect(current(state)).toHaveLength(0);
    expect(getSearchHitsState(state)!.current).toBe(-1);
  });
});
