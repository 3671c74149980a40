/**
 * Near-duplicate texts: the same report imported twice in different prints (two columns and one,
 * another page size, a reflowed PDF and its Word original) has a different file hash but nearly
 * the same words.
 *
 * Policy: two texts are near-duplicates when the Jaccard similarity of their sets of word
 * 5-shingles (runs of five consecutive words, case- and accent-folded, punctuation ignored) is at
 * least {@link NEAR_DUPLICATE_THRESHOLD} (0.8). The similarity is estimated from a bottom-k
 * min-hash sketch (Broder, "On the resemblance and containment of documents", 1997; Cohen & Kaplan,
 * "Summarizing data using bottom-k sketches", 2007): the k = 128 smallest distinct 32-bit hashes of
 * a text's shingles. The estimate's standard error is about √(J(1−J)/k), 0.035 at J = 0.8. Line
 * breaks, hyphenation, running headers and page layout change few shingles; a report that shares
 * only its template or a few paragraphs with another stays well below 0.8.
 *
 * Work is linear in the number of words (a heap of k values), and comparing two sketches is O(k);
 * a sketch is 128 numbers, small enough to keep with each document.
 */
import { fold } from '../text/fold.ts';

/** The number of hashes in a sketch. */
export const SIGNATURE_SIZE = 128;
/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** The similarity from which two texts are flagged as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** 32-bit FNV-1a of a string. */
function hashWord(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a word hash into a shingle hash (murmur3's finaliser after a multiply-add). */
function mix(h: number, w: number): number {
  let x = (Math.imul(h ^ w, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A max-heap of at most k distinct values: the k smallest seen. */
class BottomK {
  private readonly heap: number[] = [];
  private readonly members = new Set<number>();
  constructor(private readonly k: number) {}

  offer(v: number): void {
    if (this.members.has(v)) return;
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(v);
      this.members.add(v);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! >= heap[i]!) break;
        [heap[p], heap[i]] = [heap[i]!, heap[p]!];
        i = p;
      }
      return;
    }
    if (v >= heap[0]!) return;
    this.members.delete(heap[0]!);
    this.members.add(v);
    heap[0] = v;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l]! > heap[m]!) m = l;
      if (r < heap.length && heap[r]! > heap[m]!) m = r;
      if (m === i) break;
      [heap[m], heap[i]] = [heap[i]!, heap[m]!];
      i = m;
    }
  }

  sorted(): number[] {
    return this.heap.slice().sort((a, b) => a - b);
  }
}

/** The bottom-k min-hash sketch of a text's word 5-shingles, ascending (see the module header). */
export function textSignature(text: string): number[] {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const sketch = new BottomK(SIGNATURE_SIZE);
  if (words.length === 0) return [];
  const hashes = words.map(hashWord);
  const n = Math.max(1, hashes.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < n; i++) {
    let h = 0x2545f491;
    for (let j = i; j < Math.min(hashes.length, i + SHINGLE_WORDS); j++) h = mix(h, hashes[j]!);
    sketch.offer(h);
  }
  return sketch.sorted();
}

/** The estimated Jaccard similarity (0–1) of the shingle sets behind two sketches. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  // The k smallest of the union, and how many of them are in both sketches (both are sorted).
  const k = Math.min(SIGNATURE_SIZE, Math.max(a.length, b.length));
  let i = 0;
  let j = 0;
  let taken = 0;
  let both = 0;
  while (taken < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      both += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
    taken += 1;
  }
  return taken === 0 ? 0 : both / taken;
}

/** A document a new text nearly duplicates. */
export interface NearDuplicateMatch<Id> {
  id: Id;
  similarity: number;
}

/** The most similar of `candidates` at or above the threshold, or undefined. */
export function findNearDuplicate<Id>(signature: readonly number[], candidates: Iterable<{ id: Id; signature: readonly number[] }>): NearDuplicateMatch<Id> | undefined {
  let best: NearDuplicateMatch<Id> | undefined;
  for (const c of candidates) {
    const s = similarity(signature, c.signature);
    if (s >= NEAR_DUPLICATE_THRESHOLD && (!best || s > best.similarity)) best = { id: c.id, similarity: s };
  }
  return best;
}
