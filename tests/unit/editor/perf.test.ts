/**
 * A size check, not a timing test: builds the reader for a 200-page document (~500,000
 * characters, 3,000 blocks) with 2,000 fragments and prints how long each step took.
 * Nothing here asserts a duration; targets belong in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import {
  fragmentsAt,
  getCodingsState,
  setActiveCoding,
  setCodings,
  updateCoding,
  type CodingHighlight,
} from '../../../src/editor/codings.ts';
import { OffsetMap, selectionToRange } from '../../../src/editor/offsets.ts';
import { createReaderState } from '../../../src/editor/reader-state.ts';
import { getSearchHitsState, setSearchHits } from '../../../src/editor/search-highlights.ts';
import type { Block, Page } from '../../../src/model/document.ts';

const WORDS = 'de gemeente zorgt voor betaalbare woningen en een efficiënte markt waarin burgers samen beslissen over hun wijk'.split(' ');
const COLORS = ['#c0392b', '#1f5fbf', '#2e7d32', '#8e44ad', '#b35c00', '#00838f'];

function bigDocument(blockCount: number, pageCount: number) {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  const blocks: Block[] = [];
  let length = 0;
  for (let b = 0; b < blockCount; b++) {
    const words: string[] = [];
    const n = 20 + Math.floor(rnd() * 14);
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
    const body = words.join(' ') + '.';
    if (b > 0) length += 2;
    blocks.push({ kind: b % 40 === 0 ? 'heading' : 'paragraph', start: length, end: length + body.length });
    parts.push(body);
    length += body.length;
  }
  const text = parts.join('\n\n');
  const pages: Page[] = [];
  for (let p = 0; p < pageCount; p++) {
    const start = Math.floor((p * text.length) / pageCount);
    pages.push({ index: p + 1, label: String(p + 1), start, end: Math.floor(((p + 1) * text.length) / pageCount) });
  }
  const fragments: CodingHighlight[] = [];
  for (let f = 0; f < 2000; f++) {
    const start = Math.floor(rnd() * (text.length - 400));
    const codes = 1 + Math.floor(rnd() * 2);
    fragments.push({
      id: `f${f}`,
      start,
      end: start + 20 + Math.floor(rnd() * 300),
      colors: COLORS.slice(f % 5, (f % 5) + codes),
      keys: ['1', '2', '3', '4', '5', '6'].slice(f % 5, (f % 5) + codes),
    });
  }
  return { text, blocks, pages, fragments };
}

function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const result = f();
  console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return result;
}

describe('a 200-page document', () => {
  it('opens with 2,000 fragments and takes coding changes', () => {
    const { text, blocks, pages, fragments } = bigDocument(3000, 200);
    console.log(`text ${text.length} chars, ${blocks.length} blocks, ${pages.length} pages, ${fragments.length} fragments`);
    let state = time('open (createReaderState with codings)', () =>
      createReaderState(text, blocks, pages, { codings: fragments }),
    );
    expect(getCodingsState(state)!.items.size).toBe(2000);
    state = time('setCodings (all 2,000 again)', () => state.apply(setCodings(state.tr, fragments)));
    const recoloured = fragments.map((f) => ({ ...f, colors: [...f.colors].reverse() }));
    state = time('setCodings with every fragment changed (full rebuild)', () =>
      state.apply(setCodings(state.tr, recoloured)),
    );
    state = state.apply(setCodings(state.tr, fragments));
    const changed = { ...fragments[1000]!, colors: [COLORS[0]!, COLORS[1]!], keys: ['1', '2'] };
    state = time('setCodings after one change', () =>
      state.apply(setCodings(state.tr, fragments.map((f) => (f.id === changed.id ? changed : f)))),
    );
    state = time('updateCoding (one fragment)', () => state.apply(updateCoding(state.tr, changed)));
    state = time('setActiveCoding', () => state.apply(setActiveCoding(state.tr, 'f10')));
    const map = OffsetMap.of(state.doc);
    const pos = map.toPos(fragments[500]!.start + 5);
    const ids = time('fragmentsAt', () => fragmentsAt(state, pos));
    expect(ids).toContain('f500');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos, pos + 200)));
    expect(time('selectionToRange', () => selectionToRange(state))).not.toBeNull();
    const hits: { start: number; end: number }[] = [];
    for (let i = text.indexOf('markt'); i >= 0 && hits.length < 5000; i = text.indexOf('markt', i + 1)) {
      hits.push({ start: i, end: i + 5 });
    }
    state = time(`setSearchHits (${hits.length} hits)`, () => state.apply(setSearchHits(state.tr, hits, 0)));
    state = time('move current hit', () => state.apply(setSearchHits(state.tr, hits, 1)));
    expect(getSearchHitsState(state)!.current).toBe(1);
    time('selection change (all plugins apply)', () =>
      state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos + 1))),
    );
  });
});
