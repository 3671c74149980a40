import { describe, expect, it } from 'vitest';
import { nextOpen, worklistProgress, worklistStates } from '../../../src/text/worklist.ts';

const hit = (documentId: string, start: number, end: number) => ({ documentId, start, end });

describe('worklist states', () => {
  it('marks a hit coded when a fragment of its document overlaps it, and names that fragment', () => {
    const states = worklistStates([hit('a', 10, 16), hit('b', 10, 16)], [{ id: 'f1', documentId: 'a', start: 0, end: 40 }], []);
    expect(states).toEqual([{ state: 'coded', fragmentId: 'f1' }, { state: 'open' }]);
  });

  it('makes every hit inside one fragment one decision', () => {
    const hits = [hit('a', 5, 10), hit('a', 20, 25), hit('a', 60, 65)];
    const states = worklistStates(hits, [{ id: 'f', documentId: 'a', start: 0, end: 30 }], []);
    expect(states.map((s) => s.state)).toEqual(['coded', 'coded', 'open']);
    expect(worklistProgress(states)).toEqual({ total: 3, decided: 2, coded: 2, dismissed: 0, open: 1, decisions: 1 });
  });

  it('prefers the shortest fragment that contains the hit over a longer one', () => {
    const frags = [
      { id: 'para', documentId: 'a', start: 0, end: 100 },
      { id: 'sentence', documentId: 'a', start: 40, end: 60 },
    ];
    expect(worklistStates([hit('a', 45, 50)], frags, [])[0]!.fragmentId).toBe('sentence');
  });

  it('counts a fragment that only touches the edge of a hit as not covering it', () => {
    expect(worklistStates([hit('a', 10, 16)], [{ id: 'f', documentId: 'a', start: 0, end: 10 }], [])[0]!.state).toBe('open');
    expect(worklistStates([hit('a', 10, 16)], [{ id: 'f', documentId: 'a', start: 15, end: 30 }], [])[0]!.state).toBe('coded');
  });

  it('marks a hit dismissed by a dismissal at its place, with the reason, and lets coding win', () => {
    const dismissals = [{ id: 'd1', documentId: 'a', start: 10, end: 24, reason: 'adres' }];
    const hits = [hit('a', 10, 24), hit('a', 10, 15), hit('a', 30, 35)];
    const states = worklistStates(hits, [], dismissals);
    expect(states[0]).toEqual({ state: 'dismissed', dismissalId: 'd1', reason: 'adres' });
    // Another term's hit inside the same word is the same decision.
    expect(states[1]!.state).toBe('dismissed');
    expect(states[2]!.state).toBe('open');
    const coded = worklistStates(hits, [{ id: 'f', documentId: 'a', start: 0, end: 20 }], dismissals);
    expect(coded[0]!.state).toBe('coded');
  });

  it('finds the next open hit in display order, wrapping around, and -1 when none is open', () => {
    const entries = worklistStates([hit('a', 0, 1), hit('a', 5, 6), hit('a', 9, 10)], [{ id: 'f', documentId: 'a', start: 5, end: 6 }], []);
    const order = [2, 1, 0];
    expect(nextOpen(entries, order, 0)).toBe(2);
    expect(nextOpen(entries, order, 2)).toBe(0);
    expect(nextOpen(entries, order, -1)).toBe(0);
    expect(nextOpen(entries, order, 2, -1)).toBe(0);
    const allCoded = worklistStates([hit('a', 0, 1)], [{ id: 'f', documentId: 'a', start: 0, end: 1 }], []);
    expect(nextOpen(allCoded, [0], 0)).toBe(-1);
  });
});
