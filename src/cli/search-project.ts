/**
 * The project side of `worthmark search` (`--project FILE`, `--search NAME`, `--decisions`): read
 * the project file, list its documents for the search, print the worklist decisions. A module of
 * its own, loaded only when `--project` is given, so a search over files does not load the project
 * reader (zod, the REFI-QDA reader, unzip).
 */
import type { ExtractedDocument } from '../model/document.ts';
import type { ProjectData } from '../exchange/project-file.ts';
import { decisionRows, decisionsTable } from '../exchange/decisions-table.ts';
import { tableCells, typedTableToCsv } from '../exchange/table.ts';
import { baseName } from '../import/extract.ts';
import { parseQuery } from '../text/query.ts';
import { loadProject } from './args.ts';
import type { CliIo } from './io.ts';
import { describeQueryError, EXIT_INPUT, pad, type SearchArgs } from './search-command.ts';

export { loadProject };

/** `--decisions`: the worklist decisions of the project's saved search sets (see the module header). */
export function printDecisions(io: CliIo, project: ProjectData, args: SearchArgs, fail: (message: string, code: number) => number): number {
  let searches = project.searches;
  if (args.search !== undefined) {
    const name = args.search;
    const saved = searches.find((s) => s.name === name) ?? searches.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!saved) return fail(`${args.project}: no search set named "${name}" (search sets: ${searches.map((s) => `"${s.name}"`).join(', ') || 'none'})`, EXIT_INPUT);
    searches = [saved];
  }
  for (const s of searches) {
    const q = parseQuery(s.terms);
    if ('error' in q) return fail(describeQueryError(`${args.project} search set "${s.name}"`, q.error), EXIT_INPUT);
  }
  const lang = args.lang ?? 'en';
  const rows = decisionRows(
    {
      searches,
      documents: project.documents,
      texts: new Map(project.texts.map((t) => [t.documentId as string, t.text])),
      fragments: project.fragments,
      decisions: project.hits ?? [],
      codebooks: project.codebooks,
    },
    lang,
  );
  const table = decisionsTable(rows, lang);
  if (args.format === 'json') io.stdout(JSON.stringify(rows) + '\n');
  else if (args.format === 'csv') io.stdout(typedTableToCsv(table, { bom: false }));
  else {
    const cells = [table.columns.map((c) => c.header), ...tableCells(table).slice(1).map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
    const keep = [1, 2, 4, 7, 8, 9]; // document, page, hit, state, reason, regimes
    const widths = keep.map((c) => Math.max(...cells.map((r) => String(r[c] ?? '').length)));
    io.stdout(cells.map((r) => keep.map((c, i) => pad(String(r[c] ?? ''), widths[i]!)).join('  ').trimEnd()).join('\n') + '\n');
  }
  return 0;
}

/** The documents of a project file as searchable documents (its stored, normalised texts). */
export function projectDocuments(project: ProjectData): Array<{ file: string; document: ExtractedDocument }> {
  const texts = new Map(project.texts.map((t) => [t.documentId as string, t]));
  return project.documents.flatMap((d) => {
    const text = texts.get(d.id);
    if (!text) return [];
    const document: ExtractedDocument = {
      title: d.title,
      fileName: d.fileName,
      format: d.format,
      text: text.text,
      pages: d.pages,
      blocks: text.blocks,
      meta: d.meta,
      report: d.report,
    };
    return [{ file: baseName(d.fileName), document }];
  });
}

