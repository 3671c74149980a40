/**
 * Review actions: a reviewer (any named coder) sets a status on a fragment and comments on it;
 * the coder answers; either resolves the thread, and a new comment opens it again. Each review
 * is one per fragment and reviewer (model/review.ts). Also: the review file a supervisor sends
 * back ("Send back"), and review progress.
 */
import type { CoderId, Fragment, FragmentId, Review, ReviewComment, ReviewStatus } from '../model/index.ts';
import { hasVerdict, isOpenThread, newId, reviewId } from '../model/index.ts';
import { codersOfReviews, toReviewFile } from '../exchange/review-file.ts';
import { safeFileName } from '../exchange/download.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { getReview, listCoders, listFragments, listReviews, updateReview } from '../storage/repository.ts';

/** A fresh review of a fragment by a reviewer (not stored). */
function emptyReview(fragment: Fragment, reviewerId: CoderId, now: string): Review {
  return { id: reviewId(fragment.id, reviewerId), fragmentId: fragment.id, documentId: fragment.documentId, reviewerId, quote: fragment.anchor.exact, comments: [], updatedAt: now };
}

/**
 * Sets (or with null clears) a reviewer's status on a fragment, recording the fragment version
 * it judged. Returns the stored review, or null when the fragment is gone.
 */
export async function setReviewStatus(db: WorthmarkDb, fragmentId: FragmentId, reviewerId: CoderId, status: ReviewStatus | null, now = new Date().toISOString()): Promise<Review | null> {
  return updateReview(db, reviewId(fragmentId, reviewerId), fragmentId, (stored, fragment) => {
    if (!fragment && !stored) return null;
    const base = stored ?? emptyReview(fragment!, reviewerId, now);
    const next: Review = { ...base, statusAt: now, updatedAt: now, quote: fragment?.anchor.exact ?? base.quote };
    if (status) {
      next.status = status;
      if (fragment) next.reviewedVersion = fragment.updatedAt;
    } else {
      delete next.status;
      delete next.reviewedVersion;
    }
    return next;
  });
}

/**
 * Adds a comment to the thread of `reviewerId`'s review of a fragment (starting the review when
 * there is none: then the author is the reviewer). A comment on a resolved thread opens it
 * again. Returns the stored review; null for an empty text or a fragment that is gone.
 */
export async function addComment(
  db: WorthmarkDb,
  fragmentId: FragmentId,
  reviewerId: CoderId,
  authorId: CoderId,
  text: string,
  now = new Date().toISOString(),
): Promise<Review | null> {
  const body = text.trim();
  if (!body) return null;
  return updateReview(db, reviewId(fragmentId, reviewerId), fragmentId, (stored, fragment) => {
    if (!fragment && !stored) return null;
    const base = stored ?? emptyReview(fragment!, reviewerId, now);
    const comment: ReviewComment = { id: newId<string>(), authorId, at: now, text: body };
    const next: Review = { ...base, comments: [...base.comments, comment], updatedAt: now, quote: fragment?.anchor.exact ?? base.quote };
    if (base.resolution?.resolved) next.resolution = { resolved: false, by: authorId, at: now };
    return next;
  });
}

/** Why a comment could not be edited or deleted. */
export type CommentEditRefusal = 'not-author' | 'gone';

/**
 * Changes one comment as its author: a new text (edit), or null to delete it (it stays as a
 * tombstone without its text, so the deletion travels in review and project files). Only the
 * author may; anyone else is refused and nothing is written. An empty text is not an edit.
 */
async function changeComment(
  db: WorthmarkDb,
  review: Pick<Review, 'id' | 'fragmentId'>,
  commentId: string,
  by: CoderId,
  text: string | null,
  now: string,
): Promise<{ ok: true; review: Review } | { ok: false; reason: CommentEditRefusal }> {
  let refused: CommentEditRefusal | null = null;
  const body = text?.trim() ?? null;
  const stored = await updateReview(db, review.id, review.fragmentId, (r) => {
    const comment = r?.comments.find((c) => c.id === commentId);
    if (!r || !comment || comment.deletedAt) {
      refused = 'gone';
      return null;
    }
    if (comment.authorId !== by) {
      refused = 'not-author';
      return null;
    }
    if (body === comment.text || body === '') return null;
    const next: ReviewComment = body === null ? { ...comment, text: '', deletedAt: now } : { ...comment, text: body, editedAt: now };
    return { ...r, comments: r.comments.map((c) => (c.id === commentId ? next : c)), updatedAt: now };
  });
  if (refused) return { ok: false, reason: refused };
  return { ok: true, review: stored ?? ((await getReview(db, review.id)) as Review) };
}

