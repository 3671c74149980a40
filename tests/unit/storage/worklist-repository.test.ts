import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import type { SavedSearch, SearchId } from '../../../src/model/index.ts';
import { freshDbs } from '../support/db.ts';

const freshDb = freshDbs('worklist-repo');

const search = (id: string): SavedSearch => ({ id: id as SearchId, name: id, terms: 'wereld', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
const dismissal = (searchId: string, start: number) => ({
  id: repo.hitDecisionId(searchId, 'd1', start, start + 6),
  searchId,
  documentId: 'd1',
  start,
  end: start + 6,
  state: 'dismissed' as const,
  decidedAt: '2026-01-02T00:00:00.000Z',
});

describe('worklist storage', () => {
  it('keeps hit decisions per saved search across a reopen of the database', async () => {
    const name = 'worklist-reopen';
    const db = freshDb(name);
    await repo.putHitDecision(db, dismissal('s1', 10));
    await repo.putHitDecision(db, dismissal('s2', 10));
    db.close();
    const again = freshDb(name);
    expect((await repo.listHitDecisions(again, 's1' as SearchId)).map((d) => d.id)).toEqual(['s1:d1:10:16']);
  });

  it('records the documents a saved search has seen, and null before that', async () => {
    const db = freshDb();
    expect(await repo.getSearchBaseline(db, 's1' as SearchId)).toBeNull();
    await repo.setSearchBaseline(db, 's1' as SearchId, ['d1', 'd2']);
    expect(await repo.getSearchBaseline(db, 's1' as SearchId)).toEqual(['d1', 'd2']);
  });

  it('deletes a saved search with its decisions and seen documents in one go, leaving other searches alone', async () => {
    const db = freshDb();
    await repo.putSearch(db, search('s1'));
    await repo.putSearch(db, search('s2'));
    await repo.putHitDecision(db, dismissal('s1', 10));
    await repo.putHitDecision(db, dismissal('s2', 20));
    await repo.setSearchBaseline(db, 's1' as SearchId, ['d1']);
    await repo.deleteSearchWithDecisions(db, 's1' as SearchId);
    expect((await repo.listSearches(db)).map((s) => s.id)).toEqual(['s2']);
    expect(await repo.listHitDecisions(db, 's1' as SearchId)).toEqual([]);
    expect(await repo.listHitDecisions(db, 's2' as SearchId)).toHaveLength(1);
    expect(await repo.getSearchBaseline(db, 's1' as SearchId)).toBeNull();
  });
});
