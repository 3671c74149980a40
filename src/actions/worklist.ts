/**
 * Worklist actions: decide a search hit without leaving the search screen — code it (the
 * fragment is the sentence around the hit, see text/sentence.ts), dismiss it with an optional
 * reason, undo a dismissal, widen a hit's fragment to its paragraph. Hit states themselves are
 * derived (text/worklist.ts), never stored: only dismissals and fragments are.
 */
import type { CodeId, CoderId, DocumentId, Fragment, FragmentId, SearchId } from '../model/index.ts';
import { anchorFromRange } from '../model/index.ts';
import type { HitDecision, WorthmarkDb } from '../storage/db.ts';
import { deleteHitDecisions, getFragment, hitDecisionId, putHitDecision } from '../storage/repository.ts';
import { paragraphAround, sentenceAround, type TextRange } from '../text/sentence.ts';
import { changeFragment, createFragment, toggleRegime, type CodingContext } from './coding.ts';
import { codingHistory } from './history.ts';

/** Coding from the worklist goes through the same undo history as coding in the reader. */
function context(db: WorthmarkDb, coderId: CoderId): CodingContext {
  return { db, history: codingHistory(), coderId };
}

/** A hit to decide: where it is. */
export interface HitPlace {
  documentId: DocumentId;
  start: number;
  end: number;
}

/** The default fragment of a hit: the sentence(s) around it, never less than the hit itself. */
export function hitFragmentRange(text: string, start: number, end: number): TextRange {
  const s = sentenceAround(text, start, end);
  return { start: Math.min(s.start, start), end: Math.max(s.end, end) };
}

/**
 * Codes a hit with one code (or as a mere statement with `code` null). When `fragmentId` names the
 * fragment that already covers the hit, the code is toggled on it; otherwise a fragment over the
 * sentence around the hit is created with the code. Returns the fragment.
 */
export async function codeHit(
  db: WorthmarkDb,
  hit: HitPlace,
  text: string,
  coderId: CoderId,
  code: CodeId | null,
  fragmentId?: FragmentId,
): Promise<Fragment | undefined> {
  const ctx = context(db, coderId);
  if (fragmentId) {
    const existing = await getFragment(db, fragmentId);
    if (existing) return code ? toggleRegime(ctx, fragmentId, code) : existing;
  }
  const range = hitFragmentRange(text, hit.start, hit.end);
  return createFragment(ctx, hit.documentId, text, range.start, range.end, { codes: code ? [code] : [] });
}

/** Dismisses a hit for a saved search ("not relevant"), with an optional reason, recording who dismissed it. */
export async function dismissHit(db: WorthmarkDb, searchId: SearchId, hit: HitPlace, reason = '', coderId?: CoderId): Promise<HitDecision> {
  const decision: HitDecision = {
    id: hitDecisionId(searchId, hit.documentId, hit.start, hit.end, coderId),
    searchId,
    documentId: hit.documentId,
    start: hit.start,
    end: hit.end,
    state: 'dismissed',
    ...(reason.trim() ? { reason: reason.trim() } : {}),
    ...(coderId ? { coderId } : {}),
    decidedAt: new Date().toISOString(),
  };
  await putHitDecision(db, decision);
  return decision;
}

/** Undoes a dismissal: the hit is open again. */
export async function restoreHit(db: WorthmarkDb, dismissalId: string): Promise<void> {
  await deleteHitDecisions(db, [dismissalId]);
}

/**
 * Widens a fragment to the whole paragraph around it (blocks are separated by blank lines in the
 * normalised text). The quote selector is rebuilt; codes, flags and memo stay.
 */
export async function expandFragmentToParagraph(
  db: WorthmarkDb,
  fragmentId: FragmentId,
  text: string,
  coderId: CoderId,
): Promise<Fragment | undefined> {
  const changed = await changeFragment(context(db, coderId), fragmentId, 'boundary', (f) => {
    const para = paragraphAround(text, f.anchor.start);
    const start = Math.min(para.start, f.anchor.start);
    const end = Math.max(para.end, f.anchor.end);
    return start === f.anchor.start && end === f.anchor.end ? null : { anchor: anchorFromRange(text, start, end) };
  });
  return changed ?? getFragment(db, fragmentId);
}
