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
  /** Ids of flags set on the fragment (e.g. "glocalisation"). */
  flags: string[];
  memo: string;
  coderId: CoderId;
  createdAt: string;
  updatedAt: string;
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
