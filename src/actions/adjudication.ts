/**
 * Adjudication: writes a decision about a disagreement (or all agreements at once) into the
 * consensus coder. The plan is analysis/adjudication.ts; this module makes the consensus coder
 * when it is first needed, writes the fragments as one undoable step (the reader's undo takes it
 * back like any coding step), and records or lifts the consensus's dismissals of hits.
 */
import { bumpVersion, consensusCoder, CONSENSUS_CODER_ID, hitDecisionId, type CoderId, type DocumentId, type Fragment, type HitDecision, type SearchId } from '../model/index.ts';
import type { AdjudicationPlan } from '../analysis/adjudication.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { deleteHitDecisions, getFragments, listHitDecisions, putHitDecision } from '../storage/repository.ts';
import { newFragment } from './coding.ts';
import { codingHistory, type CodingHistory } from './history.ts';

/** Where the consensus writes. */
export interface AdjudicationTarget {
  db: WorthmarkDb;
  /** The person deciding (recorded as the fragments' `updatedBy` and in their versions). */
  adjudicatorId?: CoderId;
  /** The search set whose hits are the units (for dismissals). */
  searchId?: SearchId;
  /** Document texts by id, for the new fragments' quotes. */
  texts: ReadonlyMap<string, string>;
  history?: CodingHistory;
  now?: string;
}

/** What a write did. */
export interface AdjudicationResult {
  added: number;
  removed: number;
  dismissed: number;
}

/** Makes the consensus coder when the project has none yet. */
export async function ensureConsensusCoder(db: WorthmarkDb): Promise<void> {
  await db.transaction('rw', db.coders, async () => {
    if (!(await db.coders.get(CONSENSUS_CODER_ID))) await db.coders.put(consensusCoder());
  });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Writes an adjudication plan into the consensus. */
export async function applyAdjudication(target: AdjudicationTarget, plan: AdjudicationPlan): Promise<AdjudicationResult> {
  const { db } = target;
  const now = target.now ?? new Date().toISOString();
  await ensureConsensusCoder(db);
  const removed = await getFragments(db, plan.remove as Fragment['id'][]);
  const added: Fragment[] = [];
  for (const p of plan.add) {
    const text = target.texts.get(p.documentId);
    if (text === undefined || !(p.start >= 0 && p.end > p.start && p.end <= text.length)) continue;
    const f = newFragment(p.documentId as DocumentId, text, p.start, p.end, CONSENSUS_CODER_ID, { codes: p.codes as Fragment['codes'], values: p.values, flags: p.flags }, now);
    if (target.adjudicatorId) {
      f.updatedBy = target.adjudicatorId;
      f.versions = bumpVersion(undefined, target.adjudicatorId);
    }
    added.push(f);
  }
  if (removed.length + added.length > 0) {
    await (target.history ?? codingHistory()).commit(db, {
      kind: 'adjudicate',
      fragments: [...removed.map((f) => ({ id: f.id, before: f, after: null })), ...added.map((f) => ({ id: f.id, before: null, after: f }))],
      ...(target.adjudicatorId ? { by: target.adjudicatorId } : {}),
      at: Date.now(),
    });
  }
  let dismissed = 0;
  if (target.searchId && (plan.dismiss.length > 0 || plan.undismiss.length > 0)) {
    const searchId = target.searchId;
    const mine = (await listHitDecisions(db, searchId)).filter((d) => d.coderId === CONSENSUS_CODER_ID);
    const lift = mine.filter((d) => plan.undismiss.some((u) => u.documentId === d.documentId && overlaps(u, d)));
    if (lift.length > 0) await deleteHitDecisions(db, lift.map((d) => d.id));
    for (const d of plan.dismiss) {
      const decision: HitDecision = {
        id: hitDecisionId(searchId, d.documentId, d.start, d.end, CONSENSUS_CODER_ID),
        searchId,
        documentId: d.documentId,
        start: d.start,
        end: d.end,
        state: 'dismissed',
        coderId: CONSENSUS_CODER_ID,
        decidedAt: now,
      };
      await putHitDecision(db, decision);
      dismissed++;
    }
  }
  return { added: added.length, removed: removed.length, dismissed };
}
