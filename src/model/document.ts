import type { DocumentId } from './ids.ts';

/** One page of a source document as a range of the normalised text. */
export interface Page {
  /** 1-based page index in the source file (PDF page number). */
  index: number;
  /** The label to cite ("15", "iv"); equals String(index) when the file has no labels. */
  label: string;
  /** UTF-16 offset of the first character of the page in the normalised text. */
  start: number;
  /** UTF-16 offset just past the page's last character. */
  end: number;
}

/** The kind of a text block, used by the reader for layout. */
export type BlockKind = 'paragraph' | 'heading' | 'list-item';

/** A paragraph-like block as a range of the normalised text; blocks are ordered and do not overlap. */
export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
}

/** The source formats Worthmark reads. */
export type DocumentFormat = 'pdf' | 'txt';

/** Editable descriptive metadata of a document. */
export interface DocumentMeta {
  region?: string;
  year?: number;
  type?: string;
}

/** What the import did to the text, shown per document. */
export interface ImportReport {
  joinedHyphens: number;
  removedLines: string[];
  pageCount: number;
}

/** A document as listed (no text: the text is stored apart, see DocumentText). */
export interface PolicyDocument {
  id: DocumentId;
  title: string;
  fileName: string;
  format: DocumentFormat;
  /** SHA-256 hex of the original file's bytes. */
  contentHash: string;
  pages: Page[];
  charCount: number;
  meta: DocumentMeta;
  report: ImportReport;
  /** True for the bundled sample project, so it can be removed as a whole. */
  sample?: boolean;
  createdAt: string;
}

/** The normalised text of a document and its block structure. */
export interface DocumentText {
  documentId: DocumentId;
  text: string;
  blocks: Block[];
}

/** The pure result of extracting a file, before it gets an id and is stored. */
export interface ExtractedDocument {
  title: string;
  fileName: string;
  format: DocumentFormat;
  text: string;
  pages: Page[];
  blocks: Block[];
  meta: DocumentMeta;
  report: ImportReport;
}

/** Finds the page that contains a text offset (binary search); the last page for offsets at the end. */
export function pageAt(pages: readonly Page[], offset: number): Page | undefined {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = pages[mid]!;
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.end && mid < pages.length - 1) lo = mid + 1;
    else return p;
  }
  return pages[Math.max(0, Math.min(lo, pages.length - 1))];
}
