import type { CodeId, CoderId, DocumentId, FragmentId } from './ids.ts';
import type { VersionVector } from './versions.ts';

/**
 * Where a fragment sits: both W3C Web Annotation selectors.
 * start/end are UTF-16 offsets into the document's normalised text.
 */
export interface TextAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** A coded passage of a document. */
export interface Fragment {
  id: FragmentId;
  documentId: DocumentId;
  anchor: TextAnchor;
  /** Codes (regimes) in the order they were given; may be empty ("mere statement"). */
  codes: CodeId[];
  /**
   * Values within the fragment's regimes, each as `codeId:valueId` (see valueRef): value ids
   * are unique only within their code. Every value's code is also in `codes`. Absent on
   * fragments made before values existed; treat absent as empty.
   */
  values?: string[];
  /** Ids of flags set on the fragment (e.g. "glocalisation"). */
  flags: string[];
  memo: string;
  /** The coder who made the fragment. An edit by anyone else never rewrites it (see updatedBy). */
  coderId: CoderId;
  createdAt: string;
  updatedAt: string;
  /**
   * Who made the last change (ISO time in `updatedAt`); absent when that was the coder, or when
   * the fragment was made before this was recorded.
   */
  updatedBy?: CoderId;
  /**
   * How many changes each coder made to this fragment (a version vector, see model/versions.ts),
   * so a merge can tell a newer version from a concurrent one. Absent on fragments made before
   * it existed: read as no changes known.
   */
  versions?: VersionVector;
}

/** The reference a fragment stores for a value within a code: `codeId:valueId`. */
export function valueRef(codeId: string, valueId: string): string {
  return `${codeId}:${valueId}`;
}

/** Splits a value reference into its code and value ids; undefined when it is not one. */
export function parseValueRef(ref: string): { codeId: CodeId; valueId: string } | undefined {
  const i = ref.indexOf(':');
  if (i <= 0 || i === ref.length - 1) return undefined;
  return { codeId: ref.slice(0, i) as CodeId, valueId: ref.slice(i + 1) };
}

/** A person who codes. */
export interface Coder {
  id: CoderId;
  name: string;
  initials: string;
  /**
   * Other ids the same person had in other browsers ("this is me" when a merged or restored
   * project brought a coder of the same name): a file naming one of them means this coder.
   */
  aliases?: CoderId[];
  /**
   * A coder of another kind than a person: "consensus" is the coding two coders settled on
   * (adjudication writes its fragments). Absent: a person.
   */
  kind?: 'consensus';
}

/** The id of the consensus coder: one per project, the same in every project so merges match it. */
export const CONSENSUS_CODER_ID = 'consensus' as CoderId;

/** The consensus coder's record. */
export function consensusCoder(): Coder {
  return { id: CONSENSUS_CODER_ID, name: 'Consensus', initials: 'C', kind: 'consensus' };
}

/** Whether a coder is the consensus rather than a person. */
export function isConsensus(coder: Pick<Coder, 'id' | 'kind'> | undefined): boolean {
  return coder?.kind === 'consensus' || coder?.id === CONSENSUS_CODER_ID;
}

/** Context length of the quote selector's prefix and suffix. */
export const ANCHOR_CONTEXT = 32;

/** Builds an anchor for [start, end) of a text. */
export function anchorFromRange(text: string, start: number, end: number): TextAnchor {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - ANCHOR_CONTEXT), start),
    suffix: text.slice(end, end + ANCHOR_CONTEXT),
  };
}
