/**
 * Importing files into the project: read, hash, refuse duplicates, extract, store. The same file
 * (or the same text) as a document stored without its original — a restored project or a REFI-QDA
 * import — is attached to that document instead of being refused as a duplicate; a file named as
 * the source of a document whose text is missing gives that document its text (actions/attach-text.ts).
 * Each file stands alone: one broken file never stops the others, and a file that fails
 * leaves nothing behind (the store happens in one transaction after extraction succeeded).
 * Cancelling (the signal) stops the files being read — which are then not stored — and
 * leaves the files after them untouched; files already imported stay. Pasted text is imported
 * like a .txt file whose original is the pasted text. A text nearly the same as one already
 * there is stored with a near-duplicate flag, for the user to keep or skip (near-duplicates.ts).
 *
 * Several files import at once when the caller gives an {@link Extractor} that runs on other
 * threads (the app's worker pool, app/extract-pool.ts) and a concurrency: each file is read,
 * checked and stored on its own, and two copies of one file in a batch still store once (the
 * duplicate check is inside the write transaction).
 */
import type { DocumentId, ImportError, PolicyDocument, Result } from '../model/index.ts';
import { fail, newId, ok } from '../model/index.ts';
import { contentHash, DEFAULT_MAX_BYTES, extractFile, extractPastedText } from '../import/extract.ts';
import type { ExtractedDocument } from '../model/index.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import { addDocument, attachOriginal, DuplicateDocumentError, findDocumentByHash, findDocumentMissingOriginal } from '../storage/repository.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { nearDuplicateOf, rememberSignature } from './near-duplicates.ts';
import { isQuotaError } from '../storage/persistence.ts';
import { detectLanguage } from '../text/language.ts';
import { attachText, findTextMissingFor } from './attach-text.ts';

/** Extracts one file's text (extractFile's contract: user-caused failures as values; only an abort rejects). */
export type Extractor = (
  name: string,
  bytes: Uint8Array,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; maxBytes?: number },
) => Promise<Result<ExtractedDocument, ImportError>>;

/** Progress of one file's import. */
export interface ImportProgress {
  done: number;
  total: number;
}

/** Options for importing a batch. */
export interface ImportFilesOptions {
  onProgress?: (fileIndex: number, progress: ImportProgress) => void;
  onResult?: (fileIndex: number, result: Result<PolicyDocument, ImportError>) => void;
  /** Called for the file that was being read when the batch was cancelled, and each one after it. */
  onCancelled?: (fileIndex: number) => void;
  signal?: AbortSignal;
  /** Marks the documents as belonging to the bundled sample. */
  sample?: boolean;
  /** Largest file accepted, in bytes (default: extract.ts's DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Extracts on other threads (default: extractFile in this thread with `pdf`). */
  extract?: Extractor;
  /** How many files import at once (default 1; more only helps with an `extract` on other threads). */
  concurrency?: number;
}

/** A file to import: a browser File or anything with a name and bytes. */
export interface ImportSource {
  name: string;
  type?: string;
  /** Size in bytes, when known before reading (lets a too-large file fail without being read). */
  size?: number;
  bytes(): Promise<Uint8Array>;
}

/** Wraps a browser File as an import source. */
export function fromFile(file: File): ImportSource {
  return { name: file.name, type: file.type, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** Imports one file; never throws for a bad file. */
export async function importOne(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  source: ImportSource,
  options: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal; sample?: boolean; maxBytes?: number; extract?: Extractor } = {},
): Promise<Result<PolicyDocument, ImportError>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (source.size !== undefined && source.size > maxBytes) {
    return fail({ file: source.name.split(/[/\\]/).pop() ?? source.name, reason: 'too-large', detail: `${source.size} bytes > ${maxBytes}` });
  }
  let bytes: Uint8Array;
  try {
    bytes = await source.bytes();
  } catch (e) {
    return fail({ file: source.name, reason: 'read-error', detail: String(e) });
  }
  const hash = await contentHash(bytes);
  const type0 = source.type || 'application/octet-stream';
  const original = (documentId: string, type: string) => ({ documentId, fileName: source.name, type, blob: new Blob([bytes as BlobPart], { type }) });
  const existing = await findDocumentByHash(db, hash);
  // The text of a document whose text was missing: the same file (a Worthmark export read without
  // its sources keeps the content hash), or a file named as its source. Attach it.
  const missing = existing ? (existing.textMissing ? existing : undefined) : options.sample ? undefined : await findTextMissingFor(db, source.name);
  if (missing) {
    const attached = await attachText(db, pdf, missing.id, source, bytes);
    return attached.ok ? ok(attached.value.document) : attached;
  }
  if (existing) {
    // The same file as a document whose original was not stored (a restored project): attach it.
    const reattached = (await findDocumentMissingOriginal(db, hash)) && (await attachOriginal(db, original(existing.id, source.type || MIME[existing.format] || type0), hash));
    if (reattached) return ok(reattached);
    return fail({ file: source.name, reason: 'duplicate', detail: existing.title });
  }
  const extract: Extractor = options.extract ?? ((name, b, o) => extractFile(name, b, pdf, o));
  const extracted = await extract(source.name, bytes, {
    onProgress: (done: number, total: number) => options.onProgress?.({ done, total }),
    signal: options.signal,
    maxBytes,
  });
  if (!extracted.ok) return extracted;
  options.signal?.throwIfAborted();
  const type = source.type || MIME[extracted.value.format];
  // The same text as a document without its original (read from a .qdpx): attach, do not duplicate.
  const sameText = await findDocumentMissingOriginal(db, hash, extracted.value.text);
  if (sameText) {
    const reattached = await attachOriginal(db, original(sameText.id, type), hash);
    if (reattached) return ok(reattached);
  }
  return store(db, extracted.value, hash, new Blob([bytes as BlobPart], { type }), source.name, options.sample);
}

