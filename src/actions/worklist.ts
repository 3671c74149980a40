/**
 * Worklist actions: decide a search hit without leaving the search screen — code it (the
 * fragment is the sentence around the hit, see text/sentence.ts), flag it, dismiss it with an
 * optional reason, reopen a dismissed hit, widen a hit's fragment to its paragraph. Hit states
 * themselves are derived (text/worklist.ts), never stored: only dismissals and fragments are.
 *
 * A key on a hit whose passage is already coded acts on that fragment (text/coded-passage.ts):
 * a hit inside a fragment toggles the regime on it; a hit whose sentence overlaps a fragment
 * widens that fragment over the sentence instead of laying a second one over the same text.
 * Every decision, dismissals included, is a step of the one undo history (actions/history.ts).
 */
import type { CodeId, CoderId, DocumentId, Fragment, FragmentId, SearchId } from '../model/index.ts';
import type { HitDecision, WorthmarkDb } from '../storage/db.ts';
import { getFragment, getHitDecision, hitDecisionId, listFragments } from '../storage/repository.ts';
import { paragraphAround, sentenceAround, type TextRange } from '../text/sentence.ts';
import { passageTarget } from '../text/coded-passage.ts';
import { applyWidening, createFragment, placedFragment, toggleFlagStep, toggleRegime, widenFragment, type CodingContext } from './coding.ts';
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

/** A decision key on a hit: a regime, mere statement, or the flag (glocalisation). */
export type HitKey = { kind: 'code'; code: CodeId } | { kind: 'mere' } | { kind: 'flag'; flag: string };

/** What coding a hit did: the fragment it acted on, and the fragments merged into it. */
export interface HitCoding {
  fragment: Fragment;
  /** Fragments taken into `fragment` (a widened fragment merged with others of its coder). */
  removed: FragmentId[];
  /** created: a new fragment; changed: an existing one as it was; widened: one grown over the sentence. */
  how: 'created' | 'changed' | 'widened';
}

/**
 * Codes a hit (see the module header): on the fragment that already covers the hit or its
 * sentence, or on a new fragment over the sentence around the hit. A regime key toggles the
 * regime on a fragment that covers the hit and adds it otherwise; the flag key likewise; the
 * mere-statement key makes a fragment without regimes where there is none.
 */
export async function codeHit(db: WorthmarkDb, hit: HitPlace, text: string, coderId: CoderId, key: HitKey): Promise<HitCoding | undefined> {
  const ctx = context(db, coderId);
  const fragments = (await listFragments(db, hit.documentId)).map(placedFragment);
  const range = hitFragmentRange(text, hit.start, hit.end);
  const target = passageTarget({ text, range, origin: 'derived', hit, fragments, coderId });
  if (target.kind === 'fragment') {
    const id = target.id as FragmentId;
    const changed =
      key.kind === 'code' ? await toggleRegime(ctx, id, key.code) : key.kind === 'flag' ? await toggleFlagStep(ctx, id, key.flag) : undefined;
    const f = changed ?? (await getFragment(db, id));
    return f ? { fragment: f, removed: [], how: 'changed' } : undefined;
  }
  if (target.kind === 'widen') {
    const r = await applyWidening(ctx, { id: target.id as FragmentId, range: target.range, merge: target.merge as FragmentId[] }, text, (f) =>
      key.kind === 'code' && !f.codes.includes(key.code)
        ? { codes: [...f.codes, key.code] }
        : key.kind === 'flag' && !f.flags.includes(key.flag)
          ? { flags: [...f.flags, key.flag] }
          : null,
    );
    return r.ok ? { fragment: r.fragments[0]!, removed: r.removed ?? [], how: 'widened' } : undefined;
  }
  const fragment = await createFragment(ctx, hit.documentId, text, target.range.start, target.range.end, {
    codes: key.kind === 'code' ? [key.code] : [],
    flags: key.kind === 'flag' ? [key.flag] : [],
  });
  return { fragment, removed: [], how: 'created' };
}

/** Dismisses a hit for a saved search ("not relevant"), with an optional reason, recording who dismissed it; one undoable step. */
export async function dismissHit(db: WorthmarkDb, searchId: SearchId, hit: HitPlace, reason = '', coderId?: CoderId): Promise<HitDecision> {
  const id = hitDecisionId(searchId, hit.documentId, hit.start, hit.end, coderId);
  const decision: HitDecision = {
    id,
    searchId,
    documentId: hit.documentId,
    start: hit.start,
    end: hit.end,
    state: 'dismissed',
    ...(reason.trim() ? { reason: reason.trim() } : {}),
    ...(coderId ? { coderId } : {}),
    decidedAt: new Date().toISOString(),
  };
  const before = (await getHitDecision(db, id)) ?? null;
  if (before && before.reason === decision.reason) return before;
  await codingHistory().commit(db, { kind: 'dismiss', fragments: [], decisions: [{ id, before, after: decision }], at: Date.now() });
  return decision;
}

/** Undoes a dismissal: the hit is open again. One undoable step. */
export async function restoreHit(db: WorthmarkDb, dismissalId: string): Promise<void> {
  const before = await getHitDecision(db, dismissalId);
  if (!before) return;
  await codingHistory().commit(db, { kind: 'reopen', fragments: [], decisions: [{ id: dismissalId, before, after: null }], at: Date.now() });
}

/**
 * Widens a fragment to the whole paragraph around it (blocks are separated by blank lines in the
 * normalised text), merging the fragments of its coder it then overlaps, so no sentence is coded
 * twice (actions/coding.ts widenFragment). Codes, flags and memos are kept (joined when merged).
 */
export async function expandFragmentToParagraph(
  db: WorthmarkDb,
  fragmentId: FragmentId,
  text: string,
  coderId: CoderId,
): Promise<{ fragment: Fragment; removed: FragmentId[] } | undefined> {
  const ctx = context(db, coderId);
  const f = await getFragment(db, fragmentId);
  if (!f) return undefined;
  const para = paragraphAround(text, f.anchor.start);
  const last = paragraphAround(text, Math.max(f.anchor.start, f.anchor.end - 1));
  const r = await widenFragment(ctx, fragmentId, text, { start: Math.min(para.start, f.anchor.start), end: Math.max(last.end, f.anchor.end) });
  return r.ok ? { fragment: r.fragments[0]!, removed: r.removed ?? [] } : undefined;
}

/**
 * Widens the fragment that codes a hit to its paragraph (see expandFragmentToParagraph);
 * undefined when no fragment covers the hit.
 */
export async function expandHit(
  db: WorthmarkDb,
  hit: HitPlace,
  text: string,
  coderId: CoderId,
): Promise<{ fragment: Fragment; removed: FragmentId[] } | undefined> {
  const fragments = (await listFragments(db, hit.documentId)).map(placedFragment);
  const target = passageTarget({ text, range: hitFragmentRange(text, hit.start, hit.end), origin: 'derived', hit, fragments });
  if (target.kind !== 'fragment') return undefined;
  return expandFragmentToParagraph(db, target.id as FragmentId, text, coderId);
}
