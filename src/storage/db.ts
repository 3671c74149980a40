/**
 * The Dexie database. Every schema version is declared in order and in full; an
 * `.upgrade()` is added only where stored data must change. Components never use
 * this module directly: they go through the repository functions and hooks.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Codebook,
  Coder,
  DocumentText,
  Fragment,
  PolicyDocument,
  HitDecision,
  SavedSearch,
} from '../model/index.ts';

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

/** A supervisor's review note on a fragment. */
export interface ReviewRow {
  id: string;
  fragmentId: string;
  coderId: string;
  verdict: 'agree' | 'disagree' | 'comment';
  note: string;
  createdAt: string;
}

/** The database name; one database per browser profile and origin is one project. */
export const DB_NAME = 'worthmark';

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
  reviews!: EntityTable<ReviewRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1: the first schema.
    this.version(1).stores({
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
    });
  }
}
