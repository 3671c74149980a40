/**
 * The matcher: finds every hit of a parsed term list in a text.
 *
 * Policy — what counts as a hit:
 * - Terms are matched on the folded text (fold.ts: lower case, no accents), so matching is
 *   case- and accent-insensitive; offsets are UTF-16 offsets into the ORIGINAL text.
 * - Whole words: a word term's hit is neither preceded nor followed by a letter, combining mark or
 *   digit (Unicode). A hyphen, an apostrophe or punctuation is a boundary ("Noord-Brabant" contains
 *   the word "brabant"). A term that begins or ends with a non-word character (`inter-`) has no
 *   boundary on that side. Raw `/regex/` terms get no boundaries at all.
 * - Each term is matched independently: hits of different terms may overlap ("internationale" is
 *   a hit of both `internationa*` and `internationale`), so counts per term are right. Within one
 *   term, hits do not overlap and a position is counted once, however many alternatives match it
 *   (the first alternative that matches decides the extent).
 * - Line-end hyphenation is tolerated in raw text: a line ending in a hyphen that the import would
 *   join (`lineJoint` in normalise.ts: after a letter, before a lower-case letter, not before "en",
 *   "of", …) is read as one word, so "internatio-\nnale" is a hit of `internationale` and
 *   "wereld-\nwijde" is not a hit of `wereld`. A hyphen inside a term also matches a hyphen followed
 *   by a line break ("Noord-\nBrabant"). Hits that span such a join are found in small joined
 *   windows around each join; a phrase hit that runs more than {@link JOIN_WINDOW} characters beyond
 *   the joined word is not found. Normalised (imported) text has no such line ends.
 *
 * Speed: each alternative that begins with literal text has an anchor (that text, folded); the
 * anchors are found in one pass with an alternation of plain literals (anchors that extend another,
 * "internationaal" after "inter", share it), and each candidate is verified with the term's sticky
 * expression. Measured on ~10 MB of Dutch prose in V8: the alternation of full term expressions
 * with their lookbehind boundaries took ~250 ms, without boundaries ~50–70 ms, one `indexOf` pass
 * per anchor ~50 ms, the single alternation of anchors ~25–30 ms. Terms that begin with a wildcard or optional part, and raw regexes, are
 * scanned with their own global expression.
 */
import { fold } from './fold.ts';
import { lineJoint } from './normalise.ts';
import type { Query, TermPattern, WordPattern } from './query.ts';

/** A hit: term `termIndex` of the query at [start, end) of the original text (UTF-16 offsets). */
export interface Hit {
  termIndex: number;
  start: number;
  end: number;
}

/** How one term is searched: literal anchors found with indexOf, verified by a sticky expression. */
export interface CompiledTerm {
  /** Sticky expression for the term's word/phrase alternatives (with boundaries); undefined if none. */
  readonly sticky: RegExp | undefined;
  /** Global expression for all of the term's alternatives (raw ones included), for full scans. */
  readonly global: RegExp;
  /** Folded literal start of each word/phrase alternative; a hit must begin with one of them. */
  readonly anchors: readonly string[];
  /** True when an alternative has no literal start (`*nationaal`) or is a raw regex: scan with `global`. */
  readonly fullScan: boolean;
}

/** A query compiled once with `compileQuery`, reused for many texts. */
export interface CompiledQuery {
  readonly query: Query;
  readonly terms: readonly CompiledTerm[];
  /** Literal anchors (none a prefix of another) with the terms to try where one is found. */
  readonly scans: ReadonlyArray<{ readonly anchor: string; readonly terms: readonly number[] }>;
  /** One alternation of the scan anchors, to find them all in one pass; undefined when none. */
  readonly anchorScan: RegExp | undefined;
  /** Terms to try where an anchor is found, keyed by the anchor's first two code units (see `pairKey`). */
  readonly termsByPair: ReadonlyMap<number, readonly number[]>;
  /** True when a hit can reach beyond one word (phrases, raw regexes, leading wildcards). */
  readonly multiWord: boolean;
}

/** A line-end hyphen that is read as hyphenation: original [start, end) is left out of the word. */
export interface LineEndJoin {
  /** Offset of the hyphen. */
  start: number;
  /** Offset of the first character of the continued word on the next line. */
  end: number;
}

/** A text prepared for searching: folded once, with its line-end hyphenations. */
export interface PreparedText {
  readonly text: string;
  /** fold(text): same length, same offsets. */
  readonly folded: string;
  /** Line-end hyphens read as hyphenation, ascending; empty for normalised text. */
  readonly joins: readonly LineEndJoin[];
}

/** How far (in characters) a joined window reaches beyond a hyphenated word, for phrase hits. */
export const JOIN_WINDOW = 200;

