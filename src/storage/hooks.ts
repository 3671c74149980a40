/** Live-query hooks: the only way React components read stored data. */
import { useLiveQuery } from 'dexie-react-hooks';
import type {
  Codebook,
  Coder,
  CoderId,
  DocumentId,
  DocumentText,
  Fragment,
  PolicyDocument,
  SavedSearch,
  SearchId,
} from '../model/index.ts';
import type { HitDecision } from './db.ts';
import { appDb } from './app-db.ts';
import * as repo from './repository.ts';
import { SETTINGS } from './settings-keys.ts';

/** All documents, updated live; undefined while loading. */
export function useDocuments(): PolicyDocument[] | undefined {
  return useLiveQuery(() => repo.listDocuments(appDb()), []);
}

/** One document's metadata; null when it does not exist. */
export function useDocument(id: DocumentId | undefined): PolicyDocument | null | undefined {
  return useLiveQuery(async () => (id ? ((await repo.getDocument(appDb(), id)) ?? null) : null), [id]);
}

/** One document's text; null when it does not exist. */
export function useText(id: DocumentId | undefined): DocumentText | null | undefined {
  return useLiveQuery(async () => (id ? ((await repo.getText(appDb(), id)) ?? null) : null), [id]);
}

/** Fragments of one document in reading order, or of all documents. */
export function useFragments(documentId?: DocumentId): Fragment[] | undefined {
  return useLiveQuery(() => repo.listFragments(appDb(), documentId), [documentId]);
}

/** All codebooks. */
export function useCodebooks(): Codebook[] | undefined {
  return useLiveQuery(() => repo.listCodebooks(appDb()), []);
}

/** All coders. */
export function useCoders(): Coder[] | undefined {
  return useLiveQuery(() => repo.listCoders(appDb()), []);
}

/** Saved searches by name. */
export function useSearches(): SavedSearch[] | undefined {
  return useLiveQuery(() => repo.listSearches(appDb()), []);
}

/** One setting, live; undefined while loading, the fallback when unset. */
export function useSetting<T>(key: string, fallback: T): T | undefined {
  return useLiveQuery(() => repo.getSetting(appDb(), key, fallback), [key]);
}

/** The codebook the project codes with (the one named in settings, else the first). */
export function useActiveCodebook(): Codebook | null | undefined {
  return useLiveQuery(async () => {
    const db = appDb();
    const id = await repo.getSetting<string | null>(db, SETTINGS.codebookId, null);
    const books = await repo.listCodebooks(db);
    return books.find((b) => b.id === id) ?? books[0] ?? null;
  }, []);
}

/** The coder who codes in this browser. */
export function useActiveCoder(): Coder | null | undefined {
  return useLiveQuery(async () => {
    const db = appDb();
    const id = await repo.getSetting<CoderId | null>(db, SETTINGS.coderId, null);
    return (id && (await repo.getCoder(db, id))) || null;
  }, []);
}

/** The hit decisions (dismissals) of a saved search; empty for none or no search. */
export function useHitDecisions(searchId: SearchId | null | undefined): HitDecision[] | undefined {
  return useLiveQuery(async () => (searchId ? repo.listHitDecisions(appDb(), searchId) : []), [searchId]);
}

/** The documents a saved search has seen; null when never recorded. */
export function useSearchBaseline(searchId: SearchId | null | undefined): string[] | null | undefined {
  return useLiveQuery(async () => (searchId ? repo.getSearchBaseline(appDb(), searchId) : null), [searchId]);
}
