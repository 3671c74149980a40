/**
 * The worklist: the state of every search hit, derived from fragments and dismissals.
 *
 * Policy — when is a hit decided:
 * - `coded`: a fragment of the same document overlaps the hit (shares at least one character with
 *   it). Every hit inside one fragment is therefore decided by that one fragment: coding the
 *   sentence around a hit also decides the other hits in that sentence.
 * - `dismissed`: not coded, and a dismissal stored for this saved search overlaps the hit. A
 *   dismissal is stored with the range of the hit it was made on; a hit of another term at the
 *   same place ("internationale" found by `internationa*` and by `internationale`) is the same
 *   decision.
 * - `open`: neither.
 * Coded wins over dismissed: coding a dismissed hit later un-dismisses it in effect.
 */

/** The decision state of a hit. */
export type HitState = 'open' | 'coded' | 'dismissed';

/** A range of one document (a hit, a fragment or a dismissal). */
export interface DocumentRange {
  documentId: string;
  start: number;
  end: number;
}

/** A fragment as the worklist sees it. */
export interface WorklistFragment extends DocumentRange {
  id: string;
}

/** A stored dismissal as the worklist sees it. */
export interface WorklistDismissal extends DocumentRange {
  id: string;
  reason?: string;
}

/** The state of one hit, with the fragment that codes it or the dismissal that dismissed it. */
export interface WorklistEntry {
  state: HitState;
  /** The fragment that decides the hit (the shortest one that contains it, else the first that overlaps). */
  fragmentId?: string;
  /** The dismissal of a dismissed hit. */
  dismissalId?: string;
  reason?: string;
}

/** Counts of a worklist. */
export interface WorklistProgress {
  total: number;
  decided: number;
  coded: number;
  dismissed: number;
  open: number;
  /** Distinct decisions: fragments that code at least one hit, plus dismissed places. */
  decisions: number;
}

function byDocument<T extends DocumentRange>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const list = map.get(it.documentId);
    if (list) list.push(it);
    else map.set(it.documentId, [it]);
  }
  for (const list of map.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return map;
}

function overlaps(a: DocumentRange, b: DocumentRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The ranges of a list sorted by start that overlap `hit` (those that start before its end). */
function overlapping<T extends DocumentRange>(sorted: readonly T[] | undefined, hit: DocumentRange): T[] {
  if (!sorted) return [];
  // Binary search for the first range starting at or after hit.end: none from there overlaps.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < hit.end) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = 0; i < lo; i++) if (overlaps(sorted[i]!, hit)) out.push(sorted[i]!);
  return out;
}

/** The state of each hit (aligned with `hits`). */
export function worklistStates(
  hits: readonly DocumentRange[],
  fragments: readonly WorklistFragment[],
  dismissals: readonly WorklistDismissal[],
): WorklistEntry[] {
  const frags = byDocument(fragments);
  const dis = byDocument(dismissals);
  return hits.map((h) => {
    const f = overlapping(frags.get(h.documentId), h);
    if (f.length > 0) {
      const containing = f.filter((x) => x.start <= h.start && x.end >= h.end).sort((a, b) => a.end - a.start - (b.end - b.start));
      return { state: 'coded', fragmentId: (containing[0] ?? f[0]!).id };
    }
    const d = overlapping(dis.get(h.documentId), h)[0];
    if (d) return d.reason ? { state: 'dismissed', dismissalId: d.id, reason: d.reason } : { state: 'dismissed', dismissalId: d.id };
    return { state: 'open' };
  });
}

/** Counts decided, coded, dismissed and open hits, and the distinct decisions behind them. */
export function worklistProgress(entries: readonly WorklistEntry[]): WorklistProgress {
  let coded = 0;
  let dismissed = 0;
  const decisions = new Set<string>();
  for (const e of entries) {
    if (e.state === 'coded') {
      coded++;
      decisions.add(`f:${e.fragmentId}`);
    } else if (e.state === 'dismissed') {
      dismissed++;
      decisions.add(`d:${e.dismissalId}`);
    }
  }
  return { total: entries.length, decided: coded + dismissed, coded, dismissed, open: entries.length - coded - dismissed, decisions: decisions.size };
}

/**
 * The position (in `order`, the display order of hit indexes) of the next open hit after
 * position `from`, wrapping around; -1 when no hit is open. `from` = -1 starts at the top.
 */
export function nextOpen(entries: readonly WorklistEntry[], order: readonly number[], from: number, direction: 1 | -1 = 1): number {
  const n = order.length;
  for (let step = 1; step <= n; step++) {
    const pos = (((from + direction * step) % n) + n) % n;
    if (entries[order[pos]!]?.state === 'open') return pos;
  }
  return -1;
}
