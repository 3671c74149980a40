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

/** The source formats Worthmark reads ('txt' also for pasted text). */
export type DocumentFormat = 'pdf' | 'txt' | 'docx';

/** Editable descriptive metadata of a document. */
export interface DocumentMeta {
  region?: string;
  year?: number;
  /**
   * Set when `year` was taken from the file's creation date at import (which need not be the year
   * of publication) and the user has not confirmed it yet; saving the details clears it.
   */
  yearFromFile?: boolean;
  type?: string;
  /**
   * The language the document is written in (ISO 639-1: "nl", "en", "de", "fr"), told from its text
   * at import (text/language.ts) and editable; quotes in exports carry it. Absent: unknown.
   */
  lang?: string;
}

/** A running header or footer line that the import took out of the text. */
export interface RemovedLine {
  /** 1-based PDF page index the line was on. */
  page: number;
  /** Whether it stood at the top or the bottom of the page. */
  edge: 'top' | 'bottom';
  text: string;
}

/**
 * A word the import joined across a line-end hyphen, for checking ("internatio-" + "nale"), by
 * reference: the word is read from the text around `at` (text/normalise.ts `joinedWordAt`), so
 * a word joined many times is stored once, in the text.
 */
export interface JoinedWord {
  /** 1-based PDF page index of the line end. */
  page: number;
  /** UTF-16 offset in the normalised text where the next line's text begins (the hyphen stood just before it). */
  at: number;
}

/** A join as imports before {@link JoinedWord} stored it: a copy of the word. Still read. */
export interface LegacyJoinedWord {
  page: number;
  /** The word as it stood in the text. */
  word: string;
  /** Where in `word` the line broke. */
  split: number;
}

/** What the import did to the text, shown per document. */
export interface ImportReport {
  joinedHyphens: number;
  /** Each join behind `joinedHyphens` (absent on documents imported before it existed). */
  joined?: Array<JoinedWord | LegacyJoinedWord>;
  removedLines: string[];
  pageCount: number;
  /** The removed lines with their page and edge (absent on documents imported before it existed). */
  removed?: RemovedLine[];
  /** Running lines found but kept in the text because the user undid their removal. */
  keptRunningLines?: number;
  /** True when the PDF's own page labels (printed numbers, roman numerals) are cited. */
  pageLabelsFromFile?: boolean;
  /**
   * Pages with characters the PDF gives no Unicode mapping for (a glyph without a usable name or
   * ToUnicode entry): control characters were read as word spaces, other ones kept as they are.
   */
  unmapped?: { page: number; count: number }[];
}

/** Choices that change how a file is extracted; kept per document for re-extraction. */
export interface ExtractionSettings {
  /** Keep running headers and footers in the text (undo of their removal). */
  keepRunningLines?: boolean;
}

/** What the last re-extraction of a document did to its fragments. */
export interface ReextractionRecord {
  /** ISO 8601 time of the re-extraction. */
  at: string;
  /** Fragments found again at their quote (moved or not). */
  anchored: number;
  /** Ids of fragments whose quote was not found again: kept, listed, never dropped. */
  orphaned: string[];
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
  /** How the text was extracted, when not by the defaults. */
  extraction?: ExtractionSettings;
  /** The last re-extraction, with the fragments it could not place again. */
  reextraction?: ReextractionRecord;
  /** Set at import when the text is nearly the same as a document already there, until the user keeps both. */
  nearDuplicate?: NearDuplicate;
  /**
   * Set when the file the document came from held its coded passages but not its text (a
   * REFI-QDA source whose text file was not in the .qdpx): the stored text is then a stand-in
   * (text/missing-text.ts) that keeps the passages at their positions. Cleared when the text is
   * attached.
   */
  textMissing?: TextMissing;
  /** The last time a missing text was attached, with the passages whose known quote did not match. */
  textAttached?: TextAttachedRecord;
}

/** The document an imported text nearly duplicates. */
export interface NearDuplicate {
  /** The document already in the project. */
  of: DocumentId;
  /** Its title at import time. */
  title: string;
  /** Estimated share of shared word 5-shingles (Jaccard, 0–1). */
  similarity: number;
}

/** Where a document's missing text should come from. */
export interface TextMissing {
  /** The source's name in the file it came from ("Interview 3.docx"): the file to look for. */
  source: string;
  /** The program that wrote that file (REFI-QDA `origin`), when it said. */
  origin?: string;
}

/** What attaching a missing text did. */
export interface TextAttachedRecord {
  /** ISO 8601 time of the attach. */
  at: string;
  /** The file the text came from. */
  fileName: string;
  /** Passages with text known before the attach, checked against the attached text. */
  checked: number;
  /** Ids of the fragments whose known quote is not the attached text at their position (kept there, listed). */
  mismatched: string[];
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

/**
 * How a page is cited: its label, with the PDF page index beside it when they differ
 * ("iv (PDF 6)"); just the label otherwise.
 */
export function citePage(page: Page): string {
  return page.label === String(page.index) ? page.label : `${page.label} (PDF ${page.index})`;
}

/**
 * The page with a PDF page index; for an index the text has no page for (a page without text, or
 * past the end) a stand-in labelled with the index itself, so it can still be cited.
 */
export function pageWithIndex(pages: readonly Page[], index: number): Page {
  return pages.find((p) => p.index === index) ?? { index, label: String(index), start: 0, end: 0 };
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
