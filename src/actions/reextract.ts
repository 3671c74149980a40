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
  hitDecisionId,
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
  const original = await getOriginal(db, id);
  if (!original) return fail({ file: doc.fileName, reason: 'no-original' });
  const bytes = new Uint8Array(await original.blob.arrayBuffer());
  const extracted = await extractFile(doc.fileName, bytes, pdf, { ...settings, onProgress: options.onProgress, signal: options.signal });
  if (!extracted.ok) return extracted;
  const x = extracted.value;

  const target = prepareAnchorText(x.text);
  const now = new Date().toISOString();
  let anchored: ReextractResult['anchored'] = {};
  let orphaned: Fragment[] = [];
  // Planned inside the write transaction from the state as it is then: coding, metadata edits
  // and hit decisions made during the extraction are carried over, not overwritten.
  const writes = await applyExtraction(db, id, (state) => {
    const oldLength = state.text.text.length;
    const placed = reanchorFragments(state.fragments, target, now, oldLength);
    anchored = placed.anchored;
    orphaned = placed.orphaned;
    const hits = { remove: [] as string[], put: [] as typeof state.hits };
    for (const h of state.hits) {
      const m = reanchor(target, anchorFromRange(state.text.text, h.start, h.end), oldLength);
      if (!m || (m.start === h.start && m.end === h.end)) continue; // unmoved, or gone (kept as it is)
      hits.remove.push(h.id);
      hits.put.push({ ...h, id: hitDecisionId(h.searchId, h.documentId, m.start, m.end, h.coderId), start: m.start, end: m.end });
    }
    const anchoredCount = Object.values(placed.anchored).reduce((n, k) => n + (k ?? 0), 0);
    const { extraction: _old, ...rest } = state.document;
    const document: PolicyDocument = {
      ...rest,
      pages: x.pages,
      charCount: x.text.length,
      report: x.report,
      ...(settings.keepRunningLines ? { extraction: { ...settings } } : {}),
      reextraction: { at: now, anchored: anchoredCount, orphaned: placed.orphaned.map((f) => f.id) },
    };
    return { document, text: { documentId: id, text: x.text, blocks: x.blocks }, fragments: placed.fragments, hits };
  });
  if (!writes) return fail({ file: doc.fileName, reason: 'no-original', detail: 'the document was deleted during re-extraction' });
  // Steps in the history hold anchors into the old text; undoing one would write a stale anchor back.
  codingHistory().clear();
  return ok({ document: writes.document, anchored, orphaned });
}
