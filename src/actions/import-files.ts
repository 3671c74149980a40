/**
 * Importing files into the project: read, hash, refuse duplicates, extract, store.
 * Each file stands alone: one broken file never stops the others, and a file that fails
 * leaves nothing behind (the store happens in one transaction after extraction succeeded).
 */
import type { DocumentId, ImportError, PolicyDocument, Result } from '../model/index.ts';
import { fail, newId, ok } from '../model/index.ts';
import { contentHash, extractFile } from '../import/extract.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import { addDocument, findDocumentByHash } from '../storage/repository.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { isQuotaError } from '../storage/persistence.ts';

/** Progress of one file's import. */
export interface ImportProgress {
  done: number;
  total: number;
}

/** Options for importing a batch. */
export interface ImportFilesOptions {
  onProgress?: (fileIndex: number, progress: ImportProgress) => void;
  onResult?: (fileIndex: number, result: Result<PolicyDocument, ImportError>) => void;
  signal?: AbortSignal;
  /** Marks the documents as belonging to the bundled sample. */
  sample?: boolean;
}

/** A file to import: a browser File or anything with a name and bytes. */
export interface ImportSource {
  name: string;
  type?: string;
  bytes(): Promise<Uint8Array>;
}

/** Wraps a browser File as an import source. */
export function fromFile(file: File): ImportSource {
  return { name: file.name, type: file.type, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** Imports one file; never throws for a bad file. */
export async function importOne(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  source: ImportSource,
  options: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal; sample?: boolean } = {},
): Promise<Result<PolicyDocument, ImportError>> {
  let bytes: Uint8Array;
  try {
    bytes = await source.bytes();
  } catch (e) {
    return fail({ file: source.name, reason: 'read-error', detail: String(e) });
  }
  const hash = await contentHash(bytes);
  const existing = await findDocumentByHash(db, hash);
  if (existing) return fail({ file: source.name, reason: 'duplicate', detail: existing.title });
  const extracted = await extractFile(source.name, bytes, pdf, {
    onProgress: (done: number, total: number) => options.onProgress?.({ done, total }),
    signal: options.signal,
  });
  if (!extracted.ok) return extracted;
  const x = extracted.value;
  const id = newId<DocumentId>();
  const doc: PolicyDocument = {
    id,
    title: x.title,
    fileName: x.fileName,
    format: x.format,
    contentHash: hash,
    pages: x.pages,
    charCount: x.text.length,
    meta: x.meta,
    report: x.report,
    createdAt: new Date().toISOString(),
    ...(options.sample ? { sample: true } : {}),
  };
  try {
    const blob = new Blob([bytes as BlobPart], { type: source.type || (x.format === 'pdf' ? 'application/pdf' : 'text/plain') });
    await addDocument(db, doc, { documentId: id, text: x.text, blocks: x.blocks }, {
      documentId: id,
      fileName: source.name,
      type: blob.type,
      blob,
    });
  } catch (e) {
    return fail({ file: source.name, reason: isQuotaError(e) ? 'quota' : 'read-error', detail: String(e) });
  }
  return ok(doc);
}

/** Imports several files one after the other, reporting progress and a result per file. */
export async function importFiles(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  sources: ImportSource[],
  options: ImportFilesOptions = {},
): Promise<Result<PolicyDocument, ImportError>[]> {
  const results: Result<PolicyDocument, ImportError>[] = [];
  for (const [i, source] of sources.entries()) {
    const result = await importOne(db, pdf, source, {
      onProgress: (p) => options.onProgress?.(i, p),
      signal: options.signal,
      sample: options.sample,
    });
    results.push(result);
    options.onResult?.(i, result);
  }
  return results;
}
