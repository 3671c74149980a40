/**
 * The undo history of coding: every coding action (create, delete, codes, values, flag, memo,
 * boundaries, merge, split, codebook changes) and every worklist decision (dismiss, reopen) is a
 * step that knows the stored state before and after. Undo writes the before-state back through the repository, redo the after-state,
 * each in one transaction — so an undone delete brings back the very fragment (same id,
 * creation time, coder) with its reviews.
 *
 * An undo or redo is a new change by the coder who makes it, not a return to an old version:
 * the fragments it writes get a version vector covering the stored one with one more change
 * (and a new `updatedAt`), so a merge with a file holding the older or the undone version never
 * takes the restored state for the older one (model/versions.ts). The step then holds the
 * states as written, so the next redo or undo checks against them.
 *
 * The history lives in memory for the session (one per app). A new step clears the redo
 * list. Quick successive edits of one memo are folded into a single step.
 */
import type { Codebook } from '../model/codebook.ts';
import type { Fragment } from '../model/fragment.ts';
import type { CoderId, FragmentId } from '../model/ids.ts';
import type { HitDecision, Review, WorthmarkDb } from '../storage/db.ts';
import { compareVersions } from '../model/versions.ts';
import { applyCodingWrites, StaleWriteError } from '../storage/repository.ts';

/** What a step did, for "Undo: …" labels. */
export type StepKind =
  | 'create'
  | 'delete'
  | 'codes'
  | 'values'
  | 'flag'
  | 'memo'
  | 'boundary'
  | 'merge'
  | 'split'
  | 'codebook'
  /** A decision written into the consensus (actions/adjudication.ts). */
  | 'adjudicate'
  | 'dismiss'
  | 'reopen';

/** One fragment's state before and after a step (null: did not exist / deleted). */
export interface FragmentChange {
  id: FragmentId;
  before: Fragment | null;
  after: Fragment | null;
}

/** One worklist decision's state before and after a step (null: none stored, the hit open). */
export interface DecisionChange {
  id: string;
  before: HitDecision | null;
  after: HitDecision | null;
}

/** One undoable coding step. */
export interface Step {
  kind: StepKind;
  fragments: FragmentChange[];
  /** Worklist decisions the step made or removed. */
  decisions?: DecisionChange[];
  codebook?: { before: Codebook; after: Codebook };
  /** Reviews removed with deleted fragments; restored on undo. */
  reviews?: Review[];
  /** Who made the step (recorded with the fragments it deletes). */
  by?: CoderId;
  /** Steps with the same key made within COALESCE_MS of each other are folded into one. */
  coalesceKey?: string;
  /** When the step was made (ms since epoch). */
  at: number;
}

/** Quick successive edits with the same key within this time are one step (memo typing). */
const COALESCE_MS = 4000;
/** The most steps kept; older ones fall off. */
const LIMIT = 500;

/** Which way a history move went, and the step it moved. */
export interface HistoryMove {
  direction: 'undo' | 'redo';
  step: Step;
  /**
   * Set when the step could not be applied because its fragments were changed since by
   * something outside the history (another screen, a re-extraction, a restore); nothing was
   * written and the history was cleared, since older steps rest on the same state.
   */
  refused?: 'stale';
}

/** An undo/redo history of coding steps. */
export class CodingHistory {
  private done: Step[] = [];
  private undone: Step[] = [];
  private listeners = new Set<() => void>();

  /** Writes a step's after-state and records it as the newest step. */
  async commit(db: WorthmarkDb, step: Step): Promise<void> {
    const { removedReviews: removed } = await applyCodingWrites(db, {
      fragments: step.fragments.map((c) => ({ id: c.id, fragment: c.after })),
      codebook: step.codebook?.after,
      by: step.by,
      hits: step.decisions?.map((c) => ({ id: c.id, decision: c.after })),
    });
    if (removed.length > 0) step.reviews = [...(step.reviews ?? []), ...removed];
    this.record(step);
  }

  /** Records a step whose after-state is already stored. */
  record(step: Step): void {
    const top = this.done[this.done.length - 1];
    if (top && step.coalesceKey && top.coalesceKey === step.coalesceKey && step.at - top.at < COALESCE_MS && this.undone.length === 0) {
      this.done[this.done.length - 1] = fold(top, step);
    } else {
      this.done.push(step);
      if (this.done.length > LIMIT) this.done.shift();
    }
    this.undone = [];
    this.emit();
  }

