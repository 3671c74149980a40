/**
 * The stand-in text of a document whose text is missing (a REFI-QDA project that came without its
 * source files, such as ATLAS.ti's and MAXQDA's exports that lose them): what keeps its coded
 * passages at their positions until the real text is attached.
 *
 * Policy — honest about what is known:
 * - The stand-in has one character per Unicode code point of the original (REFI-QDA counts
 *   positions in code points), so a passage at code points [s, e) of the original sits at the
 *   same code points here, and attaching the text later maps each position back exactly.
 * - Where a passage's quote is known (ATLAS.ti and Worthmark write it into the selection's name,
 *   whole or cut with "…"), those characters are the quote's own; every other position is
 *   {@link MISSING_CHAR}, a shade that is neither a letter, a digit nor white space, so no word
 *   search, phrase or sentence can match across or inside a gap: a search finds only known quotes.
 * - Two known quotes that disagree about a position are not merged: the first placed stays and the
 *   other is reported as not placed.
 * Pure; linear in the text's length plus the quotes'.
 */

/** The character that stands for one code point of text that is not known (U+2591 LIGHT SHADE). */
export const MISSING_CHAR = '\u2591';

/** A known piece of the original: its first code point and its text. */
export interface KnownSpan {
  start: number;
  text: string;
}

/** A stand-in text, and which of the spans given went into it. */
export interface PlaceholderText {
  text: string;
  /** For each span given, whether it was placed (false: it ran past the end or disagreed with another). */
  placed: boolean[];
}

/**
 * Builds the stand-in of a text `length` code points long with the known spans in place (see the
 * module header). A span is placed whole or not at all.
 */
export function placeholderText(length: number, spans: readonly KnownSpan[]): PlaceholderText {
  // Only the known code points are kept (sparse): the gaps are runs of one character, made at the end.
  const known = new Map<number, string>();
  const total = Math.max(0, length);
  const placed = spans.map((span) => {
    const chars = Array.from(span.text);
    if (span.start < 0 || span.start + chars.length > total || chars.length === 0) return false;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === MISSING_CHAR) return false;
      const there = known.get(span.start + i);
      if (there !== undefined && there !== chars[i]) return false;
    }
    for (let i = 0; i < chars.length; i++) known.set(span.start + i, chars[i]!);
    return true;
  });
  const parts: string[] = [];
  let at = 0;
  for (const cp of [...known.keys()].sort((x, y) => x - y)) {
    if (cp > at) parts.push(MISSING_CHAR.repeat(cp - at));
    parts.push(known.get(cp)!);
    at = cp + 1;
  }
  if (total > at) parts.push(MISSING_CHAR.repeat(total - at));
  return { text: parts.join(''), placed };
}

/** Whether a stand-in has any known character in `[start, end)` (UTF-16 offsets). */
export function hasKnownText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text[i] !== MISSING_CHAR) return true;
  return false;
}

/** The runs of missing characters in `[0, text.length)`, as UTF-16 ranges (for the reader). */
export function missingRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  let i = text.indexOf(MISSING_CHAR);
  while (i >= 0) {
    let j = i;
    while (j < text.length && text[j] === MISSING_CHAR) j++;
    runs.push([i, j]);
    i = text.indexOf(MISSING_CHAR, j);
  }
  return runs;
}

/**
 * What is known of a passage of a stand-in, for people: the known runs joined with " … ", with
 * "…" where the passage starts or ends in a gap; '' when nothing is known.
 */
export function knownQuote(slice: string): string {
  const runs = slice.split(MISSING_CHAR).filter((p) => p !== '');
  if (runs.length === 0) return '';
  return `${slice.startsWith(MISSING_CHAR) ? '… ' : ''}${runs.join(' … ')}${slice.endsWith(MISSING_CHAR) ? ' …' : ''}`;
}

/**
 * Whether the known characters of a stand-in passage are the same as a real text's passage, code
 * point by code point (white space matches any white space: exporters turn line ends in a quote
 * into spaces). Both are the same number of code points when the positions were mapped right;
 * otherwise they do not match.
 */
export function knownMatches(standIn: string, real: string): boolean {
  const a = Array.from(standIn);
  const b = Array.from(real);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === MISSING_CHAR || x === b[i]) continue;
    if (/\s/.test(x) && /\s/.test(b[i]!)) continue;
    return false;
  }
  return true;
}
