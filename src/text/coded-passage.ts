/**
 * The one rule for "a key on a passage that is already coded acts on that fragment", used by the
 * reader (a selection, the sentence around a hit opened from the search screen, a hit of the
 * find bar), the worklist (a hit and the sentence around it) and widening to a sentence or
 * paragraph. It decides whether a coding key makes a new fragment or acts on one that exists.
 *
 * Policy:
 * - A hit (a search or find-bar match) inside a fragment belongs to it: the key acts on that
 *   fragment (the shortest one that contains the hit), as it is.
 * - A range that is a fragment's range, up to white space and punctuation at either edge (the
 *   reader snaps a selection to whole words, so a closing ")." may be missing), is that fragment.
 * - A range the app derived (the sentence around a hit, a range grown to its sentence or
 *   paragraph) that lies inside a fragment acts on the shortest such fragment, as it is. One that
 *   overlaps fragments without lying inside any acts on one of them, widened over the range and
 *   merged with the others: a derived range never lays a second fragment over coded text, so no
 *   sentence is counted or quoted twice. Only fragments of one coder are merged (another coder's
 *   fragments over the same text are their own coding, compared in the agreement).
 * - A range the user chose by hand (a selection) that is not a fragment's range makes a new
 *   fragment, also inside or across another one: deliberate nesting and overlap stay possible.
 */

/** A half-open range [start, end) of text offsets. */
export interface PassageRange {
  start: number;
  end: number;
}

/** A fragment as the rule sees it: its place and its coder. */
export interface PlacedFragment extends PassageRange {
  id: string;
  coderId?: string;
}

/** Where a range comes from: chosen by the user, or derived by the app around a hit or a fragment. */
export type PassageOrigin = 'chosen' | 'derived';

/** What a coding key on a passage does. */
export type PassageTarget =
  /** Act on this existing fragment, unchanged in place. */
  | { kind: 'fragment'; id: string }
  /** Act on this fragment, first widened to `range` and merged with the fragments in `merge`. */
  | { kind: 'widen'; id: string; range: PassageRange; merge: string[] }
  /** Make a new fragment over `range`. */
  | { kind: 'new'; range: PassageRange };

/** What to decide on. */
export interface PassageQuery {
  /** The document's text (to tell white space and punctuation at the edges). */
  text: string;
  /** The passage a new fragment would cover. */
  range: PassageRange;
  origin: PassageOrigin;
  /** The match the passage was found by, if any (a search hit, a find-bar hit). */
  hit?: PassageRange;
  /** The fragments of the document (any order). */
  fragments: readonly PlacedFragment[];
  /** The acting coder: with a derived range only their fragments are widened and merged (default: any coder's). */
  coderId?: string;
}

const EDGE = /^[\s\p{P}\p{S}]*$/u;

/** Whether `range` is the fragment's range up to white space and punctuation at either edge. */
export function sameRange(text: string, range: PassageRange, fragment: PassageRange): boolean {
  const lo = Math.min(range.start, fragment.start);
  const hi = Math.max(range.end, fragment.end);
  // Whatever one covers and the other does not must be only white space and punctuation.
  return (
    EDGE.test(text.slice(lo, Math.max(range.start, fragment.start))) &&
    EDGE.test(text.slice(Math.min(range.end, fragment.end), hi)) &&
    // …and they must share text (two ranges on either side of a comma are not the same).
    Math.max(range.start, fragment.start) < Math.min(range.end, fragment.end)
  );
}

const contains = (outer: PassageRange, inner: PassageRange) => outer.start <= inner.start && outer.end >= inner.end;
const overlaps = (a: PassageRange, b: PassageRange) => a.start < b.end && b.start < a.end;
const length = (r: PassageRange) => r.end - r.start;
const shortest = <T extends PassageRange>(list: T[]): T | undefined =>
  list.reduce<T | undefined>((best, f) => (!best || length(f) < length(best) ? f : best), undefined);

/** Decides what a coding key on a passage acts on; see the module header for the rule. */
export function passageTarget(query: PassageQuery): PassageTarget {
  const { text, range, fragments, hit } = query;
  const live = fragments.filter((f) => f.end > f.start);
  if (hit) {
    const home = shortest(live.filter((f) => contains(f, hit)));
    if (home) return { kind: 'fragment', id: home.id };
  }
  const same = shortest(live.filter((f) => sameRange(text, range, f)));
  if (same) return { kind: 'fragment', id: same.id };
  if (query.origin === 'chosen') return { kind: 'new', range };
  const inside = shortest(live.filter((f) => contains(f, range)));
  if (inside) return { kind: 'fragment', id: inside.id };
  // Only the acting coder's own fragments are widened (when the caller names the coder).
  const touching = live.filter((f) => overlaps(f, range) && (query.coderId === undefined || f.coderId === query.coderId));
  if (touching.length === 0) return { kind: 'new', range };
  // Widen the fragment that shares the most text with the range (the first in reading order on a tie).
  const shared = (f: PassageRange) => Math.min(f.end, range.end) - Math.max(f.start, range.start);
  const sorted = [...touching].sort((a, b) => a.start - b.start || a.end - b.end);
  const base = sorted.reduce((best, f) => (shared(f) > shared(best) ? f : best), sorted[0]!);
  const coder = query.coderId ?? base.coderId;
  return widened(base, range, live, coder);
}

/**
 * Widens fragment `base` over `range`: the result covers both, and every other fragment of the
 * same coder that it then overlaps (but that does not contain it) is merged in, growing the range
 * further until no such fragment is left. Pure; see {@link passageTarget}.
 */
export function widened(base: PlacedFragment, range: PassageRange, fragments: readonly PlacedFragment[], coderId = base.coderId): PassageTarget {
  let start = Math.min(base.start, range.start);
  let end = Math.max(base.end, range.end);
  const merge = new Set<string>();
  const candidates = fragments.filter((f) => f.id !== base.id && f.end > f.start && (f.coderId ?? '') === (coderId ?? ''));
  // A round that grows the range has taken in a fragment, so the work is O(candidates × merged).
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of candidates) {
      if (merge.has(f.id) || !overlaps(f, { start, end }) || contains(f, { start, end })) continue;
      merge.add(f.id);
      if (f.start < start || f.end > end) {
        start = Math.min(start, f.start);
        end = Math.max(end, f.end);
        grew = true;
      }
    }
  }
  if (merge.size === 0 && start === base.start && end === base.end) return { kind: 'fragment', id: base.id };
  return { kind: 'widen', id: base.id, range: { start, end }, merge: [...merge] };
}