  /**
   * Undoes the newest step, as a change by `by` (default: who made the step); undefined when
   * there is nothing to undo.
   */
  async undo(db: WorthmarkDb, by?: CoderId, now = new Date().toISOString()): Promise<HistoryMove | undefined> {
    const step = this.done.pop();
    if (!step) return undefined;
    try {
      const { written } = await applyCodingWrites(db, {
        fragments: step.fragments.map((c) => ({ id: c.id, fragment: c.before })),
        codebook: step.codebook?.before,
        reviews: step.reviews,
        renew: { by: by ?? authorOf(step), at: now },
        expect: step.fragments.map((c) => ({ id: c.id, fragment: c.after })),
        hits: step.decisions?.map((c) => ({ id: c.id, decision: c.before })),
        expectHits: step.decisions?.map((c) => ({ id: c.id, decision: c.after })),
      });
      this.settle(step, 'before', written);
    } catch (e) {
      if (e instanceof StaleWriteError) return this.refuse('undo', step);
      this.done.push(step);
      throw e;
    }
    this.undone.push(step);
    this.emit();
    return { direction: 'undo', step };
  }

  /**
   * Redoes the newest undone step, as a change by `by` (default: who made the step); undefined
   * when there is nothing to redo.
   */
  async redo(db: WorthmarkDb, by?: CoderId, now = new Date().toISOString()): Promise<HistoryMove | undefined> {
    const step = this.undone.pop();
    if (!step) return undefined;
    try {
      const { written } = await applyCodingWrites(db, {
        fragments: step.fragments.map((c) => ({ id: c.id, fragment: c.after })),
        codebook: step.codebook?.after,
        by: step.by,
        renew: { by: by ?? authorOf(step), at: now },
        expect: step.fragments.map((c) => ({ id: c.id, fragment: c.before })),
        hits: step.decisions?.map((c) => ({ id: c.id, decision: c.after })),
        expectHits: step.decisions?.map((c) => ({ id: c.id, decision: c.before })),
      });
      this.settle(step, 'after', written);
    } catch (e) {
      if (e instanceof StaleWriteError) return this.refuse('redo', step);
      this.undone.push(step);
      throw e;
    }
    this.done.push(step);
    this.emit();
    return { direction: 'redo', step };
  }

  /** The step an undo would undo. */
  get nextUndo(): Step | undefined {
    return this.done[this.done.length - 1];
  }

  /** The step a redo would redo. */
  get nextRedo(): Step | undefined {
    return this.undone[this.undone.length - 1];
  }

  /**
   * After an undo or redo wrote `step`'s `side` states renewed (new versions, new time): the step
   * and every other step that holds one of the old states (the step before it holds it as its
   * after-state, the one after it as its before-state) now hold the states as written.
   */
  private settle(step: Step, side: 'before' | 'after', written: readonly Fragment[]): void {
    const renewed = new Map(written.map((f) => [f.id as string, f]));
    const old = new Map<string, Fragment>();
    for (const c of step.fragments) {
      const was = c[side];
      const now = renewed.get(c.id);
      if (was && now) old.set(c.id, was);
    }
    if (old.size === 0) return;
    for (const s of [...this.done, ...this.undone, step]) {
      for (const c of s.fragments) {
        const was = old.get(c.id);
        if (!was) continue;
        if (c.before && sameVersion(c.before, was)) c.before = renewed.get(c.id)!;
        if (c.after && sameVersion(c.after, was)) c.after = renewed.get(c.id)!;
      }
    }
  }

  /** A step that no longer fits the stored state: nothing was written; forget the history. */
  private refuse(direction: 'undo' | 'redo', step: Step): HistoryMove {
    this.clear();
    return { direction, step, refused: 'stale' };
  }

  /** Forgets everything (e.g. after the whole project was replaced). */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** Who made a step: its `by`, else who last changed its fragments (their coder when that was them). */
function authorOf(step: Step): CoderId {
  if (step.by) return step.by;
  for (const c of step.fragments) {
    const f = c.after ?? c.before;
    if (f) return f.updatedBy ?? f.coderId;
  }
  return 'unknown' as CoderId;
}

/** Whether two states of a fragment are the same stored version (time, place and version vector). */
function sameVersion(a: Fragment, b: Fragment): boolean {
  return a.id === b.id && a.updatedAt === b.updatedAt && a.anchor.start === b.anchor.start && a.anchor.end === b.anchor.end && compareVersions(a.versions, b.versions) === 'equal';
}

/** Folds a newer step into an older one: the older before-states, the newer after-states. */
function fold(older: Step, newer: Step): Step {
  const byId = new Map<string, FragmentChange>();
  for (const c of older.fragments) byId.set(c.id, { ...c });
  for (const c of newer.fragments) {
    const prev = byId.get(c.id);
    byId.set(c.id, prev ? { ...prev, after: c.after } : c);
  }
  const codebook =
    older.codebook && newer.codebook
      ? { before: older.codebook.before, after: newer.codebook.after }
      : (newer.codebook ?? older.codebook);
  const folded: Step = { ...older, fragments: [...byId.values()], at: newer.at };
  if (codebook) folded.codebook = codebook;
  return folded;
}

let appHistory: CodingHistory | undefined;

/** The app's one coding history. */
export function codingHistory(): CodingHistory {
  appHistory ??= new CodingHistory();
  return appHistory;
}
