/**
 * The Worthmark project file, version 2: one JSON document holding a whole project, for backup,
 * moving between browsers, merging coders' work and the CLI. Human documentation:
 * ./project-format.md.
 *
 * ```json
 * { "format": "worthmark-project", "version": 2, "exportedAt": "2024-05-01T12:00:00.000Z",
 *   "offsets": "utf-16",
 *   "documents": [...], "texts": [...], "codebooks": [...], "fragments": [...],
 *   "searches": [...], "coders": [...], "settings": {...}, "hits": [...],
 *   "reviews": [...], "conflicts": [...], "deletions": [...] }
 * ```
 *
 * - `documents` are PolicyDocument records (metadata and pages, no text); `texts` hold each
 *   document's normalised text and blocks, exactly one per document.
 * - Offsets (pages, blocks, fragment anchors) are UTF-16 code-unit offsets into that text,
 *   i.e. JavaScript string indices; `offsets: "utf-16"` says so for readers in other languages.
 * - The original files (PDF bytes) are not in the file; a project read back has no originals.
 * - Version 2 added reviews, merge conflicts, deletion records, `updatedBy` and `versions` on
 *   fragments and `aliases` on coders. An older file is upgraded on reading (UPGRADES below):
 *   each step turns version n into n + 1, so the checks below only know the newest shape.
 *   Later additions should be optional fields of version 2 (readers of older files then see
 *   nothing missing), not new versions.
 * - Reading checks the shape (zod) and then the references: ids unique per kind, every text,
 *   fragment and anchor points at an existing document and stays within its text, every code
 *   and flag of a fragment exists in a codebook, every value (`codeId:valueId`) exists under a code
 *   the fragment carries, every coder exists; every worklist decision (`hits`, optional) names an
 *   existing search and document and stays within its text; every review's reviewer and comment
 *   author exists. Then what the parts mean together (./project-consistency.ts): pages in order
 *   and contiguous, blocks covering the text, counts consistent, settings typed. Whether an
 *   anchor's quote still matches its text is not checked here: that is re-anchoring's job,
 *   which keeps orphans.
 * - Unknown properties are ignored (dropped), except inside codebooks, which follow the strict
 *   codebook format (exchange/codebook-file.ts). An unknown `format` or a newer `version` is
 *   rejected with a message saying so.
 */
import { z } from 'zod';
import type { Codebook } from '../model/codebook.ts';
import type { DocumentText, PolicyDocument } from '../model/document.ts';
import type { Coder, Fragment } from '../model/fragment.ts';
import type { HitDecision, SavedSearch } from '../model/search.ts';
import { reviewId, type Review } from '../model/review.ts';
import type { FragmentConflict, FragmentDeletion } from '../model/conflict.ts';
import { codebookSchema, toCodebook } from './codebook-file.ts';
import { checkProjectConsistency } from './project-consistency.ts';
import { formatError, formatErrorFromZod, formatPath, parseJsonText, schemaMessage, zodReason, type FormatError } from './format-error.ts';

/** The `format` value of a project file. */
export const PROJECT_FORMAT = 'worthmark-project';
/** The project file version this code writes (it reads this one and every older one). */
export const PROJECT_VERSION = 2;

/** Everything a project holds, as exchanged in a project file. */
export interface ProjectData {
  documents: PolicyDocument[];
  texts: DocumentText[];
  codebooks: Codebook[];
  fragments: Fragment[];
  searches: SavedSearch[];
  coders: Coder[];
  settings: Record<string, unknown>;
  /** Worklist decisions (dismissed hits) per saved search; absent in older files, read as none. */
  hits: HitDecision[];
  /** Reviews of fragments (version 2; a read file always has the list, maybe empty). */
  reviews?: Review[];
  /** Fragments changed on both sides of a merge, waiting to be resolved (version 2). */
  conflicts?: FragmentConflict[];
  /** Records of deleted fragments, so a merge does not bring them back (version 2). */
  deletions?: FragmentDeletion[];
}

/** Options for writing a project file. */
export interface ProjectFileOptions {
  /** Export time to record (ISO 8601); default now. */
  exportedAt?: string;
  /** Indentation for JSON.stringify; default 2. */
  indent?: number;
}

const nonEmpty = z.string().min(1, schemaMessage('schema.empty'));
const offset = z.number().int(schemaMessage('schema.notWholeNumber')).nonnegative(schemaMessage('schema.negative'));
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), zodReason('schema.notDateTime', {}));

