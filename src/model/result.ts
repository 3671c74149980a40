/** The outcome of an operation that can fail because of the user's input. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** Why a file could not be imported. Turned into words in ui/messages.ts. */
export type ImportFailureReason =
  | 'unsupported-type'
  | 'empty'
  | 'too-large'
  /** More pages than a document may have (import/extract.ts MAX_PAGES; `detail` gives the count). */
  | 'too-many-pages'
  | 'encrypted'
  | 'corrupt'
  | 'no-text'
  /** pdf.js gave no result for a step of the reading within its budget (import/pdf-text.ts; `detail` names the step). */
  | 'too-slow'
  | 'duplicate'
  | 'read-error'
  | 'quota'
  /** Re-extraction asked for a document whose original file is not stored. */
  | 'no-original'
  /** A text attached to a document whose text was missing ends before its coded passages do (`detail`: the numbers). */
  | 'text-too-short'
  /** Attaching a text to a document whose text is not missing (any more). */
  | 'text-not-missing';

/** A failed import, naming the file. */
export interface ImportError {
  file: string;
  reason: ImportFailureReason;
  /** Technical detail for the curious (library message), not shown as the reason. */
  detail?: string;
}