const MIME: Record<ExtractedDocument['format'], string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Files stored one at a time, though read several at once: the near-duplicate check of one file
 * sees every file of the batch stored before it.
 */
let storing: Promise<unknown> = Promise.resolve();

/** Stores an extracted document with its original, all or nothing; a full disk is a 'quota' failure. */
function store(
  db: WorthmarkDb,
  x: ExtractedDocument,
  hash: string,
  blob: Blob,
  sourceName: string,
  sample?: boolean,
): Promise<Result<PolicyDocument, ImportError>> {
  const run = storing.then(() => storeNow(db, x, hash, blob, sourceName, sample));
  storing = run.catch(() => undefined);
  return run;
}

async function storeNow(
  db: WorthmarkDb,
  x: ExtractedDocument,
  hash: string,
  blob: Blob,
  sourceName: string,
  sample?: boolean,
): Promise<Result<PolicyDocument, ImportError>> {
  const id = newId<DocumentId>();
  const near = sample ? undefined : await nearDuplicateOf(db, x.text);
  const doc: PolicyDocument = {
    id,
    title: x.title,
    fileName: x.fileName,
    format: x.format,
    contentHash: hash,
    pages: x.pages,
    charCount: x.text.length,
    meta: withLanguage(x.meta, x.text),
    report: x.report,
    createdAt: new Date().toISOString(),
    ...(sample ? { sample: true } : {}),
    ...(near ? { nearDuplicate: near } : {}),
  };
  try {
    await addDocument(db, doc, { documentId: id, text: x.text, blocks: x.blocks }, {
      documentId: id,
      fileName: sourceName,
      type: blob.type,
      blob,
    });
    rememberSignature(id, x.text);
  } catch (e) {
    // Another tab stored the same content meanwhile (checked inside the write transaction).
    if (e instanceof DuplicateDocumentError) return fail({ file: sourceName, reason: 'duplicate', detail: e.existing.title });
    return fail({ file: sourceName, reason: isQuotaError(e) ? 'quota' : 'read-error', detail: String(e) });
  }
  return ok(doc);
}

/**
 * Imports pasted text as a document titled `title` (the original kept is the text itself, as
 * UTF-8). Refuses text without letters or digits ('empty') and text already imported ('duplicate').
 */
export async function importPastedText(db: WorthmarkDb, text: string, title: string): Promise<Result<PolicyDocument, ImportError>> {
  const extracted = extractPastedText(text, title);
  if (!extracted.ok) return extracted;
  const bytes = new TextEncoder().encode(text);
  const hash = await contentHash(bytes);
  const existing = await findDocumentByHash(db, hash);
  if (existing) return fail({ file: extracted.value.title, reason: 'duplicate', detail: existing.title });
  return store(db, extracted.value, hash, new Blob([bytes as BlobPart], { type: 'text/plain;charset=utf-8' }), extracted.value.fileName);
}

/**
 * Imports several files, `options.concurrency` at a time (in the order given), reporting progress
 * and a result per file; resolves to the results in the order of `sources` (files cancelled have
 * none).
 */
export async function importFiles(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  sources: ImportSource[],
  options: ImportFilesOptions = {},
): Promise<Result<PolicyDocument, ImportError>[]> {
  const results: Array<Result<PolicyDocument, ImportError> | undefined> = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      if (options.signal?.aborted) {
        options.onCancelled?.(i);
        continue;
      }
      let result: Result<PolicyDocument, ImportError>;
      try {
        result = await importOne(db, pdf, sources[i]!, {
          onProgress: (p) => options.onProgress?.(i, p),
          signal: options.signal,
          sample: options.sample,
          ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          ...(options.extract ? { extract: options.extract } : {}),
        });
      } catch (e) {
        // Only an abort rejects (see extractFile); the file is not stored.
        if (!options.signal?.aborted) throw e;
        options.onCancelled?.(i);
        continue;
      }
      results[i] = result;
      options.onResult?.(i, result);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, sources.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results.filter((r): r is Result<PolicyDocument, ImportError> => r !== undefined);
}

/** The details form's fields as typed. */
export interface MetadataInput {
  title: string;
  region: string;
  year: string;
  type: string;
  /** The document's language (empty: unknown). */
  lang?: string;
}

/** The details with the language told from the text (text/language.ts), unless already set. */
function withLanguage(meta: PolicyDocument['meta'], text: string): PolicyDocument['meta'] {
  if (meta.lang) return meta;
  const lang = detectLanguage(text);
  return lang ? { ...meta, lang } : meta;
}

/**
 * Checks typed document details: the title must not be empty, the year (optional) must be a
 * whole number from 1900 to 2100. Empty region/type/year are left out.
 */
export function parseMetadata(input: MetadataInput): { parsed: Pick<PolicyDocument, 'title' | 'meta'> } | { error: 'title' | 'year' } {
  const title = input.title.trim();
  if (title === '') return { error: 'title' };
  const yearText = input.year.trim();
  if (yearText !== '' && !(/^\d{4}$/.test(yearText) && Number(yearText) >= 1900 && Number(yearText) <= 2100)) return { error: 'year' };
  const meta: PolicyDocument['meta'] = {};
  if (input.region.trim() !== '') meta.region = input.region.trim();
  if (yearText !== '') meta.year = Number(yearText);
  if (input.type.trim() !== '') meta.type = input.type.trim();
  if (input.lang && input.lang.trim() !== '') meta.lang = input.lang.trim();
  return { parsed: { title, meta } };
}
