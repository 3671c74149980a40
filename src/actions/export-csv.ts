/** Exporting coded fragments as CSV for spreadsheets. */
import { fragmentsToCsv, type CsvSeparator } from '../exchange/csv.ts';
import { fragmentRows } from '../exchange/fragment-rows.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { readSnapshot } from '../storage/repository.ts';

/** Builds the coded-fragments CSV of the whole project. */
export async function fragmentsCsv(
  db: WorthmarkDb,
  options: { separator: CsvSeparator; lang: 'nl' | 'en' },
): Promise<{ fileName: string; content: string; rows: number }> {
  const snap = await readSnapshot(db);
  const rows = fragmentRows(snap, options.lang);
  const content = fragmentsToCsv(rows, { separator: options.separator, bom: true, lang: options.lang });
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `worthmark-fragments-${day}.csv`, content, rows: rows.length };
}
