import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Decoration, DecorationAttrs } from 'prosemirror-view';
import {
  lookStyle,
  setCodingsWindow,
  badgeText,
  codings,
  fragmentStyle,
  fragmentsAt,
  getCodingsState,
  removeCoding,
  setActiveCoding,
  setCodings,
  updateCoding,
  type CodingDecorationSpec,
  type CodingHighlight,
} from '../../../src/editor/codings.ts';
import { OffsetMap, docFromText } from '../../../src/editor/offsets.ts';
import { sample } from './fixture.ts';

const RED = '#c0392b';
const BLUE = '#1f5fbf';
const t = sample.text;
const doc = docFromText(t, sample.blocks);
const map = OffsetMap.of(doc);

function range(word: string): { start: number; end: number } {
  const start = t.indexOf(word);
  if (start < 0) throw new Error(word);
  return { start, end: start + word.length };
}

function item(id: string, word: string, colors: string[] = [RED], keys: string[] = ['3']): CodingHighlight {
  return { id, ...range(word), colors, keys };
}

function withCodings(items: CodingHighlight[], plugins = [codings()]): EditorState {
  const state = EditorState.create({ doc, plugins });
  return state.apply(setCodings(state.tr, items));
}

function all(state: EditorState): Decoration[] {
  return getCodingsState(state)!.decorations.find();
}

const specOf = (d: Decoration) => d.spec as CodingDecorationSpec;
// Decoration attributes are not public API; reading them keeps the tests about what is drawn.
const attrsOf = (d: Decoration) => (d as unknown as { type: { attrs: DecorationAttrs } }).type.attrs;
const fragments = (state: EditorState) => all(state).filter((d) => specOf(d).kind === 'fragment');
const badges = (state: EditorState) => all(state).filter((d) => specOf(d).kind === 'badge');

