/**
 * The rows of the worklist as plain data: a pure function of the hits, their display order, their
 * states and the document titles, so the list can show any window of them (a long list is drawn
 * a slice at a time) and every row looks the same however it was reached.
 */
import type { CorpusHit } from '../../text/corpus-search.ts';
import type { HitState, WorklistEntry } from '../../text/worklist.ts';

/** The key of a hit that survives re-sorting and re-running. */
export function hitKey(h: Pick<CorpusHit, 'documentId' | 'start' | 'end' | 'termIndex'>): string {
  return `${h.documentId}:${h.start}:${h.end}:${h.termIndex}`;
}

/** One row of the worklist. */
export interface WorklistRow {
  key: string;
  /** Position in the display order. */
  pos: number;
  /** Index into the search's hits. */
  hitIndex: number;
  documentId: string;
  title: string;
  page: string;
  left: string;
  match: string;
  right: string;
  state: HitState;
  /** The dismissal reason of a dismissed hit. */
  reason?: string;
  /** The fragment that codes a coded hit. */
  fragmentId?: string;
  /** The hit's document was imported after the search set was last marked as seen. */
  isNew: boolean;
}

/** What the rows are made of. */
export interface WorklistRowSource {
  hits: readonly CorpusHit[];
  /** Hit indexes in display order. */
  order: readonly number[];
  /** States aligned with `hits`. */
  entries: readonly WorklistEntry[];
  titles: ReadonlyMap<string, string>;
  newDocIds: ReadonlySet<string>;
}

/** The rows at display positions [from, to). */
export function worklistRows(source: WorklistRowSource, from: number, to: number): WorklistRow[] {
  const rows: WorklistRow[] = [];
  const end = Math.min(to, source.order.length);
  for (let pos = Math.max(0, from); pos < end; pos++) {
    const hitIndex = source.order[pos]!;
    const h = source.hits[hitIndex]!;
    const e = source.entries[hitIndex] ?? { state: 'open' as const };
    const row: WorklistRow = {
      key: hitKey(h),
      pos,
      hitIndex,
      documentId: h.documentId,
      title: source.titles.get(h.documentId) ?? '',
      page: String(h.page),
      left: h.left,
      match: h.match,
      right: h.right,
      state: e.state,
      isNew: source.newDocIds.has(h.documentId),
    };
    if (e.reason) row.reason = e.reason;
    if (e.fragmentId) row.fragmentId = e.fragmentId;
    rows.push(row);
  }
  return rows;
}
