/**
 * Re-anchoring a fragment by its quote after the text changed (re-extraction, undo of header
 * removal). The policy, as in DESIGN "Anchoring a fragment" and modelled on hypothesis' fallback
 * chain, tries ever looser ways and stops at the first that finds the passage:
 *
 * 1. position — the stored offsets still hold the exact quote;
 * 2. quote — the exact quote occurs elsewhere; among several, the one whose prefix and suffix agree
 *    best with the stored context, then the one nearest the expected place;
 * 3. normalised — the quote's letters and digits (case, spacing, hyphens and punctuation ignored)
 *    occur; catches a hyphenation joined or kept differently and changed spacing;
 * 4. ends — the quote's first and last 24 letters occur, in order, about the quote's length apart;
 *    catches a running header put back in the middle of a quote that spans a page break;
 * 5. fuzzy — the quote's beginning and end each match with at most 1 error in 8 letters (edit
 *    distance), near the expected place.
 *
 * When none finds it the fragment is an orphan: the caller keeps it and lists it, never drops it.
 * The expected place is the old start scaled by how much the text grew or shrank.
 */
import type { TextAnchor } from '../model/fragment.ts';

/** Which step of the chain found the quote. */
export type AnchorMethod = 'position' | 'quote' | 'normalised' | 'ends' | 'fuzzy';

/** Where a quote was found again. */
export interface AnchorMatch {
  start: number;
  end: number;
  method: AnchorMethod;
}

/** A text prepared once for re-anchoring many quotes in it. */
export interface AnchorText {
  text: string;
  /** Letters and digits of the text, lower-cased. */
  skeleton: string;
  /** For each skeleton character, its offset in the text. */
  offsets: Int32Array;
}

/** The letters and digits of a string, lower-cased, with each one's offset. */
function skeletonOf(text: string): { skeleton: string; offsets: Int32Array } {
  const offsets = new Int32Array(text.length);
  let skeleton = '';
  let n = 0;
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lower = m[0].toLowerCase();
    if (lower.length !== m[0].length) {
      // Lower-casing changed the length (rare: "İ"); keep the original characters.
      skeleton += m[0];
    } else skeleton += lower;
    for (let i = 0; i < m[0].length; i++) offsets[n++] = m.index + i;
  }
  return { skeleton, offsets: offsets.slice(0, n) };
}

/** Prepares a text for {@link reanchor} (do it once per text, not per fragment). */
export function prepareAnchorText(text: string): AnchorText {
  return { text, ...skeletonOf(text) };
}

/** How many characters at the end of `a` equal those at the end of `b`. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How many characters at the start of `a` equal those at the start of `b`. */
export function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** All start offsets of `needle` in `haystack` (at most `limit`). */
function occurrences(haystack: string, needle: string, limit = 500): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = haystack.indexOf(needle); i >= 0 && out.length < limit; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Picks the candidate with the highest score, ties to the one nearest `expected`. */
function best<T extends { at: number; score: number }>(candidates: T[], expected: number): T | undefined {
  let pick: T | undefined;
  for (const c of candidates) {
    if (
      !pick ||
      c.score > pick.score ||
      (c.score === pick.score && Math.abs(c.at - expected) < Math.abs(pick.at - expected))
    ) {
      pick = c;
    }
  }
  return pick;
}

/**
 * Edit-distance search (Sellers): the end offsets in `text[from, to)` where `pattern` matches with
 * at most `k` errors, with their error count.
 */
function approximateEnds(text: string, pattern: string, k: number, from: number, to: number): { end: number; errors: number }[] {
  const m = pattern.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  const out: { end: number; errors: number }[] = [];
  for (let j = from; j < to; j++) {
    const c = text[j];
    cur[0] = 0;
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (pattern[i - 1] === c ? 0 : 1);
      cur[i] = Math.min(sub, prev[i]! + 1, cur[i - 1]! + 1);
    }
    if (cur[m]! <= k) out.push({ end: j + 1, errors: cur[m]! });
    [prev, cur] = [cur, prev];
  }
  return out;
}

/** The end of the best-scoring (fewest errors, then nearest `expected`) approximate match. */
function bestApproximate(text: string, pattern: string, from: number, to: number, expectedEnd: number): number | undefined {
  const k = Math.floor(pattern.length / 8);
  const hits = approximateEnds(text, pattern, k, Math.max(0, from), Math.min(text.length, to));
  const pick = best(hits.map((h) => ({ at: h.end, score: -h.errors })), expectedEnd);
  return pick?.at;
}

const ENDS = 24;
const FUZZY = 32;
/** How far from the expected place the fuzzy step looks, at least (skeleton characters). */
const FUZZY_WINDOW = 20_000;

/** How far from the expected place the exact and normalised steps look first (characters). */
const NEAR = 2_000;

/** Occurrences of `needle` starting within `radius` of `expected` (at most `limit`). */
function occurrencesNear(haystack: string, needle: string, expected: number, radius: number, limit = 500): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  // Searched in a copy of the window only: indexOf on the whole text would run on to its end.
  const from = Math.max(0, expected - radius);
  const region = haystack.slice(from, Math.max(from, expected + radius) + needle.length);
  for (let i = region.indexOf(needle); i >= 0 && out.length < limit; i = region.indexOf(needle, i + 1)) out.push(from + i);
  return out;
}