// Letters, marks and digits; not other numerals (\p{No}): a superscript reference number after a
// word ("Vereinsstatuten¹", from a PDF's footnote mark) is not part of the word.
const W = '\\p{L}\\p{M}\\p{Nd}\\p{Nl}';
const BEFORE = `(?<![${W}])`;
const AFTER = `(?![${W}])`;
const WORD_CHAR = new RegExp(`[${W}]`, 'u');
const LINE_BREAK_AFTER_HYPHEN = '(?:[ \\t]*\\r?\\n[ \\t]*)?';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => (c === '-' ? '\\x2d' : `\\${c}`));
}

/** Regex source for literal term text: folded and escaped; a hyphen followed by more may break a line. */
function literal(text: string, isEnd: boolean): string {
  const folded = fold(text);
  let out = '';
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i]!;
    out += escapeRegex(c);
    if (c === '-' && !(isEnd && i === folded.length - 1)) out += LINE_BREAK_AFTER_HYPHEN;
  }
  return out;
}

function wordSource(word: WordPattern, isLastWord: boolean): string {
  return word.pieces
    .map((p, i) => {
      const isEnd = isLastWord && i === word.pieces.length - 1;
      if (p.kind === 'text') return literal(p.text, isEnd);
      if (p.kind === 'wildcard') return `[${W}]*`;
      return `(?:${p.pieces.map((q) => (q.kind === 'text' ? literal(q.text, isEnd) : `[${W}]*`)).join('')})?`;
    })
    .join('');
}

/** Whether a word pattern can begin (or end) with a word character, so it needs a boundary there. */
function needsBoundary(word: WordPattern, side: 'start' | 'end'): boolean {
  const piece = side === 'start' ? word.pieces[0] : word.pieces[word.pieces.length - 1];
  if (!piece || piece.kind !== 'text') return true;
  const c = side === 'start' ? piece.text[0]! : piece.text[piece.text.length - 1]!;
  return WORD_CHAR.test(c);
}

/** The regex source (for folded text) of a word or phrase alternative, with its whole-word boundaries. */
export function patternSource(pattern: Extract<TermPattern, { kind: 'words' }>): string {
  const words = pattern.words;
  const body = words.map((w, i) => wordSource(w, i === words.length - 1)).join('\\s+');
  const first = words[0]!;
  const last = words[words.length - 1]!;
  return (needsBoundary(first, 'start') ? BEFORE : '') + body + (needsBoundary(last, 'end') ? AFTER : '');
}

/** Folds the literal characters of a raw regex, leaving escapes (`\p{Lu}`, `\W`, `\u00E9`) intact. */
export function foldRegexSource(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += fold(c);
      continue;
    }
    const next = source[i + 1] ?? '';
    out += c + next;
    i++;
    if ((next === 'p' || next === 'P' || next === 'u') && source[i + 1] === '{') {
      const close = source.indexOf('}', i + 1);
      const stop = close < 0 ? source.length - 1 : close;
      out += source.slice(i + 1, stop + 1);
      i = stop;
    }
  }
  return out;
}

/** The folded literal text an alternative must begin with, or '' when it can begin otherwise. */
function anchorOf(pattern: Extract<TermPattern, { kind: 'words' }>): string {
  const first = pattern.words[0]!.pieces[0]!;
  if (first.kind !== 'text') return '';
  // Stop before a hyphen: the pattern lets a hyphen be followed by a line break.
  const dash = first.text.indexOf('-');
  return fold(dash < 0 ? first.text : first.text.slice(0, dash));
}

