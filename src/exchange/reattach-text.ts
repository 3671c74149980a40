/**
 * Attaching the text of a document whose text was missing (see text/missing-text.ts): the pure
 * plan. Every passage keeps its position: a stand-in has one character per code point of the
 * original, so each offset becomes a code point and then the offset of that code point in the
 * attached text, read as the REFI-QDA reader reads a source file (BOM dropped, CRLF and CR stored
 * as LF; a CRLF counted as two code points as the standard says, or as one as ATLAS.ti does —
 * whichever makes more known quotes match, ATLAS.ti's way when the file came from it and it is a
 * tie). Nothing is moved to where its quote happens to be found: a passage whose known quote is not
 * the attached text at its position stays there and is listed. A text that ends before a passage
 * does is refused: it is not the source's text. Pure; linear in the texts' length.
 */
import type { Block } from '../model/document.ts';
import { anchorFromRange, type Fragment } from '../model/fragment.ts';
import { codePointMap } from './code-points.ts';
import { linesAsBlocks, sourceText } from './qdpx-read.ts';
import { hasKnownText, knownMatches, knownQuote } from '../text/missing-text.ts';

/** A passage whose known quote is not the attached text at its position. */
export interface AttachMismatch {
  fragmentId: string;
  /** What was known of its quote (known runs joined with " … "). */
  known: string;
  /** The attached text at its position. */
  found: string;
}

/** What attaching a text does. */
export interface AttachPlan {
  /** The text as stored (LF line ends, no BOM). */
  text: string;
  blocks: Block[];
  /** Every fragment given, with its anchor in the attached text. */
  fragments: Fragment[];
  /** Maps an offset of the stand-in to the attached text (for anything else anchored there). */
  offset: (standInOffset: number) => number;
  /** Passages with a known quote, checked. */
  checked: number;
  mismatched: AttachMismatch[];
  /** True when a CRLF was counted as one character. */
  crlfAsOne: boolean;
}

/** Why a text cannot be attached. */
export interface AttachRefusal {
  reason: 'text-too-short';
  /** The attached text's length in code points (as counted). */
  length: number;
  /** Where the last passage ends, in code points. */
  needed: number;
}

/** Plans attaching `raw` (a file's text) to a document whose stand-in text is `standIn`. */
export function planTextAttach(
  standIn: string,
  fragments: readonly Fragment[],
  raw: string,
  options: { origin?: string } = {},
): { parsed: AttachPlan } | { error: AttachRefusal } {
  const src = sourceText(raw);
  const text = src.text;
  const toCp = codePointMap(standIn).toCodePoint;
  const ranges = fragments.map((f) => [toCp(f.anchor.start), toCp(f.anchor.end)] as const);
  const needed = ranges.reduce((m, r) => Math.max(m, r[1]), 0);

  const judge = (map: (cp: number) => number, length: number) => {
    let matched = 0;
    let checked = 0;
    const mismatched: AttachMismatch[] = [];
    fragments.forEach((f, i) => {
      if (!hasKnownText(standIn, f.anchor.start, f.anchor.end)) return;
      checked++;
      const [s, e] = ranges[i]!;
      const part = standIn.slice(f.anchor.start, f.anchor.end);
      const found = e <= length ? text.slice(map(s), map(e)) : '';
      if (e <= length && knownMatches(part, found)) matched++;
      else mismatched.push({ fragmentId: f.id, known: knownQuote(part), found });
    });
    return { matched, checked, mismatched };
  };

  let crlfAsOne = false;
  if (src.hasCrlf) {
    const spec = judge(src.spec, src.specLength);
    const atlas = judge(src.atlas, src.atlasLength);
    crlfAsOne = atlas.matched > spec.matched || (atlas.matched === spec.matched && /atlas/i.test(options.origin ?? ''));
  }
  const map = crlfAsOne ? src.atlas : src.spec;
  const length = crlfAsOne ? src.atlasLength : src.specLength;
  if (needed > length) return { error: { reason: 'text-too-short', length, needed } };
  const { checked, mismatched } = judge(map, length);
  return {
    parsed: {
      text,
      blocks: linesAsBlocks(text),
      fragments: fragments.map((f, i) => ({ ...f, anchor: anchorFromRange(text, map(ranges[i]![0]), map(ranges[i]![1])) })),
      offset: (o) => map(Math.min(toCp(o), length)),
      checked,
      mismatched,
      crlfAsOne,
    },
  };
}

/**
 * Whether a file's name is the missing source's: the same name, or the same name but for its
 * extension (ATLAS.ti names a source "Interview.docx"; its text may come as "Interview.txt"),
 * without regard to case or Unicode normal form.
 */
export function isSourceFile(fileName: string, source: string): boolean {
  const norm = (s: string) => s.replace(/^.*[\\/]/, '').normalize('NFC').toLowerCase().trim();
  const a = norm(fileName);
  const b = norm(source);
  if (a === b) return true;
  const base = (s: string) => s.replace(/\.(txt|docx|pdf|rtf|doc)$/, '');
  return base(a) !== '' && base(a) === base(b);
}
