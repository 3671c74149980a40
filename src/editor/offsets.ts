/**
 * Text offsets ⇄ ProseMirror positions.
 *
 * Fragments, hits and pages are stored as UTF-16 offsets into the normalised text; the
 * reader shows that text as one ProseMirror block per model block. The separators between
 * blocks ("\n\n" in the source text) are not in the doc, so offsets inside such a gap have
 * no position of their own: they snap to the nearest block edge, or to the next block's
 * start / previous block's end when a bias says which side a range boundary belongs to.
 */
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { Block } from '../model/document.ts';
import { nodeNameOf, readerSchema } from './schema.ts';

/** A half-open range [start, end) of UTF-16 offsets into the normalised text. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Which way an offset in a gap between blocks snaps: 1 to the next block's start (use for a
 * range start), -1 to the previous block's end (use for a range end), 0 to the nearest edge.
 */
export type SnapBias = -1 | 0 | 1;

/** Documents with more blocks than this are grouped into sections of this many blocks. */
export const SECTION_SIZE = 16;

/**
 * Builds the reader doc: one node per block holding text.slice(start, end); gaps are dropped.
 * More than SECTION_SIZE blocks are grouped into sections of SECTION_SIZE blocks.
 */
export function docFromText(text: string, blocks: readonly Block[]): Node {
  const nodes: Node[] = [];
  const source: readonly Block[] = blocks.length > 0 ? blocks : [{ kind: 'paragraph', start: 0, end: text.length }];
  let previousEnd = 0;
  for (const block of source) {
    // Blocks are ordered and disjoint by contract; clamp so a bad import cannot break the map.
    const start = Math.min(Math.max(block.start, previousEnd), text.length);
    const end = Math.min(Math.max(block.end, start), text.length);
    previousEnd = end;
    const content = end > start ? readerSchema.text(text.slice(start, end)) : undefined;
    nodes.push(readerSchema.node(nodeNameOf(block.kind), { start }, content));
  }
  if (nodes.length <= SECTION_SIZE) return readerSchema.node('doc', null, nodes);
  const sections: Node[] = [];
  for (let i = 0; i < nodes.length; i += SECTION_SIZE) sections.push(readerSchema.node('section', null, nodes.slice(i, i + SECTION_SIZE)));
  return readerSchema.node('doc', null, sections);
}

const cache = new WeakMap<Node, OffsetMap>();

/** The offset ⇄ position mapping of a reader doc (built from the blocks' `start` attributes). */
export class OffsetMap {
  /** Text offset of each block's first character. */
  private readonly starts: number[];
  /** Text offset just past each block's last character. */
  private readonly ends: number[];
  /** Document position of each block's first character (one past the block's opening). */
  private readonly positions: number[];
  /** Each block's text. */
  private readonly texts: string[];

  private constructor(doc: Node) {
    this.starts = [];
    this.ends = [];
    this.positions = [];
    this.texts = [];
    const addBlock = (block: Node, pos: number) => {
      const start = Number(block.attrs.start) || 0;
      // Without marks, a block's text is a single text node (adjacent text nodes merge).
      const text = block.childCount === 1 ? (block.firstChild!.text ?? '') : block.textContent;
      this.starts.push(start);
      this.ends.push(start + text.length);
      this.positions.push(pos + 1);
      this.texts.push(text);
    };
    doc.forEach((child, pos) => {
      if (child.type.name === 'section') child.forEach((block, inner) => addBlock(block, pos + 1 + inner));
      else addBlock(child, pos);
    });
  }

  /** The (cached) map of a reader doc made by docFromText. */
  static of(doc: Node): OffsetMap {
    let map = cache.get(doc);
    if (!map) {
      map = new OffsetMap(doc);
      cache.set(doc, map);
    }
    return map;
  }

  /** Number of blocks. */
  get blockCount(): number {
    return this.starts.length;
  }

  /** The document position of a text offset; offsets between blocks snap as `bias` says. */
  toPos(offset: number, bias: SnapBias = 0): number {
    const n = this.starts.length;
    if (n === 0) return 0;
    let i = this.blockAtOffset(offset);
    if (i < 0) return this.positions[0]!;
    // Adjacent blocks without a gap: a range end at the boundary belongs to the earlier block.
    if (bias < 0 && i > 0 && offset === this.starts[i] && this.ends[i - 1] === offset) i -= 1;
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    if (offset <= end) return this.positions[i]! + (offset - start);
    const endPos = this.positions[i]! + (end - start);
    if (i === n - 1) return endPos;
    if (bias > 0) return this.positions[i + 1]!;
    if (bias < 0) return endPos;
    return offset - end <= this.starts[i + 1]! - offset ? endPos : this.positions[i + 1]!;
  }

