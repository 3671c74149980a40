/**
 * The ripgrep baseline of every search line: one `rg --json` pass over the same input with the
 * thesis term list as one pattern per term, ASCII word boundaries (`(?-u:\b)`, which rg runs
 * far faster than Unicode ones and which give the same counts on this Dutch text), case
 * insensitive. Per-term counts come from its JSON output: each submatch is given to the first
 * term whose pattern matches it whole, as rg's own alternation does.
 *
 * Where its counts differ from ours, it is for reasons of method, printed with the line:
 * - raw text: our import joins line-end hyphenation ("internatio-⏎nale" is a hit of
 *   `internationale`), rg reads line by line;
 * - ours ignores accents ("internationále") and treats accented letters as letters when deciding
 *   a word boundary; rg's ASCII boundary takes "é" for a boundary.
 */
import { parseQuery } from '../../src/text/query.ts';
import type { Query } from '../../src/text/query.ts';

/** ripgrep's path (Debian's package). */
export const RG = process.env.RG_PATH ?? '/usr/bin/rg';

/** The thesis' term list (chapter 3), each with the ripgrep pattern that counts the same words. */
export const THESIS_TERMS: ReadonlyArray<readonly [term: string, rg: string]> = [
  ['internationalisering', 'internationalisering'],
  ['(inter-)', 'inter-'],
  ['internationaal', 'internationaal'],
  ['internationale', 'internationale'],
  ['buitenland', 'buitenland'],
  ['wereld', 'wereld'],
  ['wereldwijd(e)', 'wereldwijde?'],
  ['grenzeloos', 'grenzeloos'],
  ['grens/grenzen', '(?:grens|grenzen)'],
  ['globaal', 'globaal'],
  ['globalisering', 'globalisering'],
  ['mondiaal', 'mondiaal'],
];

const B = '(?-u:\\b)';

/** A term's rg pattern with ASCII word boundaries where the term has them (not after "inter-"). */
function bounded(rg: string): string {
  return rg.endsWith('-') ? `${B}${rg}` : `${B}${rg}${B}`;
}

/** The term list as the query our search parses. */
export function thesisQuery(): Query {
  const r = parseQuery(THESIS_TERMS.map(([t]) => t).join('\n'));
  if (!('parsed' in r)) throw new Error(`bench term list: ${JSON.stringify(r.error)}`);
  return r.parsed;
}

/** The term list as a term file, for the CLI. */
export const THESIS_TERM_FILE = THESIS_TERMS.map(([t]) => t).join('\n') + '\n';

/** The arguments of the one `rg --json` pass over `files`. */
export function rgJsonArgs(files: readonly string[]): string[] {
  return ['--json', '-i', ...THESIS_TERMS.flatMap(([, rg]) => ['-e', bounded(rg)]), '--', ...files];
}

/** The name of the baseline, as printed. */
export const RG_BASELINE = 'rg --json -i, the 12 terms in one pass, ASCII word boundaries (one process)';

const classify = THESIS_TERMS.map(([, rg]) => new RegExp(`^(?:${rg})$`, 'i'));

/** Per-term counts from `rg --json` output (see the module header). */
export function countRgJson(output: string): number[] {
  const counts = new Array<number>(THESIS_TERMS.length).fill(0);
  for (const row of output.split('\n')) {
    if (!row.startsWith('{"type":"match"')) continue;
    const event = JSON.parse(row) as { data: { submatches: Array<{ match: { text?: string } }> } };
    for (const s of event.data.submatches) {
      const t = classify.findIndex((re) => re.test(s.match.text ?? ''));
      if (t >= 0) counts[t]! += 1;
    }
  }
  return counts;
}

/** "term: ours N, rg M" for every term whose counts differ. */
export function countDifferences(ours: readonly number[], theirs: readonly number[]): string[] {
  return THESIS_TERMS.flatMap(([t], i) => (ours[i] === theirs[i] ? [] : [`${t}: ours ${ours[i]}, rg ${theirs[i]}`]));
}
