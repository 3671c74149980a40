/**
 * A user's `/regex/` terms run in the CLI under the app's time budget (text/regex-budget.ts). The
 * search runs through node:vm with a timeout: its watchdog terminates the running script, a
 * regular expression in the middle of catastrophic backtracking included, and the process goes
 * on. Past the budget the command prints one line naming the term lines and exits 1.
 */
import { runInNewContext } from 'node:vm';
import type { Query } from '../text/query.ts';
import { REGEX_BUDGET_MS, regexLines } from '../text/regex-budget.ts';

/** Runs `work` (a search with `query`); stopped after the budget when the query has a regex term. */
export function withRegexBudget<T>(query: Query, work: () => T, budgetMs = REGEX_BUDGET_MS): { value: T } | { timedOut: string } {
  const lines = regexLines(query);
  if (lines.length === 0) return { value: work() };
  try {
    return { value: runInNewContext('work()', { work }, { timeout: budgetMs }) as T };
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
    const which = `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
    return { timedOut: `the regular expression on ${which} ran for more than ${budgetMs / 1000} s and was stopped; simplify it (for instance without nested repeats such as (a+)+)` };
  }
}
