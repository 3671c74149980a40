/**
 * What a merge keeps besides fragments: conflicts (both sides changed one fragment) and
 * deletions (so a fragment deleted here does not come back from an older file, and a deletion
 * there reaches here). See exchange/merge-plan.ts for how they are found.
 */
import type { CoderId, DocumentId, FragmentId } from './ids.ts';
import type { Fragment } from './fragment.ts';
import type { VersionVector } from './versions.ts';

/**
 * A fragment that both sides changed since they last had the same version. The version here
 * stays in the fragments table (and is counted) until the user resolves the conflict; the
 * other side's version waits here, so nothing either side did is lost.
 */
export interface FragmentConflict {
  /** Made from the fragment and the other version (`conflictId`): the same file merged twice gives the same conflict. */
  id: string;
  fragmentId: FragmentId;
  documentId: DocumentId;
  /** The other side's version (mapped to this project's ids); null when they deleted it (see `deletedThere`). */
  theirs: Fragment | null;
  /** Their deletion, when they deleted the fragment that was changed here since the version they deleted. */
  deletedThere?: FragmentDeletion;
  /**
   * The deletion here, when this side deleted the fragment that they changed (then `theirs`
   * is the only version left, and resolving means restoring it or leaving it deleted).
   */
  deletedHere?: FragmentDeletion;
  /** Where the other version came from (a file name). */
  source: string;
  /** ISO 8601 time the merge found the conflict. */
  foundAt: string;
}

/** A record that a fragment was deleted, with the version it had (see model/versions.ts). */
export interface FragmentDeletion {
  /** The deleted fragment's id. */
  id: FragmentId;
  documentId: DocumentId;
  /** The fragment's version vector including the deletion itself. */
  versions: VersionVector;
  deletedAt: string;
  deletedBy?: CoderId;
}

/** The id of a conflict between a fragment and another side's version of it. */
export function conflictId(fragmentId: string, theirs: Pick<Fragment, 'updatedAt' | 'versions'> | null, theirDeletion?: Pick<FragmentDeletion, 'versions'>): string {
  const v = theirs?.versions ?? theirDeletion?.versions ?? {};
  const vector = Object.keys(v)
    .sort()
    .map((k) => `${k}=${v[k]}`)
    .join(',');
  return `${fragmentId}@${theirs ? theirs.updatedAt : 'deleted'}[${vector}]`;
}
