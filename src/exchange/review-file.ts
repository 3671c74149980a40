/**
 * The review file, version 1: what a supervisor sends back — reviews and their comment threads,
 * with the coders who wrote them, and nothing else (no texts, no fragments), so it is small and
 * can never overwrite the student's work. The student adds it to their project with the merge
 * (exchange/merge-plan.ts), which attaches each review to its fragment by the fragment's id.
 *
 * ```json
 * { "format": "worthmark-review", "version": 1, "exportedAt": "2024-05-01T12:00:00.000Z",
 *   "coders": [...], "reviews": [...] }
 * ```
 *
 * Reviews and coders have the same shape as in the project file (project-format.md). Reading
 * checks the shape, that ids are unique, that each review's id is its fragment and reviewer, and
 * that every reviewer, comment author and resolver is among `coders`. A project file given as a
 * review file is refused with a message that says where it belongs.
 */
import { z } from 'zod';
import type { Coder } from '../model/fragment.ts';
import type { Review } from '../model/review.ts';
import { formatError, formatErrorFromZod, formatPath, parseJsonText, type FormatError } from './format-error.ts';
import type { ProjectBundle } from './merge-plan.ts';
import { checkReview, coderSchema, PROJECT_FORMAT, reviewSchema } from './project-file.ts';

/** The `format` value of a review file. */
export const REVIEW_FORMAT = 'worthmark-review';
/** The review file version this code writes and reads. */
export const REVIEW_VERSION = 1;

/** What a review file holds. */
export interface ReviewFileData {
  exportedAt: string;
  coders: Coder[];
  reviews: Review[];
}

const fileSchema = z.object({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  exportedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  coders: z.array(coderSchema),
  reviews: z.array(reviewSchema),
});

/** Writes reviews (with the coders they name) as a review file (JSON text). */
export function toReviewFile(data: { coders: readonly Coder[]; reviews: readonly Review[] }, options: { exportedAt?: string; indent?: number } = {}): string {
  const file = {
    format: REVIEW_FORMAT,
    version: REVIEW_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    coders: data.coders,
    reviews: data.reviews,
  };
  return JSON.stringify(file, null, options.indent ?? 2) + '\n';
}

/** The coders a set of reviews names (reviewers, comment authors, resolvers), from a list of coders. */
export function codersOfReviews(reviews: readonly Review[], coders: readonly Coder[]): Coder[] {
  const named = new Set<string>();
  for (const r of reviews) {
    named.add(r.reviewerId);
    for (const c of r.comments) named.add(c.authorId);
    if (r.resolution) named.add(r.resolution.by);
  }
  return coders.filter((c) => named.has(c.id));
}

function checkHeader(data: unknown): FormatError | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return formatError('', 'review.notObject', {});
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format === PROJECT_FORMAT) return formatError('format', 'review.isProject', {});
  if (format !== REVIEW_FORMAT) return formatError('format', 'review.formatOther', { format: JSON.stringify(format) ?? 'missing', expected: REVIEW_FORMAT });
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return formatError('version', 'project.versionInvalid', { version: JSON.stringify(version) ?? 'missing' });
  }
  if (version > REVIEW_VERSION) return formatError('version', 'project.versionNewer', { version, supported: REVIEW_VERSION });
  return undefined;
}

/** Reads a review file. Never throws; on failure returns the first problem with its path. */
export function parseReviewFile(text: string): { parsed: ReviewFileData } | { error: FormatError } {
  const read = parseJsonText(text);
  if ('error' in read) return read;
  const header = checkHeader(read.parsed);
  if (header) return { error: header };
  const result = fileSchema.safeParse(read.parsed);
  if (!result.success) return { error: formatErrorFromZod(result.error) };
  const data: ReviewFileData = { exportedAt: result.data.exportedAt, coders: result.data.coders as Coder[], reviews: result.data.reviews as Review[] };
  const coderIds = new Set<string>();
  for (const [i, c] of data.coders.entries()) {
    if (coderIds.has(c.id)) return { error: formatError(formatPath(['coders', i, 'id']), 'project.duplicateId', { id: c.id, first: data.coders.findIndex((x) => x.id === c.id) }) };
    coderIds.add(c.id);
  }
  const reviewIds = new Map<string, number>();
  for (const [i, r] of data.reviews.entries()) {
    const first = reviewIds.get(r.id);
    if (first !== undefined) return { error: formatError(formatPath(['reviews', i, 'id']), 'project.duplicateId', { id: r.id, first }) };
    reviewIds.set(r.id, i);
    const e = checkReview(r, coderIds, ['reviews', i]);
    if (e) return { error: e };
  }
  return { parsed: data };
}

/** A review file as something to merge: its coders and reviews. */
export function reviewBundle(data: ReviewFileData): ProjectBundle {
  return { coders: data.coders, reviews: data.reviews };
}