/** Refinement for a [start, end) range: start ≤ end. */
const startBeforeEnd: [(r: { start: number; end: number }) => boolean, ReturnType<typeof zodReason> & { path: PropertyKey[] }] = [
  (r) => r.start <= r.end,
  { ...zodReason('schema.startAfterEnd', {}), path: ['end'] },
];

const pageSchema = z
  .object({ index: z.number().int().positive(schemaMessage('schema.notPageNumber')), label: z.string(), start: offset, end: offset })
  .refine(...startBeforeEnd);
const blockSchema = z
  .object({ kind: z.enum(['paragraph', 'heading', 'list-item']), start: offset, end: offset })
  .refine(...startBeforeEnd);

const documentSchema = z.object({
  id: nonEmpty,
  title: z.string(),
  fileName: z.string(),
  format: z.enum(['pdf', 'txt', 'docx']),
  contentHash: z.string(),
  pages: z.array(pageSchema),
  charCount: offset,
  meta: z.object({
    region: z.string().optional(),
    year: z.number().int().optional(),
    yearFromFile: z.boolean().optional(),
    type: z.string().optional(),
    lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
  }),
  report: z.object({
    joinedHyphens: offset,
    // A join by reference (its offset in the text), or as older files wrote it (the word itself).
    joined: z
      .array(z.union([z.object({ page: z.number().int().positive(), at: offset }), z.object({ page: z.number().int().positive(), word: z.string(), split: offset })]))
      .optional(),
    removedLines: z.array(z.string()),
    pageCount: offset,
    removed: z
      .array(z.object({ page: z.number().int().positive(), edge: z.enum(['top', 'bottom']), text: z.string() }))
      .optional(),
    keptRunningLines: offset.optional(),
    pageLabelsFromFile: z.boolean().optional(),
    unmapped: z.array(z.object({ page: z.number().int().positive(), count: offset })).optional(),
  }),
  sample: z.boolean().optional(),
  createdAt: timestamp,
  extraction: z.object({ keepRunningLines: z.boolean().optional() }).optional(),
  reextraction: z.object({ at: timestamp, anchored: offset, orphaned: z.array(nonEmpty) }).optional(),
  textMissing: z.object({ source: z.string(), origin: z.string().optional() }).optional(),
  textAttached: z.object({ at: timestamp, fileName: z.string(), checked: offset, mismatched: z.array(nonEmpty) }).optional(),
});

const textSchema = z.object({ documentId: nonEmpty, text: z.string(), blocks: z.array(blockSchema) });

/** A version vector: changes per coder id (model/versions.ts). */
const versionsSchema = z.record(nonEmpty, z.number().int(schemaMessage('schema.notWholeNumber')).nonnegative(schemaMessage('schema.negative')));

const fragmentSchema = z.object({
  id: nonEmpty,
  documentId: nonEmpty,
  anchor: z
    .object({ start: offset, end: offset, exact: z.string(), prefix: z.string(), suffix: z.string() })
    .refine(...startBeforeEnd),
  codes: z.array(nonEmpty),
  values: z.array(z.string().regex(/^[^:]+:.+$/, schemaMessage('schema.notValueReference'))).optional(),
  flags: z.array(nonEmpty),
  memo: z.string(),
  coderId: nonEmpty,
  createdAt: timestamp,
  updatedAt: timestamp,
  updatedBy: nonEmpty.optional(),
  versions: versionsSchema.optional(),
});

