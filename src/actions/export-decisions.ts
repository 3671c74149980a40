/**
 * Exporting the worklist decisions of a saved search (exchange/decisions-table.ts) as CSV or as an
 * XLSX workbook: every hit over all documents of the project with its state, the reason of a
 * dismissal and the regimes of the fragment that codes it.
 */
import type { SearchId } from '../model/ids.ts';
import type { CsvSeparator } from '../exchange/csv.ts';
import { decisionRows, decisionsTable } from '../exchange/decisions-table.ts';
import { typedTableToCsv } from '../exchange/table.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { listCodebooks, listDocuments, listFragments, listHitDecisions, listSearches, listTexts } from '../storage/repository.ts';

/** A file ready to download. */
export interface ExportedFile {
  fileName: string;
  data: string | Uint8Array;
  mime: string;
  rows: number;
}

/** The decisions of one saved search as a CSV or XLSX file; undefined when the search is gone. */
export async function decisionsFile(
  db: WorthmarkDb,
  searchId: SearchId,
  options: { format: 'csv' | 'xlsx'; lang: 'nl' | 'en'; separator?: CsvSeparator },
): Promise<ExportedFile | undefined> {
  const search = (await listSearches(db)).find((s) => s.id === searchId);
  if (!search) return undefined;
  const [documents, texts, fragments, decisions, codebooks] = await Promise.all([
    listDocuments(db),
    listTexts(db),
    listFragments(db),
    listHitDecisions(db, searchId),
    listCodebooks(db),
  ]);
  const rows = decisionRows(
    { searches: [search], documents, texts: new Map(texts.map((t) => [t.documentId as string, t.text])), fragments, decisions, codebooks },
    options.lang,
  );
  const table = decisionsTable(rows, options.lang);
  const day = new Date().toISOString().slice(0, 10);
  const base = `worthmark-${options.lang === 'nl' ? 'beslissingen' : 'decisions'}-${day}`;
  if (options.format === 'csv') {
    return { fileName: `${base}.csv`, data: typedTableToCsv(table, { separator: options.separator ?? ',' }), mime: 'text/csv;charset=utf-8', rows: rows.length };
  }
  const { tablesToXlsx, XLSX_MIME } = await import('../exchange/xlsx.ts');
  return { fileName: `${base}.xlsx`, data: await tablesToXlsx([table]), mime: XLSX_MIME, rows: rows.length };
}