describe('codings plugin', () => {
  it('draws one highlight and one key badge per coded fragment over its range', () => {
    const state = withCodings([item('a', 'gemeente zorgt'), item('b', 'Marktpartijen')]);
    expect(fragments(state)).toHaveLength(2);
    expect(badges(state)).toHaveLength(2);
    const a = fragments(state).find((d) => specOf(d).id === 'a')!;
    expect(a.from).toBe(map.toPos(range('gemeente zorgt').start));
    expect(a.to).toBe(map.toPos(range('gemeente zorgt').end));
    expect(doc.textBetween(a.from, a.to)).toBe('gemeente zorgt');
    const badge = badges(state).find((d) => specOf(d).id === 'a')!;
    expect(badge.from).toBe(a.from);
  });

  it('gives a highlight its class, fragment id and own span', () => {
    const state = withCodings([item('a', 'gemeente')]);
    const attrs = attrsOf(fragments(state)[0]!);
    expect(attrs.class?.split(' ')).toContain('wm-fragment');
    expect(attrs['data-fragment-id']).toBe('a');
    expect(attrs.nodeName).toBe('span');
  });

  it('shows every colour of a multi-code fragment as bands and stripes', () => {
    const state = withCodings([item('a', 'betaalbare woningen', [RED, BLUE], ['3', '5'])]);
    const attrs = attrsOf(fragments(state)[0]!);
    expect(attrs.class).toContain('wm-fragment-multi');
    expect(lookStyle(attrs.class)).toContain('linear-gradient');
    expect(lookStyle(attrs.class)).toContain(`${RED}33`);
    expect(lookStyle(attrs.class)).toContain(`${BLUE}33`);
    expect(lookStyle(attrs.class)).toContain(`linear-gradient(${RED}, ${RED}) left 0 bottom 3px`);
    expect(lookStyle(attrs.class)).toContain(`linear-gradient(${BLUE}, ${BLUE}) left 0 bottom 0px`);
    expect(lookStyle(attrs.class)).toContain('padding-bottom: 6px');
    expect(badgeText(['3', '5'])).toBe('3·5');
  });

  it('puts an overlapping fragment in its own lane so both underlines show', () => {
    const state = withCodings([item('outer', 'gemeente zorgt voor'), item('inner', 'zorgt voor betaalbare')]);
    const byId = new Map(fragments(state).map((d) => [specOf(d).id, d]));
    expect(specOf(byId.get('outer')!).lane).toBe(0);
    expect(specOf(byId.get('inner')!).lane).toBe(1);
    expect(attrsOf(byId.get('inner')!).class).toContain('wm-fragment-overlap');
    expect(lookStyle(attrsOf(byId.get('inner')!).class)).toContain('padding-bottom: 10px');
    expect(fragmentStyle([RED], 0)).toContain('padding-bottom: 3px');
  });

  it('reuses lane 0 for fragments that do not overlap', () => {
    const state = withCodings([item('a', 'gemeente'), item('b', 'woningen'), item('c', 'iedereen')]);
    expect(fragments(state).map((d) => specOf(d).lane)).toEqual([0, 0, 0]);
  });

  it('marks an uncoded fragment without a badge', () => {
    const state = withCodings([item('a', 'gemeente', [], [])]);
    expect(badges(state)).toHaveLength(0);
    expect(attrsOf(fragments(state)[0]!).class).toContain('wm-fragment-uncoded');
  });

  it('tells which fragments cover a position, innermost first', () => {
    const state = withCodings([item('outer', 'gemeente zorgt voor betaalbare'), item('inner', 'zorgt')]);
    const inZorgt = map.toPos(range('zorgt').start + 2);
    expect(fragmentsAt(state, inZorgt)).toEqual(['inner', 'outer']);
    expect(fragmentsAt(state, map.toPos(range('gemeente').start + 1))).toEqual(['outer']);
    expect(fragmentsAt(state, map.toPos(range('iedereen').start))).toEqual([]);
  });

  it('draws a fragment across blocks from its first to its last character', () => {
    const start = t.indexOf('2030');
    const end = t.indexOf('zorgt');
    const state = withCodings([{ id: 'x', start, end, colors: [RED], keys: ['1'] }]);
    const pieces = fragments(state);
    expect(pieces).toHaveLength(2);
    expect(pieces[0]!.from).toBe(map.toPos(start));
    expect(pieces[0]!.to).toBe(map.toPos(sample.blocks[0]!.end));
    expect(pieces[1]!.from).toBe(map.toPos(sample.blocks[1]!.start));
    expect(pieces[1]!.to).toBe(map.toPos(end));
    expect(badges(state)).toHaveLength(1);
    expect(fragmentsAt(state, pieces[1]!.from + 1)).toEqual(['x']);
  });

  it('starts a fragment whose start lies between blocks at the next block', () => {
    const second = sample.blocks[1]!;
    const state = withCodings([{ id: 'x', start: second.start - 1, end: second.start + 2, colors: [RED], keys: ['1'] }]);
    expect(fragments(state)[0]!.from).toBe(map.toPos(second.start));
    expect(badges(state)[0]!.from).toBe(map.toPos(second.start));
  });

  it('redraws only the fragments that changed when the whole list is set again', () => {
    const items = [item('a', 'gemeente'), item('b', 'woningen')];
    const state = withCodings(items);
    const same = state.apply(setCodings(state.tr, [...items]));
    expect(getCodingsState(same)!.decorations).toBe(getCodingsState(state)!.decorations);
    const specB = specOf(fragments(state).find((d) => specOf(d).id === 'b')!);
    const next = state.apply(setCodings(state.tr, [item('a', 'gemeente', [BLUE], ['5']), items[1]!]));
    expect(lookStyle(attrsOf(fragments(next).find((d) => specOf(d).id === 'a')!).class)).toContain(BLUE);
    expect(fragments(next).find((d) => specOf(d).id === 'b')!.spec).toBe(specB);
  });

  it('drops fragments left out of a new list', () => {
    const state = withCodings([item('a', 'gemeente'), item('b', 'woningen')]);
    const next = state.apply(setCodings(state.tr, [item('b', 'woningen')]));
    expect(fragments(next).map((d) => specOf(d).id)).toEqual(['b']);
  });

  it('rebuilds the same picture when many fragments change at once', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, start: i, end: i + 3, colors: [RED], keys: ['1'] }));
    const state = withCodings([]);
    const next = state.apply(setCodings(state.tr, many));
    expect(getCodingsState(next)!.items.size).toBe(60);
    const lanes = new Set(fragments(next).map((d) => specOf(d).lane));
    expect(lanes).toEqual(new Set([0, 1, 2]));
  });

  it('keeps the decorations when a transaction does not set codings', () => {
    const state = withCodings([item('a', 'gemeente')]);
    const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    expect(getCodingsState(next)!.decorations).toBe(getCodingsState(state)!.decorations);
  });

  it('maps the decorations through a change to the doc', () => {
    const state = withCodings([item('a', 'gemeente')]);
    const before = fragments(state)[0]!;
    const next = state.apply(state.tr.insertText('Nieuw: ', map.toPos(sample.blocks[1]!.start)));
    const after = fragments(next)[0]!;
    expect(after.from).toBe(before.from + 7);
    expect(next.doc.textBetween(after.from, after.to)).toBe('gemeente');
  });

  it('replaces one fragment and leaves the others alone', () => {
    const state = withCodings([item('a', 'gemeente'), item('b', 'woningen')]);
    const specB = specOf(fragments(state).find((d) => specOf(d).id === 'b')!);
    const next = state.apply(updateCoding(state.tr, item('a', 'gemeente zorgt', [BLUE], ['5'])));
    const a = fragments(next).find((d) => specOf(d).id === 'a')!;
    expect(next.doc.textBetween(a.from, a.to)).toBe('gemeente zorgt');
    expect(lookStyle(attrsOf(a).class)).toContain(BLUE);
    expect(fragments(next).find((d) => specOf(d).id === 'b')!.spec).toBe(specB);
    expect(all(next)).toHaveLength(4);
    expect(getCodingsState(next)!.items.get('a')!.keys).toEqual(['5']);
  });

  it('adds a new fragment in a free lane over an existing one', () => {
    const state = withCodings([item('a', 'gemeente zorgt voor')]);
    const next = state.apply(updateCoding(state.tr, item('b', 'zorgt')));
    expect(specOf(fragments(next).find((d) => specOf(d).id === 'b')!).lane).toBe(1);
  });

  it('removes one fragment with its badge', () => {
    const state = withCodings([item('a', 'gemeente'), item('b', 'woningen')]);
    const next = state.apply(removeCoding(state.tr, 'a'));
    expect(all(next).map((d) => specOf(d).id)).toEqual(['b', 'b']);
    expect(getCodingsState(next)!.items.has('a')).toBe(false);
  });

  it('moves the active mark from one fragment to another', () => {
    const state = withCodings([{ ...item('a', 'gemeente'), active: true }, item('b', 'woningen')]);
    const next = state.apply(setActiveCoding(state.tr, 'b'));
    const cls = (id: string) => attrsOf(fragments(next).find((d) => specOf(d).id === id)!).class;
    expect(cls('a')).not.toContain('wm-fragment-active');
    expect(cls('b')).toContain('wm-fragment-active');
  });

  it('keeps a fragment drawn active when the whole list comes again without saying which is active', () => {
    const state = withCodings([item('a', 'gemeente'), item('b', 'woningen')]);
    const drawn = state.apply(updateCoding(state.tr, { ...item('b', 'woningen'), active: true }));
    const again = drawn.apply(setCodings(drawn.tr, [item('a', 'gemeente'), item('b', 'woningen')]));
    // Nothing changed, so nothing is redrawn: the very same decorations.
    expect(getCodingsState(again)!.decorations).toBe(getCodingsState(drawn)!.decorations);
    const cls = (id: string) => attrsOf(fragments(again).find((d) => specOf(d).id === id)!).class;
    expect(cls('b')).toContain('wm-fragment-active');
    // A list that says so still switches the mark off.
    const off = again.apply(setCodings(again.tr, [item('a', 'gemeente'), { ...item('b', 'woningen'), active: false }]));
    const offCls = (id: string) => attrsOf(fragments(off).find((d) => specOf(d).id === id)!).class;
    expect(offCls('b')).not.toContain('wm-fragment-active');
  });

  it('applies several coding changes made on one transaction in order', () => {
    const state = withCodings([item('a', 'gemeente')]);
    const tr = state.tr;
    updateCoding(tr, item('b', 'woningen'));
    removeCoding(tr, 'a');
    const next = state.apply(tr);
    expect([...getCodingsState(next)!.items.keys()]).toEqual(['b']);
  });

  it('shows the fragments given to the factory from the start', () => {
    const state = EditorState.create({ doc, plugins: [codings({ items: [item('a', 'gemeente')] })] });
    expect(fragments(state)).toHaveLength(1);
  });
});

