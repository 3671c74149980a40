import { describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import { getCodingsState, setCodings } from '../../../src/editor/codings.ts';
import { getPageMarksState } from '../../../src/editor/page-marks.ts';
import { createReaderState } from '../../../src/editor/reader-state.ts';
import { getSearchHitsState } from '../../../src/editor/search-highlights.ts';
import { pagesOf, sample } from './fixture.ts';

const pages = pagesOf(sample.text, [0, sample.blocks[2]!.start]);

describe('createReaderState', () => {
  const state = createReaderState(sample.text, sample.blocks, pages, {
    codings: [{ id: 'a', start: 20, end: 28, colors: ['#c0392b'], keys: ['3'] }],
  });

  it('holds the document text block by block', () => {
    expect(state.doc.childCount).toBe(sample.blocks.length);
    expect(state.doc.child(1).textContent).toBe(sample.text.slice(sample.blocks[1]!.start, sample.blocks[1]!.end));
  });

  it('installs codings, search highlights and page marks', () => {
    expect(getCodingsState(state)!.items.size).toBe(1);
    expect(getSearchHitsState(state)!.hits).toEqual([]);
    expect(getPageMarksState(state)!.decorations.find()).toHaveLength(2);
  });

  it('rejects a transaction that changes the doc', () => {
    const tr = state.tr.insertText('x', 3);
    expect(state.applyTransaction(tr).state.doc).toBe(state.doc);
    expect(state.apply(state.tr.delete(2, 6)).doc.eq(state.doc)).toBe(true);
  });

  it('allows selection changes and data changes', () => {
    const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2, 8)));
    expect(selected.selection.from).toBe(2);
    expect(selected.selection.to).toBe(8);
    const recoded = selected.apply(setCodings(selected.tr, []));
    expect(getCodingsState(recoded)!.items.size).toBe(0);
  });

  it('keeps the selection as it was when a rejected change also moves it', () => {
    const tr = state.tr.insertText('x', 3);
    tr.setSelection(TextSelection.create(tr.doc, 5));
    expect(state.applyTransaction(tr).state.selection.eq(state.selection)).toBe(true);
  });
});
