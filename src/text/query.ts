/**
 * The query language: a term list, one term per line, parsed into a typed AST.
 *
 * Policy — what a line means:
 * - `# …` comment lines and blank lines are ignored.
 * - `Label: term` gives the term a name (the label); without one the label is the line itself.
 * - A word matches whole words only: the characters before and after a hit are not letters or
 *   digits (a hyphen is a boundary, so `brabant` is found in "Noord-Brabant").
 * - `*` stands for any number of letters or digits inside one word: `wereld*`, `*nationaal`,
 *   `internationali*ring`. A term made of wildcards only is an error.
 * - `(…)` marks an optional part: `wereldwijd(e)` finds "wereldwijd" and "wereldwijde". Groups do
 *   not nest and cannot be empty.
 * - `/` separates alternatives on one line: `grens/grenzen` is ONE term whose hits are counted
 *   together.
 * - `"culturele diplomatie"` is a phrase: its words in this order with any whitespace between them,
 *   line breaks included. Curly quotes (“…”, „…”) are accepted as well. Unquoted words separated by
 *   spaces are read as a phrase too.
 * - `/regex/` on a line of its own is a raw JavaScript regular expression for experts. It is run on
 *   the folded (lower-case, accent-free) text, case-insensitively, exactly as written: no implicit
 *   whole-word boundaries. It must compile and must not match the empty string; flags after the
 *   closing slash are not accepted.
 * - A word ending in a hyphen is a prefix with that hyphen: `inter-` finds words that begin with
 *   "inter-", as in "inter- en transnationaal", "(inter-)nationale" and "Inter-Agency".
 * - `(inter-)` — a line that is one optional group and nothing else would match nothing; this is how
 *   term lists in theses write a prefix, so the parentheses are read as notation: `(inter-)` means
 *   `inter-`.
 * - Matching is case-insensitive and accent-insensitive (é = e, ï = i); see fold.ts.
 * - Two terms with the same label are an error (counts are keyed by term).
 * - Bounds: a term line has at most {@link MAX_TERM_LENGTH} characters and a list at most
 *   {@link MAX_TERMS} terms (a longer line or list is an error naming the line), so parsing,
 *   compiling and matching stay linear in the text and small in the terms.
 *
 * Parsing never throws: it returns `{ parsed }` or `{ error, errors }` with a line, a column and a
 * reason code for each problem.
 */

/** One piece of a word pattern. `optional` holds only text and wildcards. */
export type WordPiece =
  | { kind: 'text'; text: string }
  | { kind: 'wildcard' }
  | { kind: 'optional'; pieces: Array<{ kind: 'text'; text: string } | { kind: 'wildcard' }> };

/** One word of a term: a sequence of pieces, without whitespace. */
export interface WordPattern {
  pieces: WordPiece[];
}

/** One alternative of a term: a word or a phrase (several words), or a raw regular expression. */
export type TermPattern =
  | { kind: 'words'; words: WordPattern[] }
  | { kind: 'regex'; source: string };

/** A parsed term: one line of the term list. */
export interface Term {
  /** The line as written, trimmed (the key for counts). */
  source: string;
  /** The label if the line has one, else `source`. */
  label: string;
  /** 1-based line number in the term list. */
  line: number;
  /** The alternatives (`grens/grenzen` has two); a hit of any of them is a hit of the term. */
  alternatives: TermPattern[];
}

/** A parsed term list. */
export interface Query {
  terms: Term[];
}

/** Why a line of a term list could not be read. */
export type QueryErrorReason =
  | 'empty-term'
  | 'empty-label'
  | 'empty-alternative'
  | 'wildcard-only'
  | 'unclosed-quote'
  | 'unexpected-quote'
  | 'unclosed-group'
  | 'unexpected-group-close'
  | 'nested-group'
  | 'empty-group'
  | 'invalid-regex'
  | 'regex-flags'
  | 'regex-matches-empty'
  | 'duplicate-term'
  | 'term-too-long'
  | 'too-many-terms';

/** A problem in a term list, pointing at a line and a 1-based column. */
export interface QueryError {
  line: number;
  column: number;
  reason: QueryErrorReason;
  /** Technical detail (e.g. the regex engine's message), not a translation of the reason. */
  detail?: string;
}

