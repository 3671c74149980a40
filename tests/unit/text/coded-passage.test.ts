import { describe, expect, it } from 'vitest';
import { passageTarget, sameRange, type PlacedFragment } from '../../../src/text/coded-passage.ts';

const TEXT = 'Eerste zin over cultuur. De regio (en haar partners) werkt over de grenzen heen (zie p. 3). Derde zin over de wereld.\n\nNieuwe alinea met de wereld.';
const range = (s: string, from = 0) => {
  const start = TEXT.indexOf(s, from);
  if (start < 0) throw new Error(`not in text: ${s}`);
  return { start, end: start + s.length };
};
const SECOND = range('De regio (en haar partners) werkt over de grenzen heen (zie p. 3).');
const frag = (id: string, r: { start: number; end: number }, coderId = 'anna'): PlacedFragment => ({ id, ...r, coderId });

describe('sameRange', () => {
  it('takes a selection without the closing ")." as the fragment it was cut from', () => {
    const snapped = { start: SECOND.start, end: SECOND.end - 2 };
    expect(sameRange(TEXT, snapped, SECOND)).toBe(true);
  });

  it('does not take a range that leaves out a word as the same', () => {
    expect(sameRange(TEXT, { start: SECOND.start, end: SECOND.end - 6 }, SECOND)).toBe(false);
  });
});

describe('passageTarget', () => {
  it('acts on the fragment that contains a hit, as it is (Enter or a key on a coded hit)', () => {
    const hit = range('grenzen');
    const paragraph = frag('p', range(TEXT.slice(0, TEXT.indexOf('\n\n'))));
    const sentence = frag('s', SECOND);
    const t = passageTarget({ text: TEXT, range: SECOND, origin: 'derived', hit, fragments: [paragraph, sentence] });
    expect(t).toEqual({ kind: 'fragment', id: 's' });
  });

  it('acts on the fragment whose range a hand selection is, up to punctuation at the edges', () => {
    const t = passageTarget({ text: TEXT, range: { start: SECOND.start, end: SECOND.end - 2 }, origin: 'chosen', fragments: [frag('s', SECOND)] });
    expect(t).toEqual({ kind: 'fragment', id: 's' });
  });

  it('makes a new fragment for a hand selection inside or across another fragment (deliberate nesting and overlap)', () => {
    const fragments = [frag('s', SECOND)];
    const inner = range('werkt over de grenzen');
    expect(passageTarget({ text: TEXT, range: inner, origin: 'chosen', fragments })).toEqual({ kind: 'new', range: inner });
    const across = range('heen (zie p. 3). Derde');
    expect(passageTarget({ text: TEXT, range: across, origin: 'chosen', fragments })).toEqual({ kind: 'new', range: across });
  });

  it('acts on a fragment that contains a derived range, instead of nesting a copy in it', () => {
    const paragraph = frag('p', range(TEXT.slice(0, TEXT.indexOf('\n\n'))));
    expect(passageTarget({ text: TEXT, range: SECOND, origin: 'derived', fragments: [paragraph] })).toEqual({ kind: 'fragment', id: 'p' });
  });

  it('widens a fragment that a derived range overlaps, and merges the other fragments of that coder it then covers', () => {
    const part = frag('a', range('De regio (en haar partners)'));
    const tail = frag('b', range('grenzen heen (zie p. 3). Derde zin'));
    const other = frag('c', range('werkt over'), 'bert');
    const t = passageTarget({ text: TEXT, range: SECOND, origin: 'derived', hit: range('grenzen'), fragments: [part, tail, other] });
    expect(t).toEqual({ kind: 'fragment', id: 'b' }); // the hit is inside b
    const u = passageTarget({ text: TEXT, range: SECOND, origin: 'derived', hit: range('regio'), fragments: [tail, part, other] });
    expect(u).toEqual({ kind: 'fragment', id: 'a' });
    const v = passageTarget({ text: TEXT, range: SECOND, origin: 'derived', hit: range('werkt'), fragments: [tail, part] });
    expect(v.kind).toBe('widen');
    if (v.kind !== 'widen') return;
    // a shares more of the sentence (27 characters) than b (24): a is widened, b merged in, and
    // the range runs on to b's end.
    expect(v.id).toBe('a');
    expect(v.merge).toEqual(['b']);
    expect(v.range).toEqual({ start: SECOND.start, end: tail.end });
  });

  it('never merges another coder’s fragment', () => {
    const theirs = frag('t', range('De regio (en haar partners)'), 'bert');
    const mine = frag('m', range('werkt over de grenzen'), 'anna');
    const t = passageTarget({ text: TEXT, range: SECOND, origin: 'derived', fragments: [theirs, mine], coderId: 'anna' });
    expect(t).toEqual({ kind: 'widen', id: 'm', range: SECOND, merge: [] });
  });

  it('makes a new fragment where nothing is coded, and ignores orphaned fragments (empty range)', () => {
    const orphan = frag('o', { start: SECOND.start + 3, end: SECOND.start + 3 });
    expect(passageTarget({ text: TEXT, range: SECOND, origin: 'derived', fragments: [orphan] })).toEqual({ kind: 'new', range: SECOND });
  });
});