const searchSchema = z.object({
  id: nonEmpty,
  name: z.string(),
  terms: z.string(),
  sample: z.boolean().optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A coder (also read by the review file). */
export const coderSchema = z.object({ id: nonEmpty, name: z.string(), initials: z.string(), aliases: z.array(nonEmpty).optional(), kind: z.literal('consensus').optional() });

const commentSchema = z.object({ id: nonEmpty, authorId: nonEmpty, at: timestamp, text: z.string(), editedAt: timestamp.optional(), deletedAt: timestamp.optional() });

/** A review of a fragment (also read by the review file). */
export const reviewSchema = z.object({
  id: nonEmpty,
  fragmentId: nonEmpty,
  documentId: nonEmpty,
  reviewerId: nonEmpty,
  status: z.enum(['accepted', 'needs-change', 'rejected']).optional(),
  statusAt: timestamp.optional(),
  reviewedVersion: timestamp.optional(),
  quote: z.string(),
  comments: z.array(commentSchema),
  resolution: z.object({ resolved: z.boolean(), by: nonEmpty, at: timestamp }).optional(),
  updatedAt: timestamp,
});

const deletionSchema = z.object({
  id: nonEmpty,
  documentId: nonEmpty,
  versions: versionsSchema,
  deletedAt: timestamp,
  deletedBy: nonEmpty.optional(),
});

const conflictSchema = z.object({
  id: nonEmpty,
  fragmentId: nonEmpty,
  documentId: nonEmpty,
  theirs: fragmentSchema.nullable(),
  deletedHere: deletionSchema.optional(),
  deletedThere: deletionSchema.optional(),
  source: z.string(),
  foundAt: timestamp,
});

const hitSchema = z
  .object({
    id: nonEmpty,
    searchId: nonEmpty,
    documentId: nonEmpty,
    start: offset,
    end: offset,
    state: z.literal('dismissed'),
    reason: z.string().optional(),
    coderId: nonEmpty.optional(),
    decidedAt: timestamp,
  })
  .refine(...startBeforeEnd);

const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  exportedAt: timestamp,
  offsets: z.literal('utf-16', schemaMessage('schema.offsetsUnit')),
  documents: z.array(documentSchema),
  texts: z.array(textSchema),
  codebooks: z.array(codebookSchema),
  fragments: z.array(fragmentSchema),
  searches: z.array(searchSchema),
  coders: z.array(coderSchema),
  settings: z.record(z.string(), z.unknown()),
  hits: z.array(hitSchema).optional(),
  reviews: z.array(reviewSchema).optional(),
  conflicts: z.array(conflictSchema).optional(),
  deletions: z.array(deletionSchema).optional(),
});

/**
 * Upgrades of older files, by the version they read: each returns the file as the next version
 * would have written it. They work on the parsed JSON before any check (an older file is only
 * checked in its upgraded shape), and must not fail: what they cannot fill stays for the checks.
 */
const UPGRADES: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 1 had no reviews, conflicts or deletion records.
  1: (file) => ({ ...file, version: 2, reviews: file.reviews ?? [], conflicts: file.conflicts ?? [], deletions: file.deletions ?? [] }),
};

/** Brings a parsed file of any readable version (checked by checkHeader) up to PROJECT_VERSION. */
export function upgradeProjectFile(file: Record<string, unknown>): Record<string, unknown> {
  let current = file;
  for (let v = current.version as number; v < PROJECT_VERSION; v++) current = UPGRADES[v]!(current);
  return current;
}

/** Writes a project as a project file of the current version (JSON text). */
export function toProjectFile(data: ProjectData, options: ProjectFileOptions = {}): string {
  const file = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    offsets: 'utf-16',
    documents: data.documents,
    texts: data.texts,
    codebooks: data.codebooks,
    fragments: data.fragments,
    searches: data.searches,
    coders: data.coders,
    settings: data.settings,
    hits: data.hits,
    reviews: data.reviews ?? [],
    conflicts: data.conflicts ?? [],
    deletions: data.deletions ?? [],
  };
  return JSON.stringify(file, null, options.indent ?? 2) + '\n';
}

/** Checks format and version first, so a foreign or newer file gets a message about that, not about its fields. */
function checkHeader(data: unknown): FormatError | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return formatError('', 'project.notObject', {});
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== PROJECT_FORMAT) {
    return format === undefined
      ? formatError('format', 'project.formatMissing', { expected: PROJECT_FORMAT })
      : formatError('format', 'project.formatOther', { format: JSON.stringify(format), expected: PROJECT_FORMAT });
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const shown = JSON.stringify(version) as string | undefined;
    return shown === undefined ? formatError('version', 'project.versionMissing', {}) : formatError('version', 'project.versionInvalid', { version: shown });
  }
  if (version > PROJECT_VERSION) {
    return formatError('version', 'project.versionNewer', { version, supported: PROJECT_VERSION });
  }
  return undefined;
}

/** Reports the first id that occurs twice in a list. */
function firstDuplicate<T>(items: readonly T[], idOf: (item: T) => string, path: (i: number) => PropertyKey[]): FormatError | undefined {
  const seen = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const id = idOf(item);
    const first = seen.get(id);
    if (first !== undefined) return formatError(formatPath(path(i)), 'project.duplicateId', { id, first });
    seen.set(id, i);
  }
  return undefined;
}

