import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { OffsetMap, docFromText } from '../../../src/editor/offsets.ts';
import { getPageMarksState, pageMarkText, pageMarks, type PageMarkSpec } from '../../../src/editor/page-marks.ts';
import { pagesOf, sample } from './fixture.ts';

const doc = docFromText(sample.text, sample.blocks);
const map = OffsetMap.of(doc);
const insideThird = sample.text.indexOf('sociale');
const pages = pagesOf(sample.text, [0, sample.blocks[1]!.start, insideThird, sample.blocks[3]!.start - 1]);

function marks(state: EditorState): Decoration[] {
  return getPageMarksState(state)!.decorations.find();
}

describe('page marks plugin', () => {
  const state = EditorState.create({ doc, plugins: [pageMarks(pages)] });
  const byLabel = new Map(marks(state).map((d) => [(d.spec as PageMarkSpec).label, d]));

  it('puts one marker at each page start', () => {
    expect(marks(state)).toHaveLength(4);
  });

  it('puts the marker of a page that starts at a block between the blocks', () => {
    expect(byLabel.get('1')!.from).toBe(0);
    expect((byLabel.get('1')!.spec as PageMarkSpec).block).toBe(true);
    expect(byLabel.get('2')!.from).toBe(map.toPos(sample.blocks[1]!.start) - 1);
  });

  it('puts the marker of a page that starts inside a block at that offset, inline', () => {
    expect(byLabel.get('3')!.from).toBe(map.toPos(insideThird));
    expect((byLabel.get('3')!.spec as PageMarkSpec).block).toBe(false);
  });

  it('treats a page starting in the gap before a block as starting at that block', () => {
    expect(byLabel.get('4')!.from).toBe(map.toPos(sample.blocks[3]!.start) - 1);
  });

  it('labels a marker "— p. <label> —"', () => {
    expect(pageMarkText({ index: 15, label: 'iv', start: 0, end: 1 })).toBe('— p. iv —');
  });

  it('keeps its decorations through transactions that do not change the doc', () => {
    const next = state.apply(state.tr.setMeta('x', 1));
    expect(getPageMarksState(next)!.decorations).toBe(getPageMarksState(state)!.decorations);
  });
});