/** The outcome of parsing a term list: the query, or the first error and all errors. */
export type ParseQueryResult = { parsed: Query } | { error: QueryError; errors: QueryError[] };

const OPEN_QUOTES = new Set(['"', '“', '„', '”']);
const CLOSE_QUOTES = new Set(['"', '”', '“']);
const LABEL = /^([^:"“”„/()*#]*[^\s:"“”„/()*#])\s*:/;

class LineError extends Error {
  constructor(
    readonly column: number,
    readonly reason: QueryErrorReason,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

/** The longest term line read (characters); a thesis term is a few words. */
export const MAX_TERM_LENGTH = 500;
/** The most terms in one list; the thesis list has about twenty (each term compiles to its own regular expressions, ~1 ms). */
export const MAX_TERMS = 500;
/** At most this many errors are listed (the first is what is shown). */
const MAX_ERRORS = 100;

/** Parses a term list (one term per line); never throws on bad input. */
export function parseQuery(input: string): ParseQueryResult {
  const lines = input.split(/\r\n|\r|\n/);
  const terms: Term[] = [];
  const errors: QueryError[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (errors.length >= MAX_ERRORS) return;
    const lead = raw.length - raw.trimStart().length;
    const source = raw.trim();
    if (source === '' || source.startsWith('#')) return;
    if (source.length > MAX_TERM_LENGTH) {
      errors.push({ line: lineNo, column: lead + MAX_TERM_LENGTH + 1, reason: 'term-too-long', detail: `${source.length} > ${MAX_TERM_LENGTH}` });
      return;
    }
    if (terms.length >= MAX_TERMS) {
      errors.push({ line: lineNo, column: lead + 1, reason: 'too-many-terms', detail: `> ${MAX_TERMS}` });
      return;
    }
    try {
      const term = parseTermLine(source, lead, lineNo);
      const key = term.label.toLowerCase();
      if (seen.has(key)) throw new LineError(lead + 1, 'duplicate-term', `same as line ${seen.get(key)}`);
      seen.set(key, lineNo);
      terms.push(term);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      errors.push({ line: lineNo, column: e.column, reason: e.reason, ...(e.detail ? { detail: e.detail } : {}) });
    }
  });
  if (errors.length > 0) return { error: errors[0]!, errors };
  return { parsed: { terms } };
}

/** Parses one trimmed, non-comment line; `lead` is the count of leading spaces in the raw line. */
function parseTermLine(source: string, lead: number, line: number): Term {
  let body = source;
  let bodyAt = lead; // 0-based column of body[0] in the raw line
  let label = source;
  const m = LABEL.exec(source);
  if (m && !isRegexLine(source)) {
    label = m[1]!.trim();
    const rest = source.slice(m[0].length);
    const restLead = rest.length - rest.trimStart().length;
    body = rest.trim();
    bodyAt = lead + m[0].length + restLead;
    if (body === '') throw new LineError(bodyAt + 1, 'empty-term');
  } else if (source.startsWith(':')) {
    throw new LineError(lead + 1, 'empty-label');
  }
  const alternatives = isRegexLine(body) ? [parseRegex(body, bodyAt)] : parseAlternatives(body, bodyAt);
  return { source, label, line, alternatives };
}

function isRegexLine(s: string): boolean {
  return s.length >= 2 && s.startsWith('/') && s.lastIndexOf('/') > 0;
}

/** Parses `/regex/`; the text after the last slash must be empty (no flags). */
function parseRegex(body: string, at: number): TermPattern {
  const close = body.lastIndexOf('/');
  const flags = body.slice(close + 1);
  if (flags !== '') throw new LineError(at + close + 2, 'regex-flags', flags);
  const src = body.slice(1, close);
  if (src === '') throw new LineError(at + 1, 'empty-term');
  let re: RegExp;
  try {
    re = new RegExp(src, 'iu');
  } catch (e) {
    // The engine's message repeats the pattern with the flags the matcher adds ("Invalid regular
    // expression: /[/iu: Unterminated character class"); the user wrote no flags, so keep the reason.
    const message = e instanceof Error ? e.message : String(e);
    throw new LineError(at + 2, 'invalid-regex', message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /su, ''));
  }
  if (re.test('')) throw new LineError(at + 2, 'regex-matches-empty');
  return { kind: 'regex', source: src };
}

/** Splits on `/` outside quotes and parses each alternative. */
function parseAlternatives(body: string, at: number): TermPattern[] {
  const parts: Array<{ text: string; at: number }> = [];
  let start = 0;
  let quote = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (!quote && OPEN_QUOTES.has(c)) quote = true;
    else if (quote && CLOSE_QUOTES.has(c)) quote = false;
    else if (!quote && c === '/') {
      parts.push({ text: body.slice(start, i), at: at + start });
      start = i + 1;
    }
  }
  parts.push({ text: body.slice(start), at: at + start });
  const whole = parts.length === 1;
  return parts.map((p) => {
    const lead = p.text.length - p.text.trimStart().length;
    const text = p.text.trim();
    if (text === '') throw new LineError(p.at + 1, whole ? 'empty-term' : 'empty-alternative');
    return parseAlternative(text, p.at + lead);
  });
}

/** Parses one alternative: a quoted phrase, or unquoted words. */
function parseAlternative(text: string, at: number): TermPattern {
  let inner = text;
  let innerAt = at;
  if (OPEN_QUOTES.has(text[0]!)) {
    const last = text[text.length - 1]!;
    if (text.length < 2 || !CLOSE_QUOTES.has(last)) throw new LineError(at + 1, 'unclosed-quote');
    inner = text.slice(1, -1);
    innerAt = at + 1;
    const lead = inner.length - inner.trimStart().length;
    innerAt += lead;
    inner = inner.trim();
    if (inner === '') throw new LineError(at + 1, 'empty-term');
  }
  for (let i = 0; i < inner.length; i++) {
    if (OPEN_QUOTES.has(inner[i]!) || CLOSE_QUOTES.has(inner[i]!)) throw new LineError(innerAt + i + 1, 'unexpected-quote');
  }
  // `(inter-)`: one optional group and nothing else is thesis notation for the bare prefix.
  if (/^\([^()\s]+\)$/.test(inner)) {
    inner = inner.slice(1, -1);
    innerAt += 1;
  }
  const words: WordPattern[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) words.push(parseWord(m[0], innerAt + m.index));
  return { kind: 'words', words };
}

/** Parses one word with wildcards and at most flat optional groups. */
function parseWord(word: string, at: number): WordPattern {
  const pieces: WordPiece[] = [];
  let group: Array<{ kind: 'text'; text: string } | { kind: 'wildcard' }> | undefined;
  let groupAt = 0;
  const push = (target: WordPiece[] | NonNullable<typeof group>, c: string) => {
    if (c === '*') {
      if (target[target.length - 1]?.kind !== 'wildcard') target.push({ kind: 'wildcard' });
      return;
    }
    const lastPiece = target[target.length - 1];
    if (lastPiece?.kind === 'text') lastPiece.text += c;
    else target.push({ kind: 'text', text: c });
  };
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '(') {
      if (group) throw new LineError(at + i + 1, 'nested-group');
      group = [];
      groupAt = i;
    } else if (c === ')') {
      if (!group) throw new LineError(at + i + 1, 'unexpected-group-close');
      if (group.length === 0) throw new LineError(at + groupAt + 1, 'empty-group');
      pieces.push({ kind: 'optional', pieces: group });
      group = undefined;
    } else push(group ?? pieces, c);
  }
  if (group) {
    throw new LineError(at + groupAt + 1, 'unclosed-group');
  }
  const hasText = pieces.some(
    (p) => p.kind === 'text' || (p.kind === 'optional' && p.pieces.some((q) => q.kind === 'text')),
  );
  if (!hasText) throw new LineError(at + 1, 'wildcard-only');
  if (pieces.every((p) => p.kind !== 'text')) {
    // Only optional parts and wildcards: the word could match nothing at all.
    throw new LineError(at + 1, 'empty-term');
  }
  return { pieces };
}

/** Writes a term pattern back in the query language (for messages and round-trip tests). */
export function formatPattern(pattern: TermPattern): string {
  if (pattern.kind === 'regex') return `/${pattern.source}/`;
  const words = pattern.words.map((w) =>
    w.pieces
      .map((p) =>
        p.kind === 'text' ? p.text : p.kind === 'wildcard' ? '*' : `(${p.pieces.map((q) => (q.kind === 'text' ? q.text : '*')).join('')})`,
      )
      .join(''),
  );
  return words.length > 1 ? `"${words.join(' ')}"` : words[0]!;
}
