/**
 * Re-extracting a stored document from its original file — with other settings (running headers
 * kept or removed) or a better extractor — without losing what was coded on it.
 *
 * Every fragment is re-anchored by its quote (text/anchor.ts). A fragment whose quote cannot be
 * found is an orphan: it keeps its quote, codes and memo, its offsets collapse to an empty range
 * near where it was (so it highlights nothing wrong), and its id is listed on the document
 * (`reextraction.orphaned`) — never dropped. A later re-extraction tries orphans again. Dismissed
 * search hits move with their text too. Everything is written in one transaction, and only after
 * the new extraction succeeded; the user-edited title and metadata are kept.
 */
import type { DocumentId, ExtractionSettings, Fragment, ImportError, PolicyDocument, Result } from '../model/index.ts';
import { anchorFromRange, fail, ok } from '../model/index.ts';
import { extractFile } from '../import/extract.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import { prepareAnchorText, reanchor, type AnchorMethod } from '../text/anchor.ts';
import { reanchorFragments } from '../text/reanchor-fragments.ts';
import { codingHistory } from './history.ts';
import {
  applyExtraction,
  getDocument,
  getOriginal,
  getText,
  hitDecisionId,
  listDocumentHitDecisions,
  listFragments,
} from '../storage/repository.ts';
import type { WorthmarkDb } from '../storage/db.ts';

/** What a re-extraction did. */
export interface ReextractResult {
  document: PolicyDocument;
  /** Fragments found again, by the step that found them. */
  anchored: Partial<Record<AnchorMethod, number>>;
  /** Fragments whose quote is not in the new text (kept, listed on the document). */
  orphaned: Fragment[];
}

/** Options for {@link reextractDocument}. */
export interface ReextractOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Extracts a stored document again from its original with `settings`, re-anchors its fragments
 * and hit decisions, and stores the result (see the module header). Fails without writing
 * anything when the original is missing or cannot be read.
 */
export async function reextractDocument(
  db: WorthmarkDb,
  pdf: PdfTextSource,
  id: DocumentId,
  settings: ExtractionSettings,
  options: ReextractOptions = {},
): Promise<Result<ReextractResult, ImportError>> {
  const doc = await getDocument(db, id);
  if (!doc) return fail({ file: String(id), reason: 'no-original', detail: 'no such document' });
  const [original, oldText] = await Promise.all([getOriginal(db, id), getText(db, id)]);
  if (!original || !oldText) return fail({ file: doc.fileName, reason: 'no-original' });
  const bytes = new Uint8Array(await original.blob.arrayBuffer());
  const extracted = await extractFile(doc.fileName, bytes, pdf, { ...settings, onProgress: options.onProgress, signal: options.signal });
  if (!extracted.ok) return extracted;
  const x = extracted.value;

  const target = prepareAnchorText(x.text);
  const oldLength = oldText.text.length;
  const now = new Date().toISOString();
  const placed = reanchorFragments(await listFragments(db, id), target, now, oldLength);
  const { fragments, anchored, orphaned } = placed;

  const hits = { remove: [] as string[], put: [] as Awaited<ReturnType<typeof listDocumentHitDecisions>> };
  for (const h of await listDocumentHitDecisions(db, id)) {
    const m = reanchor(target, anchorFromRange(oldText.text, h.start, h.end), oldLength);
    if (!m || (m.start === h.start && m.end === h.end)) continue; // unmoved, or gone (kept as it is)
    hits.remove.push(h.id);
    hits.put.push({ ...h, id: hitDecisionId(h.searchId, h.documentId, m.start, m.end), start: m.start, end: m.end });
  }

  const anchoredCount = Object.values(anchored).reduce((n, k) => n + (k ?? 0), 0);
  const { extraction: _old, ...rest } = doc;
  const document: PolicyDocument = {
    ...rest,
    pages: x.pages,
    charCount: x.text.length,
    report: x.report,
    ...(settings.keepRunningLines ? { extraction: { ...settings } } : {}),
    reextraction: { at: now, anchored: anchoredCount, orphaned: orphaned.map((f) => f.id) },
  };
  await applyExtraction(db, { document, text: { documentId: id, text: x.text, blocks: x.blocks }, fragments, hits });
  // Steps in the history hold anchors into the old text; undoing one would write a stale anchor back.
  codingHistory().clear();
  return ok({ document, anchored, orphaned });
}