/**
 * How much work re-anchoring may still do on the whole text: each quote that is not found near
 * its expected place costs one whole-text search (or a fuzzy window). A caller placing many
 * fragments passes one budget for all of them, so thousands of quotes that are gone cost a bounded
 * amount; once spent, such a quote is an orphan (kept and listed, tried again by a later pass).
 */
export interface AnchorBudget {
  farSearches: number;
}

/**
 * Finds a stored anchor's quote in a (possibly changed) text; undefined when it is an orphan.
 * `oldLength` is the length of the text the anchor was made on (to scale the expected place).
 * The exact and normalised steps look near the expected place first (a window of {@link NEAR}
 * characters each way), then, while `budget` allows, in the whole text.
 */
export function reanchor(target: AnchorText, anchor: TextAnchor, oldLength = target.text.length, budget?: AnchorBudget): AnchorMatch | undefined {
  const { text, skeleton, offsets } = target;
  const { exact, prefix, suffix } = anchor;
  if (exact === '') return undefined;
  const scale = oldLength > 0 ? text.length / oldLength : 1;
  const expected = Math.round(anchor.start * scale);

  // 1. position
  if (text.slice(anchor.start, anchor.end) === exact) return { start: anchor.start, end: anchor.end, method: 'position' };

  const far = (): boolean => {
    if (!budget) return true;
    if (budget.farSearches <= 0) return false;
    budget.farSearches -= 1;
    return true;
  };

  // 2. quote, with context: near the expected place, else anywhere
  // A small window first: a re-extraction moves most quotes by a few characters.
  let exactHits = occurrencesNear(text, exact, expected, 256);
  if (exactHits.length === 0) exactHits = occurrencesNear(text, exact, expected, NEAR);
  if (exactHits.length === 0 && far()) exactHits = occurrences(text, exact);
  if (exactHits.length > 0) {
    const pick = best(
      exactHits.map((at) => ({
        at,
        score: commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) + commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix),
      })),
      expected,
    )!;
    return { start: pick.at, end: pick.at + exact.length, method: 'quote' };
  }

  const quote = skeletonOf(exact).skeleton;
  if (quote.length === 0 || skeleton.length === 0) return undefined;
  const toText = (s: number, e: number): { start: number; end: number } => ({ start: offsets[s]!, end: offsets[e - 1]! + 1 });
  // The expected place in skeleton characters.
  const expectedSkel = Math.round((expected / Math.max(1, text.length)) * skeleton.length);
  const pre = skeletonOf(prefix).skeleton;
  const post = skeletonOf(suffix).skeleton;
  const contextScore = (s: number, e: number): number =>
    commonSuffix(skeleton.slice(Math.max(0, s - pre.length), s), pre) + commonPrefix(skeleton.slice(e, e + post.length), post);

  // 3. normalised
  let skelHits = occurrencesNear(skeleton, quote, expectedSkel, NEAR);
  if (skelHits.length === 0 && far()) skelHits = occurrences(skeleton, quote);
  if (skelHits.length > 0) {
    const pick = best(skelHits.map((at) => ({ at, score: contextScore(at, at + quote.length) })), expectedSkel)!;
    return { ...toText(pick.at, pick.at + quote.length), method: 'normalised' };
  }

  // 4. ends (and 5. fuzzy) only while the budget allows: each looks through much of the text.
  if (!far()) return undefined;
  if (quote.length >= 2 * ENDS) {
    const head = quote.slice(0, ENDS);
    const tail = quote.slice(-ENDS);
    const candidates: { at: number; end: number; score: number }[] = [];
    for (const h of occurrences(skeleton, head)) {
      const min = h + Math.floor(quote.length * 0.5);
      const max = h + Math.ceil(quote.length * 1.5) + 400;
      // Every tail in reach: the context after it, then the length, decide (a short tail like
      // "werkt internationaal samen" may well occur twice in reach).
      for (let t = skeleton.indexOf(tail, min - ENDS); t >= 0 && t + ENDS <= max; t = skeleton.indexOf(tail, t + 1)) {
        const e = t + ENDS;
        candidates.push({ at: h, end: e, score: contextScore(h, e) - Math.abs(e - h - quote.length) / 100 });
      }
    }
    const pick = best(candidates, expectedSkel);
    if (pick) return { ...toText(pick.at, pick.end), method: 'ends' };
  }

  // 5. fuzzy: the beginning near the expected place, then the end about a quote's length later.
  const window = Math.max(FUZZY_WINDOW, quote.length * 4);
  const head = quote.slice(0, FUZZY);
  const headEnd = bestApproximate(skeleton, head, expectedSkel - window, expectedSkel + window + head.length, expectedSkel + head.length);
  if (headEnd === undefined) return undefined;
  const start = Math.max(0, headEnd - head.length);
  if (quote.length <= FUZZY) return { ...toText(start, Math.min(skeleton.length, headEnd)), method: 'fuzzy' };
  const tail = quote.slice(-FUZZY);
  const tailEnd = bestApproximate(
    skeleton,
    tail,
    start + Math.floor(quote.length * 0.5) - FUZZY,
    start + Math.ceil(quote.length * 1.5) + FUZZY,
    start + quote.length,
  );
  if (tailEnd === undefined) return undefined;
  return { ...toText(start, tailEnd), method: 'fuzzy' };
}
