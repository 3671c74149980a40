import type { CodeId, CoderId, DocumentId, FragmentId } from './ids.ts';

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
  coderId: CoderId;
  createdAt: string;
  updatedAt: string;
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
