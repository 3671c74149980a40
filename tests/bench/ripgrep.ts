/**
 * The ripgrep baseline of every search line: one `rg --json` pass over the same input with the
 * thesis term list as one pattern per term, ASCII word boundaries (`(?-u:\b)`, which rg runs
 * far faster than Unicode ones and which give the same counts on this Dutch text), case
 * insensitive. Per-term counts come from its JSON output: each submatch is given to the first
 * term whose pattern matches it whole, as rg's own alternation does.
 *
 * Where its counts differ from ours, it is for reasons of method, printed with the line:
 * - raw text: our import joins line-end hyphenation ("internatio-⏎nale" is a hit of
 *   `internationale`), rg reads line by line. {@link countDifferences} counts those words in the
 *   raw text and says so when they are the whole difference (on the seed texts: "internationale"
 *   ours 11,186, rg 11,167 at 10 MB — 19 times "internatio-⏎nale");
 * - ours ignores accents ("internationále") and treats accented letters as letters when deciding
 *   a word boundary; rg's ASCII boundary takes "é" for a boundary. A difference not explained by
 *   hyphenation is printed as such.
 */
import { lineJoint } from '../../src/text/normalise.ts';
import { parseQuery } from '../../src/text/query.ts';
import type { Query } from '../../src/text/query.ts';

/** ripgrep's path (Debian's package). */
export const RG = process.env.RG_PATH ?? '/usr/bin/rg';

/**
 * The thesis' term list (chapter 3), each with the ripgrep pattern that counts the same words and
 * those words spelled out (to explain a count that differs; none for the prefix term).
 */
export const THESIS_TERMS: ReadonlyArray<readonly [term: string, rg: string, words: readonly string[]]> = [
  ['internationalisering', 'internationalisering', ['internationalisering']],
  ['(inter-)', 'inter-', []],
  ['internationaal', 'internationaal', ['internationaal']],
  ['internationale', 'internationale', ['internationale']],
  ['buitenland', 'buitenland', ['buitenland']],
  ['wereld', 'wereld', ['wereld']],
  ['wereldwijd(e)', 'wereldwijde?', ['wereldwijd', 'wereldwijde']],
  ['grenzeloos', 'grenzeloos', ['grenzeloos']],
  ['grens/grenzen', '(?:grens|grenzen)', ['grens', 'grenzen']],
  ['globaal', 'globaal', ['globaal']],
  ['globalisering', 'globalisering', ['globalisering']],
  ['mondiaal', 'mondiaal', ['mondiaal']],
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

/**
 * "term: ours N, rg M" for every term whose counts differ, with the reason where it is line-end
 * hyphenation: given the raw text rg read, the term's words written across a line-end hyphen
 * that our import joins (normalise.ts lineJoint: after a letter, before a lower-case letter, not
 * before "en", "of", …) are counted there; when they make up the whole difference, the line says
 * so, and otherwise that the rest is not explained by it.
 */
export function countDifferences(ours: readonly number[], theirs: readonly number[], raw?: string): string[] {
  return THESIS_TERMS.flatMap(([t, , words], i) => {
    if (ours[i] === theirs[i]) return [];
    const counts = `${t}: ours ${ours[i]}, rg ${theirs[i]}`;
    if (raw === undefined) return [counts];
    const joined = words.flatMap((w) => hyphenatedAtLineEnd(raw, w));
    const more = ours[i]! - theirs[i]!;
    if (joined.length > 0 && joined.length === more) {
      const example = joined[0]!.replace(/[ \t]*\r?\n[ \t]*/, '⏎');
      return [`${counts}: the ${more} more are the word written across a line-end hyphen (as "${example}"), which the import joins into one word and rg, reading line by line, does not find`];
    }
    return [`${counts}: not explained by line-end hyphenation (${joined.length} such words in the text)`];
  });
}

/** Where `word` stands in `raw` broken by a line-end hyphen that the import joins (ASCII word boundaries, any case): the matches as written. */
export function hyphenatedAtLineEnd(raw: string, word: string): string[] {
  const BREAK = '-[ \\t]*\\r?\\n[ \\t]*';
  const re = new RegExp(`(?<![A-Za-z0-9])${[...word].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join(`(?:${BREAK})?`)}(?![A-Za-z0-9])`, 'gi');
  const found: string[] = [];
  for (const m of raw.matchAll(re)) {
    const nl = m[0].indexOf('\n');
    if (nl < 0) continue;
    const lineStart = raw.lastIndexOf('\n', m.index + nl - 1) + 1;
    let lineEnd = raw.indexOf('\n', m.index + nl + 1);
    if (lineEnd < 0) lineEnd = raw.length;
    if (lineJoint(raw.slice(lineStart, m.index + nl).trim(), raw.slice(m.index + nl + 1, lineEnd).trim()) === 'join') found.push(m[0]);
  }
  return found;
}
