/**
 * Resolves fragments to flat rows for exports (CSV now, spreadsheets later): document title,
 * page label (from the page holding the fragment's start), regime, flag and coder names in one
 * language, and the reviews: each reviewer's status, and every comment with its author and date.
 * Rows are ordered by document (in project order), then by start offset, then by end.
 * A code, flag or coder that cannot be resolved is shown by its id, so nothing is lost.
 */
import type { Codebook, LocalText } from '../model/codebook.ts';
import { pageAt, type PolicyDocument } from '../model/document.ts';
import { valueRef, type Coder, type Fragment } from '../model/fragment.ts';
import { liveComments, type Review, type ReviewStatus } from '../model/review.ts';
import type { FragmentCsvRow } from './csv.ts';

/** The parts of a project the fragment rows need. */
export interface FragmentRowSource {
  documents: readonly PolicyDocument[];
  codebooks: readonly Codebook[];
  fragments: readonly Fragment[];
  coders: readonly Coder[];
  /** Reviews of the fragments (absent: none). */
  reviews?: readonly Review[];
}

/** A review status in words, per language (for exports; the UI says it in ui/messages.ts). */
export const REVIEW_STATUS_WORDS: Record<ReviewStatus, LocalText> = {
  accepted: { nl: 'geaccepteerd', en: 'accepted' },
  'needs-change': { nl: 'aanpassen', en: 'needs a change' },
  rejected: { nl: 'afgewezen', en: 'rejected' },
};

/** The review cells of one fragment: "reviewer: status" joined by "; ", and "[author, date] text" lines. */
export function reviewCells(reviews: readonly Review[], coderName: (id: string) => string, lang: keyof LocalText): { review: string; comments: string } {
  const ordered = [...reviews].sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
  const review = ordered.flatMap((r) => (r.status ? [`${coderName(r.reviewerId)}: ${REVIEW_STATUS_WORDS[r.status][lang]}`] : [])).join('; ');
  const comments = ordered
    .flatMap((r) => liveComments(r))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((c) => `[${coderName(c.authorId)}, ${c.at.slice(0, 10)}] ${c.text}`)
    .join('\n');
  return { review, comments };
}

/** Builds one export row per fragment, names in the given language; see the module header for order and fallbacks. */
export function fragmentRows(source: FragmentRowSource, lang: keyof LocalText): FragmentCsvRow[] {
  const documentIndex = new Map(source.documents.map((d, i) => [d.id as string, i]));
  const codeName = new Map<string, string>();
  const flagName = new Map<string, string>();
  const valueName = new Map<string, string>();
  for (const book of source.codebooks) {
    for (const code of book.codes) {
      if (!codeName.has(code.id)) codeName.set(code.id, code.name[lang]);
      for (const v of code.values) {
        const ref = valueRef(code.id, v.id);
        if (!valueName.has(ref)) valueName.set(ref, v.name[lang]);
      }
    }
    for (const flag of book.flags) if (!flagName.has(flag.id)) flagName.set(flag.id, flag.name[lang]);
  }
  const coderName = new Map(source.coders.map((c) => [c.id as string, c.name]));
  const reviewsOf = new Map<string, Review[]>();
  for (const r of source.reviews ?? []) reviewsOf.set(r.fragmentId, [...(reviewsOf.get(r.fragmentId) ?? []), r]);
  const nameOf = (id: string) => coderName.get(id) || id;
  const order = (f: Fragment) => documentIndex.get(f.documentId) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...source.fragments].sort(
    (a, b) => order(a) - order(b) || a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end,
  );
  return sorted.map((f) => {
    const index = documentIndex.get(f.documentId);
    const document = index === undefined ? undefined : source.documents[index];
    return {
      document: document?.title ?? f.documentId,
      // An orphan (its quote not found in the text; empty range) has no page to cite.
      page: document && f.anchor.end > f.anchor.start ? (pageAt(document.pages, f.anchor.start)?.label ?? '') : '',
      start: f.anchor.start,
      end: f.anchor.end,
      text: f.anchor.exact,
      regimes: f.codes.map((c) => codeName.get(c) ?? c),
      flags: f.flags.map((id) => flagName.get(id) ?? id),
      values: (f.values ?? []).map((ref) => valueName.get(ref) ?? ref),
      id: f.id,
      memo: f.memo,
      coder: coderName.get(f.coderId) ?? f.coderId,
      created: f.createdAt,
      ...reviewCells(reviewsOf.get(f.id) ?? [], nameOf, lang),
    };
  });
}