/** Checks that a range lies within a document text of the given length. */
function beyondEnd(end: number, length: number, path: PropertyKey[]): FormatError | undefined {
  return end > length ? formatError(formatPath(path), 'project.beyondText', { end, length }) : undefined;
}

/** Checks a review's own consistency (its id) and that its people are among `coderIds`. */
export function checkReview(r: Review, coderIds: ReadonlySet<string>, at: PropertyKey[]): FormatError | undefined {
  if (r.id !== reviewId(r.fragmentId, r.reviewerId)) {
    return formatError(formatPath([...at, 'id']), 'review.badId', { id: r.id, expected: reviewId(r.fragmentId, r.reviewerId) });
  }
  if (!coderIds.has(r.reviewerId)) return formatError(formatPath([...at, 'reviewerId']), 'project.noCoder', { id: r.reviewerId });
  for (const [c, comment] of r.comments.entries()) {
    if (!coderIds.has(comment.authorId)) return formatError(formatPath([...at, 'comments', c, 'authorId']), 'project.noCoder', { id: comment.authorId });
  }
  if (r.resolution && !coderIds.has(r.resolution.by)) return formatError(formatPath([...at, 'resolution', 'by']), 'project.noCoder', { id: r.resolution.by });
  return undefined;
}

/** Cross-checks references between the parts of a shape-checked project. */
function checkReferences(p: ProjectData): FormatError | undefined {
  const duplicate =
    firstDuplicate(p.documents, (d) => d.id, (i) => ['documents', i, 'id']) ??
    firstDuplicate(p.texts, (t) => t.documentId, (i) => ['texts', i, 'documentId']) ??
    firstDuplicate(p.codebooks, (c) => c.id, (i) => ['codebooks', i, 'id']) ??
    firstDuplicate(p.fragments, (f) => f.id, (i) => ['fragments', i, 'id']) ??
    firstDuplicate(p.searches, (s) => s.id, (i) => ['searches', i, 'id']) ??
    firstDuplicate(p.coders, (c) => c.id, (i) => ['coders', i, 'id']) ??
    firstDuplicate(p.hits, (h) => h.id, (i) => ['hits', i, 'id']) ??
    firstDuplicate(p.reviews ?? [], (r) => r.id, (i) => ['reviews', i, 'id']) ??
    firstDuplicate(p.conflicts ?? [], (c) => c.id, (i) => ['conflicts', i, 'id']) ??
    firstDuplicate(p.deletions ?? [], (d) => d.id, (i) => ['deletions', i, 'id']);
  if (duplicate) return duplicate;

  const textLength = new Map<string, number>();
  for (const t of p.texts) textLength.set(t.documentId, t.text.length);
  const documentIds = new Set(p.documents.map((d) => d.id as string));

  for (const [i, t] of p.texts.entries()) {
    if (!documentIds.has(t.documentId)) {
      return formatError(formatPath(['texts', i, 'documentId']), 'project.noDocument', { id: t.documentId });
    }
    for (const [b, block] of t.blocks.entries()) {
      const e = beyondEnd(block.end, t.text.length, ['texts', i, 'blocks', b, 'end']);
      if (e) return e;
    }
  }
  for (const [i, d] of p.documents.entries()) {
    const length = textLength.get(d.id);
    if (length === undefined) return formatError(formatPath(['documents', i, 'id']), 'project.noText', { id: d.id });
    for (const [g, page] of d.pages.entries()) {
      const e = beyondEnd(page.end, length, ['documents', i, 'pages', g, 'end']);
      if (e) return e;
    }
    for (const [j, join] of (d.report.joined ?? []).entries()) {
      const e = 'at' in join ? beyondEnd(join.at, length, ['documents', i, 'report', 'joined', j, 'at']) : undefined;
      if (e) return e;
    }
  }

  const codeIds = new Set(p.codebooks.flatMap((b) => b.codes.map((c) => c.id as string)));
  const flagIds = new Set(p.codebooks.flatMap((b) => b.flags.map((f) => f.id)));
  const valueIds = new Set(p.codebooks.flatMap((b) => b.codes.flatMap((c) => c.values.map((v) => `${c.id}:${v.id}`))));
  const coderIds = new Set(p.coders.map((c) => c.id as string));
  /** Checks one fragment (of `fragments`, or the other version kept by a conflict) against the rest. */
  const checkFragment = (f: Fragment, at: PropertyKey[]): FormatError | undefined => {
    const length = textLength.get(f.documentId);
    if (length === undefined) return formatError(formatPath([...at, 'documentId']), 'project.noDocument', { id: f.documentId });
    const e = beyondEnd(f.anchor.end, length, [...at, 'anchor', 'end']);
    if (e) return e;
    for (const [c, code] of f.codes.entries()) {
      if (!codeIds.has(code)) return formatError(formatPath([...at, 'codes', c]), 'project.noCode', { code });
    }
    for (const [v, ref] of (f.values ?? []).entries()) {
      const [code = '', value = ''] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
      if (!f.codes.includes(code as Fragment['codes'][number])) {
        return formatError(formatPath([...at, 'values', v]), 'project.valueOfOtherCode', { value: ref, code });
      }
      if (!valueIds.has(`${code}:${value}`)) return formatError(formatPath([...at, 'values', v]), 'project.noValue', { value, code });
    }
    for (const [g, flag] of f.flags.entries()) {
      if (!flagIds.has(flag)) return formatError(formatPath([...at, 'flags', g]), 'project.noFlag', { flag });
    }
    if (!coderIds.has(f.coderId)) return formatError(formatPath([...at, 'coderId']), 'project.noCoder', { id: f.coderId });
    if (f.updatedBy !== undefined && !coderIds.has(f.updatedBy)) return formatError(formatPath([...at, 'updatedBy']), 'project.noCoder', { id: f.updatedBy });
    return undefined;
  };
  for (const [i, f] of p.fragments.entries()) {
    const e = checkFragment(f, ['fragments', i]);
    if (e) return e;
  }
  for (const [i, c] of (p.conflicts ?? []).entries()) {
    if (!documentIds.has(c.documentId)) return formatError(formatPath(['conflicts', i, 'documentId']), 'project.noDocument', { id: c.documentId });
    const e = c.theirs ? checkFragment(c.theirs, ['conflicts', i, 'theirs']) : undefined;
    if (e) return e;
  }
  for (const [i, r] of (p.reviews ?? []).entries()) {
    const e = checkReview(r, coderIds, ['reviews', i]);
    if (e) return e;
  }
  const searchIds = new Set(p.searches.map((x) => x.id as string));
  for (const [i, h] of p.hits.entries()) {
    if (!searchIds.has(h.searchId)) return formatError(formatPath(['hits', i, 'searchId']), 'project.noSearch', { id: h.searchId });
    const length = textLength.get(h.documentId);
    if (length === undefined) return formatError(formatPath(['hits', i, 'documentId']), 'project.noDocument', { id: h.documentId });
    const e = beyondEnd(h.end, length, ['hits', i, 'end']);
    if (e) return e;
    if (h.coderId !== undefined && !coderIds.has(h.coderId)) return formatError(formatPath(['hits', i, 'coderId']), 'project.noCoder', { id: h.coderId });
  }
  return undefined;
}

