/** Live-query hooks: the only way React components read stored data. */
import { startTransition, useEffect, useState } from 'react';
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type {
  Codebook,
  Coder,
  CoderId,
  DocumentId,
  DocumentText,
  Fragment,
  FragmentConflict,
  FragmentId,
  PolicyDocument,
  Review,
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

/** Whether a document's original file is stored; undefined while loading. */
export function useHasOriginal(id: DocumentId): boolean | undefined {
  return useLiveQuery(() => repo.hasOriginal(appDb(), id), [id]);
}

/** One document's metadata; null when it does not exist. */
export function useDocument(id: DocumentId | undefined): PolicyDocument | null | undefined {
  return useLiveQuery(async () => (id ? ((await repo.getDocument(appDb(), id)) ?? null) : null), [id]);
}

/** One document's text; null when it does not exist. */
export function useText(id: DocumentId | undefined): DocumentText | null | undefined {
  return useLiveQuery(async () => (id ? ((await repo.getText(appDb(), id)) ?? null) : null), [id]);
}

/** Every document's text (for views over the whole project, such as agreement). */
export function useTexts(): DocumentText[] | undefined {
  return useLiveQuery(() => repo.listTexts(appDb()), []);
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

/** All reviews, live. */
export function useReviews(): Review[] | undefined {
  return useLiveQuery(() => repo.listReviews(appDb()), []);
}

/** The reviews of one document's fragments, live. */
export function useDocumentReviews(documentId: DocumentId | undefined): Review[] | undefined {
  return useLiveQuery(async () => (documentId ? repo.listDocumentReviews(appDb(), documentId) : []), [documentId]);
}

/** The merge conflicts waiting to be resolved, live. */
export function useConflicts(): FragmentConflict[] | undefined {
  return useLiveQuery(() => repo.listConflicts(appDb()), []);
}

/** The hit decisions (dismissals) of a saved search; empty for none or no search. */
export function useHitDecisions(searchId: SearchId | null | undefined): HitDecision[] | undefined {
  return useLiveQuery(async () => (searchId ? repo.listHitDecisions(appDb(), searchId) : []), [searchId]);
}

/** The documents a saved search has seen; null when never recorded. */
export function useSearchBaseline(searchId: SearchId | null | undefined): string[] | null | undefined {
  return useLiveQuery(async () => (searchId ? repo.getSearchBaseline(appDb(), searchId) : null), [searchId]);
}

/** Above this many changed fragments a write is answered by reading the document's list anew. */
const PATCH_KEYS = 200;

/**
 * The fragment ids a write touched, from Dexie's mutation report: null when it touched no
 * fragment, 'all' when it cannot say which (a range or a large batch).
 */
export function changedFragmentIds(parts: ObservabilitySet, dbName: string): string[] | 'all' | null {
  const tree = parts[`idb://${dbName}/fragments/`];
  if (!tree || tree.d === 0) return null;
  const ids: string[] = [];
  for (const node of RangeSet(tree)) {
    if (typeof node.from !== 'string' || node.from !== node.to || ids.length >= PATCH_KEYS) return 'all';
    ids.push(node.from);
  }
  return ids;
}

/** Reading order of the fragment list (that of the [documentId+anchor.start] index: start, then id). */
function byStart(a: Fragment, b: Fragment): number {
  return a.anchor.start - b.anchor.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Fragments of one document in reading order, kept up to date like useFragments, but a write
 * reads back only the fragments it touched: in a document with thousands of fragments a
 * coding action then costs the same as in one with none, and unchanged fragments keep their
 * object identity (so work cached per object stays valid).
 */
export function useDocumentFragments(documentId: DocumentId): Fragment[] | undefined {
  const [shown, setShown] = useState<{ documentId: DocumentId; fragments: Fragment[] } | undefined>(undefined);
  useEffect(() => {
    const db = appDb();
    let live = true;
    let current: Fragment[] | undefined;
    // Reads and patches run one after another, in the order the writes were reported.
    let chain: Promise<void> = Promise.resolve();
    const publish = (fragments: Fragment[]) => {
      current = fragments;
      // A transition: the reader has drawn the change already, the lists may follow.
      if (live) startTransition(() => setShown({ documentId, fragments }));
    };
    const readAll = async () => publish(await repo.listFragments(db, documentId));
    const onMutated = (parts: ObservabilitySet) => {
      const ids = changedFragmentIds(parts, db.name);
      if (ids === null) return;
      chain = chain
        .then(async () => {
          if (!live) return;
          if (ids === 'all' || !current) return readAll();
          const found = await db.fragments.bulkGet(ids as FragmentId[]);
          const touched = new Set(ids);
          const next = current.filter((f) => !touched.has(f.id));
          for (const f of found) if (f && f.documentId === documentId) next.push(f);
          publish(next.sort(byStart));
        })
        .catch((e: unknown) => {
          console.error(e);
          return readAll().catch(() => undefined);
        });
    };
    Dexie.on('storagemutated', onMutated);
    chain = chain.then(readAll).catch((e: unknown) => console.error(e));
    return () => {
      live = false;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [documentId]);
  return shown?.documentId === documentId ? shown.fragments : undefined;
}