describe('codings plugin following the viewport', () => {
  // A long text: 2,000 paragraphs of ~60 characters (~120,000 characters), a fragment in each.
  const paragraphs = Array.from({ length: 2000 }, (_, i) => `Paragraaf ${i} over de gemeente en betaalbare woningen.`);
  const text = paragraphs.join('\n\n');
  const blocks = paragraphs.map((p, i) => {
    const start = paragraphs.slice(0, i).reduce((n, q) => n + q.length + 2, 0);
    return { kind: 'paragraph' as const, start, end: start + p.length };
  });
  const longDoc = docFromText(text, blocks);
  const longMap = OffsetMap.of(longDoc);
  const items: CodingHighlight[] = blocks.map((b, i) => ({ id: `f${i}`, start: b.start + 14, end: b.start + 30, colors: [RED], keys: ['3'] }));
  const drawnIds = (state: EditorState) => new Set(fragments(state).map((d) => specOf(d).id));

  it('draws only the fragments near the start of a long text until the view says what it shows', () => {
    const state = EditorState.create({ doc: longDoc, plugins: [codings({ items, viewport: true })] });
    const value = getCodingsState(state)!;
    expect(value.items.size).toBe(2000);
    const shown = drawnIds(state);
    expect(shown.has('f0')).toBe(true);
    expect(shown.has('f1999')).toBe(false);
    // Every drawn fragment lies in the window, and every fragment in the window is drawn.
    const inside = items.filter((f) => f.end >= value.window!.start && f.start <= value.window!.end).map((f) => f.id);
    expect([...shown].sort()).toEqual(inside.sort());
    expect(shown.size).toBeLessThan(1000);
  });

  it('draws the fragments of a new window and lets go of the old ones', () => {
    const state = EditorState.create({ doc: longDoc, plugins: [codings({ items, viewport: true })] });
    const end = text.length;
    const moved = state.apply(setCodingsWindow(state.tr, { start: end - 5000, end }));
    const shown = drawnIds(moved);
    expect(shown.has('f1999')).toBe(true);
    expect(shown.has('f0')).toBe(false);
    // All of them again with no window.
    expect(drawnIds(moved.apply(setCodingsWindow(moved.tr, null))).size).toBe(2000);
  });

  it('keeps fragments outside the window in its list, their changes included, and draws them when the window comes', () => {
    const state = EditorState.create({ doc: longDoc, plugins: [codings({ items, viewport: true })] });
    const far = { ...items[1990]!, colors: [BLUE], keys: ['5'] };
    const changed = state.apply(updateCoding(state.tr, far));
    expect(drawnIds(changed).has('f1990')).toBe(false);
    expect(getCodingsState(changed)!.items.get('f1990')!.keys).toEqual(['5']);
    const moved = changed.apply(setCodingsWindow(changed.tr, { start: text.length - 3000, end: text.length }));
    const d = fragments(moved).find((x) => specOf(x).id === 'f1990')!;
    expect(lookStyle(attrsOf(d).class)).toContain(BLUE);
  });

  it('finds the fragments at a position outside the window', () => {
    const state = EditorState.create({ doc: longDoc, plugins: [codings({ items, viewport: true })] });
    const pos = longMap.toPos(items[1500]!.start + 3);
    expect(fragmentsAt(state, pos)).toEqual(['f1500']);
    expect(fragmentsAt(state, longMap.toPos(items[2]!.start + 3))).toEqual(['f2']);
  });

  it('gives a new fragment outside the window the next lane over one it overlaps', () => {
    const state = EditorState.create({ doc: longDoc, plugins: [codings({ items, viewport: true })] });
    const over: CodingHighlight = { id: 'x', start: items[1800]!.start + 5, end: items[1800]!.end + 5, colors: [BLUE], keys: ['5'] };
    const next = state.apply(updateCoding(state.tr, over));
    expect(getCodingsState(next)!.lanes.get('x')).toBe(1);
    const moved = next.apply(setCodingsWindow(next.tr, { start: items[1800]!.start - 100, end: items[1800]!.end + 100 }));
    expect(specOf(fragments(moved).find((d) => specOf(d).id === 'x')!).lane).toBe(1);
  });
});