/** Compiles a parsed query once; the result is reused for every text. */
export function compileQuery(query: Query): CompiledQuery {
  const terms: CompiledTerm[] = [];
  const byAnchor = new Map<string, number[]>();
  query.terms.forEach((term, t) => {
    const sources: string[] = [];
    const rawSources: string[] = [];
    const anchors: string[] = [];
    let fullScan = false;
    for (const alt of term.alternatives) {
      if (alt.kind === 'regex') {
        rawSources.push(`(?:${foldRegexSource(alt.source)})`);
        fullScan = true;
        continue;
      }
      sources.push(patternSource(alt));
      const anchor = anchorOf(alt);
      if (anchor === '') fullScan = true;
      else anchors.push(anchor);
    }
    // A regex line has exactly one alternative, so wrapping it in (?:) keeps its group numbers.
    terms.push({
      sticky: sources.length ? new RegExp(sources.join('|'), 'uy') : undefined,
      global: new RegExp([...sources, ...rawSources].join('|'), rawSources.length ? 'giu' : 'gu'),
      anchors: fullScan ? [] : anchors,
      fullScan,
    });
    if (!fullScan) {
      for (const a of new Set(anchors)) byAnchor.set(a, [...(byAnchor.get(a) ?? []), t]);
    }
  });
  // Keep only the shortest anchors: the places of "internationaal" are among those of "inter".
  const sorted = [...byAnchor.keys()].sort((a, b) => a.length - b.length);
  const scans: Array<{ anchor: string; terms: number[] }> = [];
  for (const a of sorted) {
    const covering = scans.find((s) => a.startsWith(s.anchor));
    const ts = byAnchor.get(a)!;
    if (covering) {
      for (const t of ts) if (!covering.terms.includes(t)) covering.terms.push(t);
    } else scans.push({ anchor: a, terms: [...ts] });
  }
  const multiWord = query.terms.some((term, t) =>
    terms[t]!.fullScan || term.alternatives.some((a) => a.kind === 'words' && a.words.length > 1),
  );
  const anchorScan = scans.length
    ? new RegExp(scans.map((x) => x.anchor.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'g')
    : undefined;
  const termsByPair = new Map<number, number[]>();
  for (const x of scans) {
    const key = pairKey(x.anchor, 0);
    termsByPair.set(key, [...new Set([...(termsByPair.get(key) ?? []), ...x.terms])].sort((a, b) => a - b));
  }
  return { query, terms, scans, anchorScan, termsByPair, multiWord };
}

/** The first two code units at `at` as one number (one code unit and 0 for a one-character anchor). */
function pairKey(s: string, at: number): number {
  return s.charCodeAt(at) * 0x10000 + (s.length > at + 1 ? s.charCodeAt(at + 1) : 0);
}

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  return WORD_CHAR.test(s[i]!);
}

/** Finds the line-end hyphens that the import would join (see the module header). */
export function findLineEndJoins(text: string): LineEndJoin[] {
  // A hyphen-minus, optional spaces or tabs, an optional CR, a LF: found from the hyphen with
  // indexOf, far faster than a regex or a walk over every line (~3 ms vs ~12 ms on 10 MB). Other
  // hyphen characters (U+2010, soft hyphen) are left to the import, which joins them too.
  const hyphens = new Set<number>();
  for (const probe of ['-\n', '-\r', '- ', '-\t']) {
    for (let at = text.indexOf(probe); at >= 0; at = text.indexOf(probe, at + 1)) {
      let i = at + 1;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] === '\r') i++;
      if (text[i] === '\n') hyphens.add(at);
    }
  }
  const joins: LineEndJoin[] = [];
  for (const h of [...hyphens].sort((a, b) => a - b)) {
    if (h < 1 || !isWordChar(text, h - 1)) continue;
    const nl = text.indexOf('\n', h);
    let next = nl + 1;
    while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
    const lineStart = text.lastIndexOf('\n', h) + 1;
    let lineEnd = text.indexOf('\n', next);
    if (lineEnd < 0) lineEnd = text.length;
    const prevLine = text.slice(lineStart, h + 1).trim();
    const nextLine = text.slice(next, lineEnd).trim();
    if (lineJoint(prevLine, nextLine) === 'join') joins.push({ start: h, end: next });
  }
  return joins;
}

/** Prepares a text for searching: folds it and finds its line-end hyphenations. */
export function prepareText(text: string): PreparedText {
  return { text, folded: fold(text), joins: findLineEndJoins(text) };
}

/**
 * Finds the hits of a compiled query in folded text `s` (joins not considered), sorted by start
 * then term, without overlap within a term. Anchored terms are verified as the anchor pass goes, so
 * their hits come out in order; full-scan terms are merged in afterwards.
 */
function scan(s: string, compiled: CompiledQuery): Hit[] {
  const termCount = compiled.terms.length;
  const lastEnd = new Int32Array(termCount).fill(-1);
  let hits: Hit[] = [];
  const anchorScan = compiled.anchorScan;
  if (anchorScan) {
    anchorScan.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = anchorScan.exec(s))) {
      const at = m.index;
      // Integer keys: cheaper than hashing m[0] for every match.
      const terms = compiled.termsByPair.get(pairKey(s, at)) ?? compiled.termsByPair.get(pairKey(m[0], 0))!;
      for (const t of terms) {
        if (at < lastEnd[t]!) continue;
        const term = compiled.terms[t]!;
        const own = term.anchors;
        let i = 0;
        while (i < own.length && !s.startsWith(own[i]!, at)) i++;
        if (i === own.length) continue;
        const re = term.sticky!;
        re.lastIndex = at;
        const v = re.exec(s);
        if (v && v[0].length > 0) {
          hits.push({ termIndex: t, start: at, end: at + v[0].length });
          lastEnd[t] = at + v[0].length;
        }
      }
      // Another anchor may begin inside this one.
      anchorScan.lastIndex = at + 1;
    }
  }
  let unsorted = false;
  for (let t = 0; t < termCount; t++) {
    const term = compiled.terms[t]!;
    if (!term.fullScan) continue;
    const re = term.global;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      if (m[0].length === 0) re.lastIndex = m.index + 1;
      else {
        hits.push({ termIndex: t, start: m.index, end: m.index + m[0].length });
        unsorted = true;
      }
    }
  }
  if (unsorted) hits = hits.sort(byStart);
  return hits;
}

