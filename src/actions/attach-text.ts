/**
 * Attaching the text of a document whose text was missing (a REFI-QDA source that came without
 * its text file): the file the user chose for it, or a file imported under the source's name
 * (actions/import-files.ts). A .txt is read as the REFI-QDA reader reads a source file (UTF-8, its
 * line ends and code points as they are); a .docx or .pdf through the import's extraction. The
 * passages keep their positions (exchange/reattach-text.ts); those whose known quote is not the
 * text at that position are listed on the document (`textAttached.mismatched`), not moved. The
 * file becomes the document's original. Written in one transaction, or not at all.
 */
import type { DocumentId, ExtractedDocument, ImportError, PolicyDocument, Result } from '../model/index.ts';
import { fail, ok } from '../model/index.ts';
import { contentHash, decodeText, extractFile } from '../import/extract.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import { isSourceFile, planTextAttach, type AttachMismatch } from '../exchange/reattach-text.ts';
import { applyTextAttach, DuplicateDocumentError, getDocument, getText, hitDecisionId, listDocuments, listFragments } from '../storage/repository.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { isQuotaError } from '../storage/persistence.ts';
import { codingHistory } from './history.ts';
import type { ImportSource } from './import-files.ts';

/** What attaching a text did. */
export interface AttachResult {
  document: PolicyDocument;
  /** Passages with a known quote, checked against the text. */
  checked: number;
  /** Passages whose known quote is not the text at their position (kept there). */
  mismatched: AttachMismatch[];
}

const MIME: Record<string, string> = {
  txt: 'text/plain',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The one document whose text is missing and whose source has this file's name, if exactly one. */
export async function findTextMissingFor(db: WorthmarkDb, fileName: string): Promise<PolicyDocument | undefined> {
  const found = (await listDocuments(db)).filter((d) => d.textMissing && isSourceFile(fileName, d.textMissing.source));
  if (found.length === 1) return found[0];
  // Several sources of that name but one by its exact name (case aside): that one.
  const exact = found.filter((d) => d.textMissing!.source.normalize('NFC').toLowerCase() === fileName.replace(/^.*[\\/]/, '').normalize('NFC').toLowerCase());
  return exact.length === 1 ? exact[0] : undefined;
}

/** Attaches a file's text to a document whose text is missing; never throws for a bad file. */
export async function attachText(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  id: DocumentId,
  source: ImportSource,
  bytesRead?: Uint8Array,
): Promise<Result<AttachResult, ImportError>> {
  const fileName = source.name.replace(/^.*[\\/]/, '');
  const doc = await getDocument(db, id);
  if (!doc || !doc.textMissing) return fail({ file: fileName, reason: 'text-not-missing' });
  let bytes: Uint8Array;
  try {
    bytes = bytesRead ?? (await source.bytes());
  } catch (e) {
    return fail({ file: fileName, reason: 'read-error', detail: String(e) });
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  let raw: string;
  let extracted: ExtractedDocument | undefined;
  if (ext === 'txt' || ext === '') {
    // As a .txt is imported: UTF-8, UTF-16 by its byte-order mark, else Windows-1252 (the known quotes then check it).
    const decoded = decodeText(bytes);
    if (decoded === undefined) return fail({ file: fileName, reason: 'unsupported-type', detail: 'not decodable as UTF-8, UTF-16 or Windows-1252' });
    raw = decoded;
  } else {
    const x = await extractFile(fileName, bytes, pdf, {});
    if (!x.ok) return x;
    extracted = x.value;
    raw = x.value.text;
  }
  const hash = await contentHash(bytes);
  const stand = await getText(db, id);
  const preview = planTextAttach(stand?.text ?? '', await listFragments(db, id), raw, { origin: doc.textMissing.origin });
  if ('error' in preview) return fail({ file: fileName, reason: 'text-too-short', detail: `${preview.error.length} < ${preview.error.needed}` });

  const at = new Date().toISOString();
  const format = ext === 'pdf' ? 'pdf' : ext === 'docx' ? 'docx' : 'txt';
  let result: AttachResult | undefined;
  let refused: ImportError | undefined;
  try {
    const writes = await applyTextAttach(db, id, { documentId: id, fileName, type: source.type || MIME[format]!, blob: new Blob([bytes as BlobPart], { type: source.type || MIME[format]! }) }, (state) => {
      if (!state.document.textMissing) {
        refused = { file: fileName, reason: 'text-not-missing' };
        return null;
      }
      // Planned again on the state as stored now: a passage coded meanwhile is carried along. Each
      // fragment's anchor changes (its quote is now the text's), so it is changed now, as re-extraction does.
      const r = planTextAttach(state.text.text, state.fragments, raw, { origin: state.document.textMissing.origin });
      if ('error' in r) {
        refused = { file: fileName, reason: 'text-too-short', detail: `${r.error.length} < ${r.error.needed}` };
        return null;
      }
      const plan = r.parsed;
      // A PDF or Word file's pages and blocks hold when its text is stored as extracted (no CR to turn into LF).
      const layout = extracted && extracted.text === plan.text ? extracted : undefined;
      const { textMissing: _gone, reextraction: _old, ...rest } = state.document;
      const document: PolicyDocument = {
        ...rest,
        fileName,
        format,
        contentHash: hash,
        charCount: plan.text.length,
        pages: layout ? layout.pages : [{ index: 1, label: '1', start: 0, end: plan.text.length }],
        report: layout ? layout.report : { joinedHyphens: 0, removedLines: [], pageCount: 1 },
        textAttached: { at, fileName, checked: plan.checked, mismatched: plan.mismatched.map((m) => m.fragmentId) },
      };
      const hits = { remove: state.hits.map((h) => h.id), put: state.hits.map((h) => {
        const start = plan.offset(h.start);
        const end = plan.offset(h.end);
        return { ...h, id: hitDecisionId(h.searchId, h.documentId, start, end, h.coderId), start, end };
      }) };
      result = { document, checked: plan.checked, mismatched: plan.mismatched };
      return { document, text: { documentId: id, text: plan.text, blocks: layout ? layout.blocks : plan.blocks }, fragments: plan.fragments.map((f) => ({ ...f, updatedAt: at })), hits };
    });
    if (!writes) return fail(refused ?? { file: fileName, reason: 'text-not-missing' });
  } catch (e) {
    if (e instanceof DuplicateDocumentError) return fail({ file: fileName, reason: 'duplicate', detail: e.existing.title });
    return fail({ file: fileName, reason: isQuotaError(e) ? 'quota' : 'read-error', detail: String(e) });
  }
  // Steps in the history hold anchors into the stand-in; undoing one would write a stale anchor back.
  codingHistory().clear();
  return ok(result!);
}
