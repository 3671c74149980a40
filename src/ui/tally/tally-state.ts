/**
 * The tally screen's choices (filters and view), kept for the session: going to the reader
 * from a drill-down and back finds the same view. Stored in sessionStorage when it can be.
 */
import type { FragmentFilter, TextRange } from '../../analysis/fragment-filter.ts';
import type { ColumnMode, RowMode } from '../../analysis/tally-view.ts';
import type { MatrixMeasure } from '../../exchange/tally-table.ts';
import type { AppendixGrouping } from '../../exchange/appendix.ts';
import { loadSession, saveSession } from '../session-store.ts';

/** What the user chose on the tally screen. */
export interface TallyChoices {
  documentIds: string[];
  coderId: string;
  searchId: string;
  includeDismissed: boolean;
  /** '' any, 'none' without a flag, else a flag id. */
  flag: string;
  /** Local calendar days YYYY-MM-DD, '' for open. */
  from: string;
  to: string;
  rows: RowMode;
  columns: ColumnMode;
  measure: MatrixMeasure;
  coMode: 'sameFragment' | 'overlapping';
  grouping: AppendixGrouping;
}

/** The choices of a fresh screen. */
export const DEFAULT_CHOICES: TallyChoices = {
  documentIds: [],
  coderId: '',
  searchId: '',
  includeDismissed: true,
  flag: '',
  from: '',
  to: '',
  rows: 'document',
  columns: 'codes',
  measure: 'counts',
  coMode: 'sameFragment',
  grouping: 'document',
};

const KEY = 'worthmark.tally';

/** The choices of this session, or the defaults. */
export function loadChoices(): TallyChoices {
  return loadSession(KEY, DEFAULT_CHOICES);
}

/** Keeps the choices for this session. */
export function saveChoices(choices: TallyChoices): void {
  saveSession(KEY, choices);
}

/** Local midnight of a YYYY-MM-DD day, in ms; undefined for '' or an invalid day. */
export function localDayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** The analysis filter for the choices, given the hits and dismissals of the chosen search. */
export function toFilter(c: TallyChoices, hits: readonly TextRange[] | null, dismissals: readonly TextRange[]): FragmentFilter {
  const from = localDayStart(c.from);
  const toDay = localDayStart(c.to);
  // "Up to and including" a day: until the next local midnight.
  const to = toDay === undefined ? undefined : new Date(new Date(toDay).setDate(new Date(toDay).getDate() + 1)).getTime();
  return {
    documentIds: c.documentIds,
    coderIds: c.coderId ? [c.coderId] : [],
    flag: c.flag === '' ? undefined : c.flag === 'none' ? { without: true } : { with: c.flag },
    from,
    to,
    hits: c.searchId && hits ? hits : undefined,
    dismissals,
    includeDismissed: c.includeDismissed,
  };
}