function byStart(a: Hit, b: Hit): number {
  return a.start - b.start || a.termIndex - b.termIndex;
}

/** A stretch of original text searched with its hyphenations joined. */
interface JoinWindow {
  start: number;
  end: number;
  joins: LineEndJoin[];
  /** The hyphenated words [start, end): hits touching them come from this window. */
  words: Array<[number, number]>;
}

function joinWindows(p: PreparedText, margin: number): JoinWindow[] {
  const { folded: s, joins } = p;
  const windows: JoinWindow[] = [];
  for (const j of joins) {
    let ws = j.start;
    while (ws > 0 && isWordChar(s, ws - 1)) ws--;
    let we = j.end;
    while (we < s.length && isWordChar(s, we)) we++;
    // Start and end the window at whitespace, so its edges are not mistaken for word boundaries;
    // when every hit is one word, the hyphenated word itself is enough.
    let a = Math.max(0, ws - margin);
    while (a > 0 && !/\s/.test(s[a - 1]!)) a--;
    let b = Math.min(s.length, we + margin);
    while (b < s.length && !/\s/.test(s[b]!)) b++;
    const last = windows[windows.length - 1];
    if (last && a <= last.end) {
      last.end = Math.max(last.end, b);
      last.joins.push(j);
      last.words.push([ws, we]);
    } else windows.push({ start: a, end: b, joins: [j], words: [[ws, we]] });
  }
  return windows;
}

function touches(h: Hit, words: ReadonlyArray<[number, number]>): boolean {
  return words.some(([ws, we]) => h.start < we && h.end > ws);
}

/** Searches one joined window; returns hits (original offsets) that touch its hyphenated words. */
function scanWindow(p: PreparedText, w: JoinWindow, compiled: CompiledQuery): Hit[] {
  // Local text: the window's folded slices between the removed hyphen + line-break spans.
  const segStarts: number[] = []; // local offset where each segment starts
  const segOrig: number[] = []; // original offset of each segment's first character
  let local = '';
  let from = w.start;
  for (const j of w.joins) {
    segStarts.push(local.length);
    segOrig.push(from);
    local += p.folded.slice(from, j.start);
    from = j.end;
  }
  segStarts.push(local.length);
  segOrig.push(from);
  local += p.folded.slice(from, w.end);
  const toOriginal = (offset: number): number => {
    let k = segStarts.length - 1;
    while (k > 0 && segStarts[k]! > offset) k--;
    return segOrig[k]! + (offset - segStarts[k]!);
  };
  const out: Hit[] = [];
  for (const h of scan(local, compiled)) {
    const mapped = { termIndex: h.termIndex, start: toOriginal(h.start), end: toOriginal(h.end - 1) + 1 };
    if (touches(mapped, w.words)) out.push(mapped);
  }
  return out;
}

/** Finds every hit of a compiled query, sorted by start (then term); offsets are into the original text. */
export function findAll(text: string | PreparedText, compiled: CompiledQuery): Hit[] {
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  const hits = scan(prepared.folded, compiled);
  if (prepared.joins.length === 0) return hits;
  const windows = joinWindows(prepared, compiled.multiWord ? JOIN_WINDOW : 0);
  const allWords = windows.flatMap((w) => w.words);
  const kept = hits.filter((h) => !touches(h, nearby(allWords, h)));
  for (const w of windows) kept.push(...scanWindow(prepared, w, compiled));
  return withoutOverlapPerTerm(kept);
}

/** The hyphenated words that could touch a hit (binary search over the ascending list). */
function nearby(words: ReadonlyArray<[number, number]>, h: Hit): ReadonlyArray<[number, number]> {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]![1] <= h.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<[number, number]> = [];
  for (let i = lo; i < words.length && words[i]![0] < h.end; i++) out.push(words[i]!);
  return out;
}

/** Sorts hits and drops a term's hit that overlaps the term's previous hit. */
function withoutOverlapPerTerm(hits: Hit[]): Hit[] {
  hits.sort(byStart);
  const lastEnd = new Map<number, number>();
  return hits.filter((h) => {
    if (h.start < (lastEnd.get(h.termIndex) ?? -1)) return false;
    lastEnd.set(h.termIndex, h.end);
    return true;
  });
}
