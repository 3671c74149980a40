/**
 * File → ExtractedDocument: the import policy for user files.
 *
 * A file is accepted by its extension (.pdf, .txt, .docx); pasted text goes through
 * {@link extractPastedText}. Every problem a user's file can have is
 * returned as an {@link ImportError} naming the file — never thrown: unsupported type, empty file,
 * too large, encrypted, corrupt, a PDF without a text layer, or bytes that cannot be read. Plain
 * text is decoded as UTF-8 (with or without BOM) or UTF-16 (by BOM); bytes that are not valid UTF-8
 * are read as Windows-1252, the usual encoding of older Dutch Windows exports. Form feeds split a
 * text file into pages. PDF pages lose their running headers and footers (page-cleanup.ts) and get
 * their block structure from typographic evidence (pdf-structure.ts); all formats then go through
 * the same normaliser (text/normalise.ts). A .docx file is read by mammoth
 * (docx-text.ts), one block per paragraph, heading, list item or table cell.
 */
import type { DocumentFormat, DocumentMeta, ExtractedDocument, ImportReport } from '../model/document.ts';
import { fail, ok, type ImportError, type ImportFailureReason, type Result } from '../model/result.ts';
import { normalisePlainText, normaliseText, type NormalisedText, type PageLines } from '../text/normalise.ts';
import { docxBlocks } from './docx-text.ts';
import { MAX_PAGES } from './limits.ts';
import { removeRunningLines } from './page-cleanup.ts';
import { structurePages } from './pdf-structure.ts';
import { PdfTextError, type PdfProgress, type PdfTextSource } from './pdf-text.ts';

/** Options for {@link extractFile}. */
export interface ExtractOptions {
  /** Largest file accepted, in bytes; default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** Called after each PDF page with (pages done, page count). */
  onProgress?: PdfProgress;
  /** Aborting rejects the returned promise with the signal's reason (not an ImportError). */
  signal?: AbortSignal;
  /** Keep running headers and footers in the text (they are still counted in the report). */
  keepRunningLines?: boolean;
}

