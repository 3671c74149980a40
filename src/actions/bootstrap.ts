/**
 * First run and sample project. On the very first start the default codebook is loaded,
 * a coder is created and the bundled sample (a fictional regional profile as PDF, a saved
 * search with the thesis' term list, and a few example codings) is imported, so a newcomer
 * sees the whole workflow at once. The sample can be removed as a whole.
 */
import type { Codebook, CodeId, Coder, CoderId, DocumentId, FragmentId, SavedSearch, SearchId } from '../model/index.ts';
import { newId } from '../model/index.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import * as repo from '../storage/repository.ts';
import { importOne, type Extractor } from './import-files.ts';
import { codeRange } from './coding.ts';
import { removeDocuments } from './documents.ts';
import { snapshotBefore } from './snapshots.ts';

/** An example coding of the sample: found in the text by its exact quote. */
export interface SampleCoding {
  quote: string;
  codes: string[];
  flags?: string[];
  memo?: string;
}

/** The bundled sample, as the app provides it. */
export interface SampleBundle {
  fileName: string;
  bytes: () => Promise<Uint8Array>;
  searchName: string;
  terms: string;
  codings: SampleCoding[];
}

export { SETTINGS } from '../storage/settings-keys.ts';
import { SETTINGS } from '../storage/settings-keys.ts';

/** Makes sure the project has a codebook and a coder; on the very first run, loads the sample. */
export async function ensureProject(
  db: WorthmarkDb,
  defaultCodebook: Codebook,
  pdf: PdfTextSource,
  sample: SampleBundle | null,
): Promise<void> {
  if ((await ensureBasics(db, defaultCodebook)) && sample) await loadSample(db, pdf, sample);
}

/**
 * The quick part of {@link ensureProject}: a codebook and a coder, and the first-run mark.
 * Resolves to true on the very first run, when the sample is due; the app renders first and
 * loads the sample after (it reads a PDF).
 */
export async function ensureBasics(db: WorthmarkDb, defaultCodebook: Codebook): Promise<boolean> {
  if ((await repo.listCodebooks(db)).length === 0) {
    await repo.putCodebook(db, defaultCodebook);
    await repo.setSetting(db, SETTINGS.codebookId, defaultCodebook.id);
  }
  if ((await repo.getSetting<string | null>(db, SETTINGS.coderId, null)) === null) {
    const coder: Coder = { id: newId<CoderId>(), name: '', initials: '' };
    await repo.putCoder(db, coder);
    await repo.setSetting(db, SETTINGS.coderId, coder.id);
  }
  if (await repo.getSetting(db, SETTINGS.initialized, false)) return false;
  await repo.setSetting(db, SETTINGS.initialized, true);
  return true;
}

/** Imports the sample project: its document, saved search and example codings. */
export async function loadSample(db: WorthmarkDb, pdf: PdfTextSource, sample: SampleBundle, extract?: Extractor): Promise<void> {
  const now = new Date().toISOString();
  const search: SavedSearch = {
    id: newId<SearchId>(),
    name: sample.searchName,
    terms: sample.terms,
    sample: true,
    createdAt: now,
    updatedAt: now,
  };
  await repo.putSearch(db, search);
  const result = await importOne(db, pdf, { name: sample.fileName, bytes: sample.bytes }, { sample: true, ...(extract ? { extract } : {}) });
  if (!result.ok) {
    // A duplicate means the sample document is already there (e.g. loaded again): nothing to add.
    if (result.error.reason !== 'duplicate') throw new Error(`sample import failed: ${result.error.reason}`);
  } else {
    await codeSampleExamples(db, result.value.id, sample.codings);
  }
  await repo.setSetting(db, SETTINGS.sampleLoaded, true);
}

/**
 * Who coded the sample's examples: a coder of their own, so that the user's name never stands on
 * codings they did not make (in exports, reviews and coder comparisons).
 */
export const SAMPLE_CODER: Coder = { id: 'worthmark-sample' as CoderId, name: 'Worthmark (voorbeeld / sample)', initials: 'WM' };

async function codeSampleExamples(db: WorthmarkDb, documentId: DocumentId, codings: SampleCoding[]): Promise<void> {
  const text = (await repo.getText(db, documentId))?.text ?? '';
  await repo.putCoder(db, SAMPLE_CODER);
  const coderId = SAMPLE_CODER.id;
  for (const [i, c] of codings.entries()) {
    const start = text.indexOf(c.quote);
    if (start < 0) continue; // the sample text changed; an example that no longer fits is skipped
    await codeRange(db, documentId, text, start, start + c.quote.length, coderId, {
      // The same id in every browser: merging two coders' projects does not double the examples.
      id: `${SAMPLE_CODER.id}-${i + 1}` as FragmentId,
      codes: c.codes as CodeId[],
      flags: c.flags ?? [],
      memo: c.memo ?? '',
    });
  }
}

/** Removes everything that came with the sample: its documents (with their fragments) and searches. */
export async function removeSample(db: WorthmarkDb): Promise<void> {
  const docs = (await repo.listDocuments(db)).filter((d) => d.sample);
  await snapshotBefore(db, 'remove-sample');
  await removeDocuments(db, docs.map((d) => d.id), { snapshot: false });
  for (const s of (await repo.listSearches(db)).filter((x) => x.sample)) await repo.deleteSearch(db, s.id);
  await repo.deleteUnusedCoder(db, SAMPLE_CODER.id);
  await repo.setSetting(db, SETTINGS.sampleLoaded, false);
}
