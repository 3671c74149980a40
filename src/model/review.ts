/**
 * Reviews: a reviewer's verdict on a fragment and the conversation about it.
 *
 * One review per fragment and reviewer (its id is made from both, so the same reviewer in two
 * browsers writes the same review). It holds a status (accepted, needs a change, rejected — or
 * none yet) and a thread of comments by anyone: the reviewer asks, the coder answers. Either
 * may resolve the thread; a new comment opens it again.
 *
 * Reviews merge without conflicts (a state-based CRDT): comments are a set by id (a comment
 * edited on two sides keeps the later edit; a deleted comment stays deleted, as a tombstone
 * without its text, whatever edit the other side has), the status and the thread's resolution
 * are each the one set last. Only a comment's author edits or deletes it (actions/review.ts). Merging is commutative, associative and idempotent, so a review file added
 * twice, or in any order, gives the same reviews.
 */
import type { CoderId, DocumentId, FragmentId } from './ids.ts';

/** A reviewer's verdict on a fragment. */
export type ReviewStatus = 'accepted' | 'needs-change' | 'rejected';

/** Every status, in the order the UI offers them. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['accepted', 'needs-change', 'rejected'];

/** One comment of a review thread. */
export interface ReviewComment {
  /** Unique (a random id), so comments made on two sides both survive a merge. */
  id: string;
  authorId: CoderId;
  /** ISO 8601 time written. */
  at: string;
  text: string;
  /** ISO 8601 time of the last edit, when edited. */
  editedAt?: string;
  /**
   * ISO 8601 time the author deleted it: the comment stays as a tombstone (text emptied) so the
   * deletion travels in review and project files and wins over any edit in a merge.
   */
  deletedAt?: string;
}

/** Whether a comment was deleted (a tombstone). */
export function isDeletedComment(c: Pick<ReviewComment, 'deletedAt'>): boolean {
  return c.deletedAt !== undefined;
}

/** The comments of a thread that are not deleted. */
export function liveComments(r: Pick<Review, 'comments'>): ReviewComment[] {
  return r.comments.filter((c) => !isDeletedComment(c));
}

/** Whether a thread is resolved, who said so and when (absent: open, never resolved). */
export interface ReviewResolution {
  resolved: boolean;
  by: CoderId;
  at: string;
}

/** A reviewer's review of one fragment. */
export interface Review {
  /** `reviewId(fragmentId, reviewerId)`. */
  id: string;
  fragmentId: FragmentId;
  /** The fragment's document (to list reviews per document, also when the fragment is gone). */
  documentId: DocumentId;
  reviewerId: CoderId;
  /** The verdict; absent while the reviewer has only commented (a question). */
  status?: ReviewStatus;
  /** When the status was last set (ISO 8601); the later one wins in a merge. */
  statusAt?: string;
  /**
   * The fragment's `updatedAt` when the status was set: a fragment changed after its review
   * shows "changed since the review".
   */
  reviewedVersion?: string;
  /** The fragment's text when the review was last touched, shown if the fragment is gone. */
  quote: string;
  comments: ReviewComment[];
  resolution?: ReviewResolution;
  /** The last change to any part of the review (ISO 8601). */
  updatedAt: string;
}

/** The id of the review of a fragment by a reviewer. */
export function reviewId(fragmentId: string, reviewerId: string): string {
  return `${fragmentId}:${reviewerId}`;
}

/** Whether the review gives a verdict (counts as reviewed). */
export function hasVerdict(r: Pick<Review, 'status'>): boolean {
  return r.status !== undefined;
}

/** Whether the thread has comments and is not resolved: an open question. */
export function isOpenThread(r: Pick<Review, 'comments' | 'resolution'>): boolean {
  return liveComments(r).length > 0 && !r.resolution?.resolved;
}

/** Orders two ISO times (an absent time is earliest); ties are broken by `tie` so the order is total. */
function later(a: string | undefined, b: string | undefined, tieA: string, tieB: string): boolean {
  const x = a ?? '';
  const y = b ?? '';
  return x !== y ? x > y : tieA > tieB;
}

function commentOrder(a: ReviewComment, b: ReviewComment): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Which of two states of one comment a merge keeps: a deletion over any edit, else the later edit. */
function newerComment(c: ReviewComment, seen: ReviewComment): boolean {
  if (isDeletedComment(c) !== isDeletedComment(seen)) return isDeletedComment(c);
  if (isDeletedComment(c)) return later(c.deletedAt, seen.deletedAt, c.text, seen.text);
  return later(c.editedAt ?? c.at, seen.editedAt ?? seen.at, c.text, seen.text);
}

/**
 * Merges two states of the same review (same id): all comments of both (by id; of one
 * comment the later edit), the status set last, the resolution set last. Pure; the result
 * equals `a` (deeply) when `b` adds nothing.
 */
export function mergeReview(a: Review, b: Review): Review {
  const comments = new Map<string, ReviewComment>();
  for (const c of [...a.comments, ...b.comments]) {
    const seen = comments.get(c.id);
    if (!seen || newerComment(c, seen)) comments.set(c.id, c);
  }
  const statusFromB = later(b.statusAt, a.statusAt, b.status ?? '', a.status ?? '');
  const resolutionFromB =
    !!b.resolution && (!a.resolution || later(b.resolution.at, a.resolution.at, `${b.resolution.resolved}${b.resolution.by}`, `${a.resolution.resolved}${a.resolution.by}`));
  const newer = later(b.updatedAt, a.updatedAt, b.quote, a.quote) ? b : a;
  const merged: Review = {
    id: a.id,
    fragmentId: a.fragmentId,
    documentId: newer.documentId,
    reviewerId: a.reviewerId,
    quote: newer.quote,
    comments: [...comments.values()].sort(commentOrder),
    updatedAt: newer.updatedAt,
  };
  const status = statusFromB ? b : a;
  if (status.status !== undefined) merged.status = status.status;
  if (status.statusAt !== undefined) merged.statusAt = status.statusAt;
  if (status.reviewedVersion !== undefined) merged.reviewedVersion = status.reviewedVersion;
  const resolution = resolutionFromB ? b.resolution : a.resolution;
  if (resolution) merged.resolution = resolution;
  return merged;
}

/** Whether two reviews hold the same state (for "nothing changed"). */
export function sameReview(a: Review, b: Review): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

function normal(r: Review): unknown {
  return [
    r.id,
    r.fragmentId,
    r.documentId,
    r.reviewerId,
    r.status ?? null,
    r.statusAt ?? null,
    r.reviewedVersion ?? null,
    r.quote,
    [...r.comments].sort(commentOrder).map((c) => [c.id, c.authorId, c.at, c.text, c.editedAt ?? null, c.deletedAt ?? null]),
    r.resolution ? [r.resolution.resolved, r.resolution.by, r.resolution.at] : null,
    r.updatedAt,
  ];
}
