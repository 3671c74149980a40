/**
 * The Dexie database. Every schema version is declared in order and in full; an
 * `.upgrade()` is added only where stored data must change. Components never use
 * this module directly: they go through the repository functions and hooks.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  Codebook,
  Coder,
  CoderId,
  DocumentId,
  DocumentText,
  Fragment,
  FragmentConflict,
  FragmentDeletion,
  FragmentId,
  PolicyDocument,
  HitDecision,
  Review,
  SavedSearch,
} from '../model/index.ts';
import { mergeReview, reviewId } from '../model/index.ts';

/** The original file of a document, kept so it can be checked and re-extracted. */
export interface OriginalFile {
  documentId: string;
  fileName: string;
  type: string;
  blob: Blob;
}

/** One stored setting (language, active coder, sample state, …). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A decision about one search hit (used by the worklist); the type lives in the model. */
export type { HitDecision } from '../model/index.ts';

/** A review of a fragment (status and comment thread); the type lives in the model. */
export type { Review } from '../model/index.ts';

/**
 * A review row as version 1 of the schema declared it (nothing ever wrote one); version 2's
 * upgrade turns any into a Review.
 */
interface ReviewRowV1 {
  id: string;
  fragmentId: string;
  coderId: string;
  verdict: 'agree' | 'disagree' | 'comment';
  note: string;
  createdAt: string;
}

/** Schema version 1: the first schema (exported for tests that write a database as it was). */
export const SCHEMA_V1 = {
  documents: 'id, contentHash, createdAt',
  texts: 'documentId',
  originals: 'documentId',
  codebooks: 'id',
  fragments: 'id, documentId, [documentId+anchor.start], coderId, createdAt',
  searches: 'id, name',
  hits: 'id, searchId, documentId',
  coders: 'id',
  reviews: 'id, fragmentId',
  settings: 'key',
} as const;

/** Schema version 2, in full: version 1 with reviews indexed by document and reviewer, conflicts and deletion records. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  reviews: 'id, fragmentId, documentId, reviewerId',
  conflicts: 'id, fragmentId, documentId',
  deletions: 'id, documentId',
} as const;

/** The database name of the first project; one database per project (see app-db.ts). */
export const DB_NAME = 'worthmark';

/** What the write guard keeps (table `meta`, key `guard`): which project this database holds, and how often it was written. */
export interface GuardRow {
  key: 'guard';
  /** Made when the database is created; a database that vanished and came back empty has another. */
  projectId: string;
  /** Committed write transactions so far; never goes down. */
  writes: number;
}

/** One schema version: its full table declaration, and the upgrade of data written by the version before. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/** Schema version 3, in full: version 2 with the write guard's table (project id and write counter). */
export const SCHEMA_V3 = { ...SCHEMA_V2, meta: 'key' } as const;

/** A new project id (random, not derived from content). */
export function newProjectId(): string {
  return globalThis.crypto.randomUUID();
}

/** Version 2's upgrade: reviews with a status and a comment thread (by document and reviewer too). */
async function upgradeReviews(tx: Transaction): Promise<void> {
  const old = (await tx.table('reviews').toArray()) as ReviewRowV1[];
  if (old.length === 0) return;
  const fragments = tx.table<Fragment, string>('fragments');
  const reviews = new Map<string, Review>();
  for (const row of old) {
    const fragment = await fragments.get(row.fragmentId);
    const next: Review = {
      id: reviewId(row.fragmentId, row.coderId),
      fragmentId: row.fragmentId as FragmentId,
      documentId: (fragment?.documentId ?? '') as DocumentId,
      reviewerId: row.coderId as CoderId,
      quote: fragment?.anchor.exact ?? '',
      comments: row.note.trim() ? [{ id: row.id, authorId: row.coderId as CoderId, at: row.createdAt, text: row.note }] : [],
      updatedAt: row.createdAt,
    };
    if (row.verdict !== 'comment') {
      next.status = row.verdict === 'agree' ? 'accepted' : 'rejected';
      next.statusAt = row.createdAt;
    }
    const seen = reviews.get(next.id);
    reviews.set(next.id, seen ? mergeReview(seen, next) : next);
  }
  await tx.table('reviews').clear();
  await tx.table('reviews').bulkAdd([...reviews.values()]);
}

/**
 * Every schema version, in order. A version that ships is never changed afterwards; a change is a
 * new version with its full schema, an `.upgrade()` where stored data must change, and a fixture
 * database (tests/fixtures/db/v<N>.json, written by tests/fixtures/db/make-db-fixtures.ts) that
 * tests/unit/storage/schema-upgrade.test.ts opens with the current code.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  // Version 1: the first schema.
  { version: 1, stores: SCHEMA_V1 },
  // Version 2: reviews with a status and a comment thread (by document and reviewer too),
  // merge conflicts and deletion records.
  { version: 2, stores: SCHEMA_V2, upgrade: upgradeReviews },
  // Version 3: the write guard's table (project id and write counter).
  {
    version: 3,
    stores: SCHEMA_V3,
    upgrade: async (tx) => {
      await tx.table('meta').put({ key: 'guard', projectId: newProjectId(), writes: 0 } satisfies GuardRow);
    },
  },
];

/** The schema version this code writes; a database of a higher version is refused (app-db.ts). */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Worthmark's IndexedDB database. */
export class WorthmarkDb extends Dexie {
  documents!: EntityTable<PolicyDocument, 'id'>;
  texts!: EntityTable<DocumentText, 'documentId'>;
  originals!: EntityTable<OriginalFile, 'documentId'>;
  codebooks!: EntityTable<Codebook, 'id'>;
  fragments!: EntityTable<Fragment, 'id'>;
  searches!: EntityTable<SavedSearch, 'id'>;
  hits!: EntityTable<HitDecision, 'id'>;
  coders!: EntityTable<Coder, 'id'>;
  reviews!: EntityTable<Review, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /** Fragments changed on both sides of a merge, waiting to be resolved (version 2). */
  conflicts!: EntityTable<FragmentConflict, 'id'>;
  /** Records of deleted fragments, so a merge does not bring them back (version 2). */
  deletions!: EntityTable<FragmentDeletion, 'id'>;

  /** The write guard's project id and write counter (version 3). */
  meta!: EntityTable<GuardRow, 'key'>;

  /** `upTo` declares only the versions up to that one (the fixture script writes older databases so). */
  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1], upTo = SCHEMA_VERSION) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    // A new database gets its project id at once (upgrades do not run on a new database).
    if (upTo >= 3) this.on('populate', (tx) => void tx.table('meta').put({ key: 'guard', projectId: newProjectId(), writes: 0 } satisfies GuardRow));
  }
}

/** The tables a project consists of (all but the write guard's). */
export function projectTables(db: WorthmarkDb): Table[] {
  return db.tables.filter((t) => t.name !== 'meta');
}
