/**
 * The time budget of a user's `/regex/` term, the one input a user can make run for ever (by
 * catastrophic backtracking). Everything that runs a user's term list keeps to it: the app's
 * search worker and the reader's find bar (ui/search/search-client.ts stops the worker), and the
 * CLI (cli/regex-budget.ts stops the script).
 */
import type { Query } from './query.ts';

/** How long a search with a `/regex/` term may run before it is stopped (ms). */
export const REGEX_BUDGET_MS = 4_000;

/** The lines of a query that hold a regex term (only those can run past the budget). */
export function regexLines(query: Query): number[] {
  return query.terms.filter((t) => t.alternatives.some((a) => a.kind === 'regex')).map((t) => t.line);
}