/** Edits a comment's text, as its author (anyone else is refused). */
export function editComment(db: WorthmarkDb, review: Pick<Review, 'id' | 'fragmentId'>, commentId: string, by: CoderId, text: string, now = new Date().toISOString()) {
  return changeComment(db, review, commentId, by, text, now);
}

/** Deletes a comment, as its author (anyone else is refused); it stays as a tombstone without its text. */
export function deleteComment(db: WorthmarkDb, review: Pick<Review, 'id' | 'fragmentId'>, commentId: string, by: CoderId, now = new Date().toISOString()) {
  return changeComment(db, review, commentId, by, null, now);
}

/** Resolves (or opens again) a review's thread. Returns the stored review, null when there is none. */
export async function setThreadResolved(db: WorthmarkDb, review: Pick<Review, 'id' | 'fragmentId'>, by: CoderId, resolved: boolean, now = new Date().toISOString()): Promise<Review | null> {
  return updateReview(db, review.id, review.fragmentId, (stored) => {
    if (!stored || !!stored.resolution?.resolved === resolved) return null;
    return { ...stored, resolution: { resolved, by, at: now }, updatedAt: now };
  });
}

/** How far the review of a set of fragments is. */
export interface ReviewProgress {
  /** Fragments considered. */
  total: number;
  /** Fragments with a status from at least one reviewer (of `reviewerId` when given). */
  reviewed: number;
  accepted: number;
  needsChange: number;
  rejected: number;
  /** Fragments with an open thread (comments, not resolved). */
  open: number;
}

/**
 * Counts review progress over fragments. With `reviewerId`, only that reviewer's statuses count
 * (a fragment with differing statuses from two reviewers counts under each).
 */
export function reviewProgress(fragments: readonly Pick<Fragment, 'id'>[], reviews: readonly Review[], reviewerId?: string): ReviewProgress {
  const byFragment = new Map<string, Review[]>();
  for (const r of reviews) byFragment.set(r.fragmentId, [...(byFragment.get(r.fragmentId) ?? []), r]);
  const progress: ReviewProgress = { total: fragments.length, reviewed: 0, accepted: 0, needsChange: 0, rejected: 0, open: 0 };
  for (const f of fragments) {
    const all = byFragment.get(f.id) ?? [];
    const judged = all.filter((r) => hasVerdict(r) && (!reviewerId || r.reviewerId === reviewerId));
    if (judged.length > 0) progress.reviewed++;
    const statuses = new Set(judged.map((r) => r.status));
    if (statuses.has('accepted')) progress.accepted++;
    if (statuses.has('needs-change')) progress.needsChange++;
    if (statuses.has('rejected')) progress.rejected++;
    if (all.some(isOpenThread)) progress.open++;
  }
  return progress;
}

/**
 * The review file to send back: every review (optionally only of the fragments of one coder),
 * with the coders they name. Small: no texts, no fragments.
 */
export async function exportReviewFile(db: WorthmarkDb, options: { coderId?: string } = {}): Promise<{ fileName: string; content: string; reviews: number }> {
  const [reviews, coders, fragments] = await Promise.all([listReviews(db), listCoders(db), listFragments(db)]);
  const coderOf = new Map(fragments.map((f) => [f.id as string, f.coderId as string]));
  const chosen = options.coderId ? reviews.filter((r) => coderOf.get(r.fragmentId) === options.coderId) : reviews;
  const who = options.coderId ? coders.find((c) => c.id === options.coderId) : undefined;
  const day = new Date().toISOString().slice(0, 10);
  const name = who?.name.trim() ? `worthmark-review-${who.name.trim()}-${day}.json` : `worthmark-review-${day}.json`;
  return { fileName: safeFileName(name), content: toReviewFile({ coders: codersOfReviews(chosen, coders), reviews: chosen }), reviews: chosen.length };
}