/**
 * Reads a project file. Never throws; on failure returns the first problem with its path,
 * e.g. `{path: "fragments[3].anchor.end", reason: "beyond the end of the document text (1200 > 1180)"}`.
 */
export function parseProjectFile(text: string): { parsed: ProjectData } | { error: FormatError } {
  const read = parseJsonText(text);
  if ('error' in read) return read;
  const header = checkHeader(read.parsed);
  if (header) return { error: header };
  const result = projectSchema.safeParse(upgradeProjectFile(read.parsed as Record<string, unknown>));
  if (!result.success) return { error: formatErrorFromZod(result.error) };
  const d = result.data;
  // Shapes are checked above; the casts only add the id brands zod cannot express.
  const project: ProjectData = {
    documents: d.documents as PolicyDocument[],
    texts: d.texts as DocumentText[],
    codebooks: d.codebooks.map(toCodebook),
    fragments: d.fragments as Fragment[],
    searches: d.searches as SavedSearch[],
    coders: d.coders as Coder[],
    settings: d.settings,
    hits: d.hits ?? [],
    reviews: (d.reviews ?? []) as Review[],
    conflicts: (d.conflicts ?? []) as FragmentConflict[],
    deletions: (d.deletions ?? []) as FragmentDeletion[],
  };
  // Then what the parts mean together: page order, block cover, counts, typed settings.
  const problem = checkReferences(project) ?? checkProjectConsistency(project);
  return problem ? { error: problem } : { parsed: project };
}
