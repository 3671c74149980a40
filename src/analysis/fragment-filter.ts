/**
 * Filters that apply to every tally view and export: which fragments count.
 *
 * Policy (owned here):
 * - Documents: only fragments of the chosen documents (all when none are chosen). The views
 *   also drop unchosen documents from their rows.
 * - Coder: only fragments made by one of the chosen coders.
 * - Flag: only fragments with the flag (`{ with: id }`), or only fragments without any flag
 *   (`{ without: true }`).
 * - Date range: on the fragment's creation time, `from` inclusive, `to` exclusive, both as
 *   milliseconds since the epoch (the UI turns local calendar days into these).
 * - Saved search: only fragments that overlap at least one hit of the search, "overlap" as in
 *   the worklist (text/worklist.ts): sharing at least one character. Coding the sentence around
 *   a hit thus keeps the fragment.
 * - Dismissed hits: with `includeDismissed: false`, hits that a dismissal overlaps no longer
 *   keep a fragment when a search is chosen, and without a search every fragment that overlaps
 *   a dismissal is left out. With `true` (the default) dismissals change nothing.
 * All conditions must hold. Ranges are UTF-16 offsets into the document's normalised text.
 */
import type { Fragment } from '../model/fragment.ts';

/** A range of one document's text (a hit or a dismissal). */
export interface TextRange {
  documentId: string;
  start: number;
  end: number;
}

/** Which fragments count; every field optional, absent means "no condition". */
export interface FragmentFilter {
  documentIds?: readonly string[];
  coderIds?: readonly string[];
  flag?: { with: string } | { without: true };
  /** Creation time from (inclusive), ms since the epoch. */
  from?: number;
  /** Creation time to (exclusive), ms since the epoch. */
  to?: number;
  /** Hits of the chosen saved search; only fragments overlapping one of them count. */
  hits?: readonly TextRange[];
  /** Stored dismissals (of the chosen search, or of all searches when none is chosen). */
  dismissals?: readonly TextRange[];
  /** Whether dismissed hits still keep fragments; default true. */
  includeDismissed?: boolean;
}

/** The parts of a fragment the filter reads. */
export type FilterableFragment = Pick<Fragment, 'documentId' | 'coderId' | 'flags' | 'createdAt'> & {
  anchor: { start: number; end: number };
};

/** Sorted, merged ranges per document, for overlap tests by binary search. */
class RangeIndex {
  private readonly starts = new Map<string, Float64Array>();
  private readonly ends = new Map<string, Float64Array>();

  constructor(ranges: readonly TextRange[]) {
    const by = new Map<string, [number, number][]>();
    for (const r of ranges) {
      if (r.end <= r.start) continue;
      const list = by.get(r.documentId);
      if (list) list.push([r.start, r.end]);
      else by.set(r.documentId, [[r.start, r.end]]);
    }
    for (const [doc, list] of by) {
      list.sort((a, b) => a[0] - b[0]);
      // Merge overlapping ranges, so ends are sorted too.
      const merged: [number, number][] = [];
      for (const r of list) {
        const last = merged[merged.length - 1];
        if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
        else merged.push([r[0], r[1]]);
      }
      this.starts.set(doc, Float64Array.from(merged, (r) => r[0]));
      this.ends.set(doc, Float64Array.from(merged, (r) => r[1]));
    }
  }

  /** Whether any range of the document shares a character with [start, end). */
  overlaps(documentId: string, start: number, end: number): boolean {
    const ends = this.ends.get(documentId);
    if (!ends || end <= start) return false;
    // First range ending after `start`; it overlaps when it starts before `end`.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < ends.length && this.starts.get(documentId)![lo]! < end;
  }
}

/** Removes from `hits` every hit that a dismissal overlaps. */
function withoutDismissed(hits: readonly TextRange[], dismissals: readonly TextRange[]): TextRange[] {
  const index = new RangeIndex(dismissals);
  return hits.filter((h) => !index.overlaps(h.documentId, h.start, h.end));
}

/**
 * Compiles a filter into a predicate (build once, test many fragments: the hit index is made
 * here). See the module header for the rules. `createdAt`, when given, returns the creation time
 * (ms) of the fragment at an index, e.g. parsed once for many filters; the predicate then uses it
 * whenever it is called with that index.
 */
export function compileFilter(
  filter: FragmentFilter,
  createdAt?: (index: number) => number,
): (fragment: FilterableFragment, index?: number) => boolean {
  const documents = filter.documentIds && filter.documentIds.length > 0 ? new Set(filter.documentIds) : null;
  const coders = filter.coderIds && filter.coderIds.length > 0 ? new Set(filter.coderIds) : null;
  const flag = filter.flag;
  const from = filter.from;
  const to = filter.to;
  const excludeDismissed = filter.includeDismissed === false && (filter.dismissals?.length ?? 0) > 0;
  let hits: RangeIndex | null = null;
  let dismissed: RangeIndex | null = null;
  if (filter.hits) hits = new RangeIndex(excludeDismissed ? withoutDismissed(filter.hits, filter.dismissals!) : filter.hits);
  else if (excludeDismissed) dismissed = new RangeIndex(filter.dismissals!);
  return (f, index) => {
    if (documents && !documents.has(f.documentId)) return false;
    if (coders && !coders.has(f.coderId)) return false;
    if (flag) {
      if ('with' in flag ? !f.flags.includes(flag.with) : f.flags.length > 0) return false;
    }
    if (from !== undefined || to !== undefined) {
      const at = createdAt && index !== undefined ? createdAt(index) : Date.parse(f.createdAt);
      if (from !== undefined && !(at >= from)) return false;
      if (to !== undefined && !(at < to)) return false;
    }
    if (hits && !hits.overlaps(f.documentId, f.anchor.start, f.anchor.end)) return false;
    if (dismissed && dismissed.overlaps(f.documentId, f.anchor.start, f.anchor.end)) return false;
    return true;
  };
}

/** The fragments that pass the filter, in their order. */
export function filterFragments<F extends FilterableFragment>(fragments: readonly F[], filter: FragmentFilter): F[] {
  const keep = compileFilter(filter);
  return fragments.filter((f) => keep(f));
}

/** Whether a filter has any condition (for "filtered" notices in views and exports). */
export function isFiltering(filter: FragmentFilter): boolean {
  return Boolean(
    (filter.documentIds && filter.documentIds.length > 0) ||
      (filter.coderIds && filter.coderIds.length > 0) ||
      filter.flag ||
      filter.from !== undefined ||
      filter.to !== undefined ||
      filter.hits ||
      (filter.includeDismissed === false && (filter.dismissals?.length ?? 0) > 0),
  );
}