/** The default size limit: 200 MB. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** The file extensions Worthmark imports, with their format. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = { pdf: 'pdf', txt: 'txt', docx: 'docx' };

/** The format of a file name by its extension, or undefined when Worthmark does not read it. */
export function formatOf(fileName: string): DocumentFormat | undefined {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? SUPPORTED_EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

/** The file name without folders and without its last extension. */
export function baseName(fileName: string): string {
  const name = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Reads a .pdf or .txt file into an {@link ExtractedDocument}. User-caused failures come back as
 * `{ok: false, error}`; only an abort via `options.signal` rejects.
 */
export async function extractFile(
  name: string,
  bytes: Uint8Array,
  pdf: PdfTextSource,
  options: ExtractOptions = {},
): Promise<Result<ExtractedDocument, ImportError>> {
  const fileName = name.split(/[/\\]/).pop() ?? name;
  const error = (reason: ImportFailureReason, detail?: string): { ok: false; error: ImportError } =>
    fail(detail === undefined ? { file: fileName, reason } : { file: fileName, reason, detail });

  const format = formatOf(fileName);
  if (!format) return error('unsupported-type');
  if (bytes.byteLength === 0) return error('empty');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) return error('too-large', `${bytes.byteLength} bytes > ${maxBytes}`);

  let pages: PageLines[] | undefined;
  let normalised: NormalisedText | undefined;
  let title = baseName(fileName);
  const meta: DocumentMeta = {};
  let report: Omit<ImportReport, 'joinedHyphens' | 'pageCount'> = { removedLines: [] };
  if (format === 'pdf') {
    try {
      const extraction = await pdf.extract(bytes, options.onProgress, options.signal);
      const labelled = extraction.pages.map((p) => ({
        index: p.index,
        label: pageLabel(extraction.pageLabels?.[p.index - 1], p.index),
        lines: p.lines,
      }));
      const cleanup = removeRunningLines(labelled);
      const labelsFromFile = extraction.pageLabels?.some((l, i) => l != null && l.trim() !== '' && l.trim() !== String(i + 1)) ?? false;
      if (options.keepRunningLines) {
        pages = structurePages(labelled);
        report = { removedLines: [], removed: [], keptRunningLines: cleanup.removed.length };
      } else {
        pages = structurePages(cleanup.pages);
        report = { removedLines: cleanup.removedLines, removed: cleanup.removed };
      }
      const unmapped = extraction.pages.filter((p) => p.unmapped > 0).map((p) => ({ page: p.index, count: p.unmapped }));
      if (unmapped.length) report.unmapped = unmapped;
      if (labelsFromFile) report.pageLabelsFromFile = true;
      if (extraction.title !== undefined && isSensibleTitle(extraction.title)) title = extraction.title.trim();
      if (extraction.year !== undefined) {
        meta.year = extraction.year;
        meta.yearFromFile = true;
      }
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (err instanceof PdfTextError) return error(err.reason, err.detail);
      return error('read-error', err instanceof Error ? err.message : String(err));
    }
  } else if (format === 'docx') {
    let blocks: string[];
    try {
      blocks = await docxBlocks(bytes);
    } catch (err) {
      options.signal?.throwIfAborted();
      return error('corrupt', err instanceof Error ? err.message : String(err));
    }
    options.signal?.throwIfAborted();
    pages = [{ index: 1, label: '1', lines: blocks.flatMap((b) => [b, '']) }];
    options.onProgress?.(1, 1);
  } else {
    const decoded = decodeText(bytes);
    if (decoded === undefined) return error('read-error', 'not decodable as UTF-8, UTF-16 or Windows-1252');
    const pageCount = plainTextPageCount(decoded);
    if (pageCount > MAX_PAGES) return error('too-many-pages', `${pageCount} pages > ${MAX_PAGES}`);
    normalised = normalisePlainText(decoded);
    options.onProgress?.(pageCount, pageCount);
  }

  if (pages && pages.length > MAX_PAGES) return error('too-many-pages', `${pages.length} pages > ${MAX_PAGES}`);
  normalised ??= normaliseText(pages ?? []);
  if (normalised.text.trim() === '') return error(format === 'pdf' ? 'no-text' : 'empty');
  return ok({
    title,
    fileName,
    format,
    text: normalised.text,
    pages: normalised.pages,
    blocks: normalised.blocks,
    meta,
    report: { joinedHyphens: normalised.joinedHyphens, joined: normalised.joined, ...report, pageCount: normalised.pages.length },
  });
}

/** The file name under which pasted text is kept. */
export const PASTED_FILE_NAME = 'pasted-text.txt';

/**
 * Turns pasted text into an {@link ExtractedDocument} (format 'txt', file name
 * {@link PASTED_FILE_NAME}), with the same normalisation as a .txt file. Text without letters or
 * digits is refused as 'empty'.
 */
export function extractPastedText(text: string, title: string): Result<ExtractedDocument, ImportError> {
  const name = title.trim() || PASTED_FILE_NAME;
  if (!/[\p{L}\p{N}]/u.test(text)) return fail({ file: name, reason: 'empty' });
  const pageCount = plainTextPageCount(text);
  if (pageCount > MAX_PAGES) return fail({ file: name, reason: 'too-many-pages', detail: `${pageCount} pages > ${MAX_PAGES}` });
  const normalised = normalisePlainText(text);
  return ok({
    title: name,
    fileName: PASTED_FILE_NAME,
    format: 'txt',
    text: normalised.text,
    pages: normalised.pages,
    blocks: normalised.blocks,
    meta: {},
    report: { joinedHyphens: normalised.joinedHyphens, joined: normalised.joined, removedLines: [], pageCount: normalised.pages.length },
  });
}

/** The pages {@link splitPlainText} would make of `text` (form feeds + 1, a trailing blank page not counted), without making them. */
export function plainTextPageCount(text: string): number {
  let count = 1;
  let last = -1;
  for (let i = text.indexOf('\f'); i !== -1; i = text.indexOf('\f', i + 1)) {
    count += 1;
    last = i;
  }
  return count > 1 && text.slice(last + 1).trim() === '' ? count - 1 : count;
}

function pageLabel(label: string | null | undefined, index: number): string {
  const l = label?.trim();
  return l ? l : String(index);
}

/**
 * Tells whether a PDF's info Title is worth showing: not empty, not a file name or a
 * word-processor placeholder ("Microsoft Word - nota.docx", "Untitled", "Document1").
 */
export function isSensibleTitle(title: string): boolean {
  const t = title.trim();
  if (t.length < 3 || t.length > 300 || !/\p{L}{2}/u.test(t)) return false;
  if (/^(untitled|naamloos|titel|title|document\s*\d*|presentatie\d*|microsoft\s+\w+\s*-.*)$/iu.test(t)) return false;
  if (/\.(docx?|pdf|odt|rtf|indd|pptx?|xlsx?|txt)$/iu.test(t)) return false;
  return true;
}

/**
 * Decodes plain-text bytes: a UTF-8/UTF-16 BOM decides; otherwise strict UTF-8, and Windows-1252
 * when that fails. Returns undefined only when a BOM-declared decoder is not available.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
    if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } catch {
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Decoded by hand because Node 20's
// TextDecoder('windows-1252') decodes that range as Latin-1 control characters.
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Decodes Windows-1252 bytes (the WHATWG mapping; the five unassigned bytes become C1 controls). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

/** SHA-256 of the bytes as lower-case hex (Web Crypto: browsers and Node ≥ 20). */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
