/**
 * Placing fragments on a document's text by their quote: after a re-extraction (the text
 * changed) and whenever fragments are loaded from a file (their offsets may not fit the text
 * they come with). Each fragment is found by the fallback chain of anchor.ts; one that cannot
 * be found is an orphan — it keeps its quote, codes and memo, and its range collapses to an
 * empty one near where it was, so nothing wrong is highlighted or cited. Orphans are kept and
 * listed, never dropped; a later pass tries them again.
 *
 * Bounded work: fragments are grouped by document in one pass; each quote is looked for near its
 * expected place first, and the searches through the whole text share one budget per document
 * ({@link FAR_SEARCH_CHARACTERS}), so a project of 40,000 fragments is placed in linear time.
 */
import { anchorFromRange, type Fragment } from '../model/fragment.ts';
import { prepareAnchorText, reanchor, type AnchorBudget, type AnchorMethod, type AnchorText } from './anchor.ts';

/**
 * Characters that whole-text searches may look through per document placed (see AnchorBudget),
 * shared by its fragments: a quote not found near its place costs about three passes over the
 * text. Far more than a re-extraction needs (quotes are found near their place); few enough that
 * thousands of quotes that are gone cost well under a second.
 */
export const FAR_SEARCH_CHARACTERS = 20_000_000;

/** The whole-text searches allowed for a text of this length (at least 20). */
export function farSearches(length: number): number {
  return Math.max(20, Math.floor(FAR_SEARCH_CHARACTERS / (3 * Math.max(1, length))));
}

/** The fragments placed on the text, with how each was found and which could not be. */
export interface ReanchorResult {
  fragments: Fragment[];
  /** Fragments found, by the step of the chain that found them. */
  anchored: Partial<Record<AnchorMethod, number>>;
  /** Fragments found elsewhere than their stored offsets (their anchor was rewritten). */
  moved: number;
  orphaned: Fragment[];
  /** Searches through the whole text done (bounded by the budget, see {@link farSearches}). */
  farSearches: number;
}

/**
 * Places one document's fragments on `text`. `oldLength` is the length of the text the offsets
 * were made for (to scale the expected place); `now` stamps fragments whose anchor changed.
 */
export function reanchorFragments(
  fragments: readonly Fragment[],
  text: string | AnchorText,
  now: string,
  oldLength?: number,
): ReanchorResult {
  const target = typeof text === 'string' ? prepareAnchorText(text) : text;
  const length = target.text.length;
  const result: ReanchorResult = { fragments: [], anchored: {}, moved: 0, orphaned: [], farSearches: 0 };
  const allowed = farSearches(length);
  const budget: AnchorBudget = { farSearches: allowed };
  for (const f of fragments) {
    const m = reanchor(target, f.anchor, oldLength ?? length, budget);
    if (m) {
      result.anchored[m.method] = (result.anchored[m.method] ?? 0) + 1;
      if (m.start === f.anchor.start && m.end === f.anchor.end && target.text.slice(m.start, m.end) === f.anchor.exact) {
        result.fragments.push(f);
      } else {
        result.moved++;
        result.fragments.push({ ...f, anchor: anchorFromRange(target.text, m.start, m.end), updatedAt: now });
      }
      continue;
    }
    const at = Math.min(Math.round((f.anchor.start / Math.max(1, oldLength ?? length)) * length), length);
    const orphan = f.anchor.start === at && f.anchor.end === at ? f : { ...f, anchor: { ...f.anchor, start: at, end: at } };
    result.orphaned.push(orphan);
    result.fragments.push(orphan);
  }
  result.farSearches = allowed - budget.farSearches;
  return result;
}

/** Places every fragment on its own document's text (fragments of unknown documents stay as they are). */
export function reanchorProject(
  fragments: readonly Fragment[],
  texts: ReadonlyMap<string, string>,
  now: string,
): { fragments: Fragment[]; moved: number; orphaned: Fragment[]; farSearches: number } {
  const byDocument = new Map<string, Fragment[]>();
  const out: Fragment[] = [];
  for (const f of fragments) {
    if (!texts.has(f.documentId)) out.push(f);
    else {
      // Grouped once, in one pass (a copy of the list per fragment was quadratic).
      const list = byDocument.get(f.documentId);
      if (list) list.push(f);
      else byDocument.set(f.documentId, [f]);
    }
  }
  let moved = 0;
  let far = 0;
  const orphaned: Fragment[] = [];
  for (const [documentId, list] of byDocument) {
    // Fast path: every fragment's offsets still hold its quote.
    const text = texts.get(documentId)!;
    if (list.every((f) => f.anchor.end > f.anchor.start && text.slice(f.anchor.start, f.anchor.end) === f.anchor.exact)) {
      out.push(...list);
      continue;
    }
    const r = reanchorFragments(list, text, now);
    out.push(...r.fragments);
    moved += r.moved;
    far += r.farSearches;
    orphaned.push(...r.orphaned);
  }
  return { fragments: out, moved, orphaned, farSearches: far };
}