  /** The text offset of a document position; positions between blocks map to the next block's start. */
  toOffset(pos: number): number {
    const n = this.positions.length;
    if (n === 0) return 0;
    // Last block whose opening token is at or before pos.
    let lo = 0;
    let hi = n - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid]! - 1 <= pos) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return this.starts[0]!;
    const rel = pos - this.positions[i]!;
    if (rel <= 0) return this.starts[i]!;
    const length = this.ends[i]! - this.starts[i]!;
    return this.starts[i]! + Math.min(rel, length);
  }

  /**
   * Cuts a range of positions into one piece per block it touches (block text only, empty
   * pieces dropped), so that each decoration lives inside a single block.
   */
  splitByBlocks(from: number, to: number): Array<{ from: number; to: number }> {
    const pieces: Array<{ from: number; to: number }> = [];
    const n = this.positions.length;
    let lo = 0;
    let hi = n - 1;
    let i = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid]! - 1 <= from) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (; i < n && this.positions[i]! < to; i++) {
      const blockFrom = this.positions[i]!;
      const blockTo = blockFrom + (this.ends[i]! - this.starts[i]!);
      const a = Math.max(from, blockFrom);
      const b = Math.min(to, blockTo);
      if (b > a) pieces.push({ from: a, to: b });
    }
    return pieces;
  }

  /** The character at a text offset: '\n' between blocks, '' outside the text. */
  charAt(offset: number): string {
    const i = this.blockAtOffset(offset);
    if (i < 0) return offset >= 0 && this.starts.length > 0 ? '\n' : '';
    if (offset < this.ends[i]!) return this.texts[i]!.charAt(offset - this.starts[i]!);
    return i < this.starts.length - 1 ? '\n' : '';
  }

  /** Index of the last block that starts at or before offset, or -1. */
  private blockAtOffset(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** The range of positions [from, to] that a text range covers, snapped inward at block gaps. */
export function rangeToPositions(map: OffsetMap, range: TextRange): { from: number; to: number } {
  const from = map.toPos(range.start, 1);
  const to = Math.max(from, map.toPos(range.end, -1));
  return { from, to };
}

// Letters, digits and combining marks make words; surrogate halves count too so that a
// range never splits an astral character.
const WORD = /^[\p{L}\p{N}\p{M}\uD800-\uDFFF]$/u;
const DIGIT = /^\p{N}$/u;
// Apostrophes and hyphens inside a word ("auto's", "zorg-instelling") keep it whole.
const WORD_JOINER = /^['’\-‐‑]$/u;
// Decimal and thousands separators inside a number ("1,5", "3.000").
const NUMBER_JOINER = /^[.,]$/;
// What a coded range is trimmed of at either end; symbols such as € % § stay.
const TRIM = /^[\s\p{P}\p{Z}]$/u;

function isWordAt(map: OffsetMap, offset: number): boolean {
  const ch = map.charAt(offset);
  if (ch === '') return false;
  if (WORD.test(ch)) return true;
  const before = map.charAt(offset - 1);
  const after = map.charAt(offset + 1);
  if (WORD_JOINER.test(ch)) return WORD.test(before) && WORD.test(after);
  if (NUMBER_JOINER.test(ch)) return DIGIT.test(before) && DIGIT.test(after);
  return false;
}

/**
 * Snaps a text range outward to whole words and trims whitespace and punctuation off both
 * ends; null when nothing but whitespace or punctuation is left.
 */
export function snapToWords(map: OffsetMap, start: number, end: number): TextRange | null {
  let s = Math.min(start, end);
  let e = Math.max(start, end);
  if (s === e) return null;
  if (isWordAt(map, s)) while (s > 0 && isWordAt(map, s - 1)) s -= 1;
  if (isWordAt(map, e - 1)) while (isWordAt(map, e)) e += 1;
  while (s < e && !isWordAt(map, s) && TRIM.test(map.charAt(s))) s += 1;
  while (e > s && !isWordAt(map, e - 1) && TRIM.test(map.charAt(e - 1))) e -= 1;
  if (e > s && holdsSpace(map, s, e)) e = withClosingPunctuation(map, e);
  return e > s ? { start: s, end: e } : null;
}

// Punctuation that ends a sentence or an abbreviation, and what may close around it.
const SENTENCE_END = /^[.?!…]$/u;
const CLOSER = /^["'”’»)\]]$/u;

function holdsSpace(map: OffsetMap, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (/\s/u.test(map.charAt(i))) return true;
  return false;
}

/**
 * A range of several words ending on a word that the text closes with "." "?" "!" or "…" (and a closing quote or
 * bracket) before white space or the end takes that punctuation along: a sentence selected by
 * hand then ends as the sentence and the worklist's sentence tool make it ("… heen?"), so one
 * sentence is quoted alike whichever way it was coded. A single word stays bare, and other
 * punctuation (",", ":") stays outside.
 */
function withClosingPunctuation(map: OffsetMap, end: number): number {
  if (!isWordAt(map, end - 1)) return end;
  let k = end;
  while (SENTENCE_END.test(map.charAt(k))) k += 1;
  if (k === end) return end;
  while (CLOSER.test(map.charAt(k))) k += 1;
  const next = map.charAt(k);
  return next === '' || /\s/u.test(next) ? k : end;
}

/**
 * The current selection as text offsets, snapped outward to whole words (letters/digits) and
 * trimmed of surrounding whitespace and punctuation; null for an empty selection.
 */
export function selectionToRange(state: EditorState): TextRange | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const map = OffsetMap.of(state.doc);
  return snapToWords(map, map.toOffset(from), map.toOffset(to));
}
