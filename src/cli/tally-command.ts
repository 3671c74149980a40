/**
 * `worthmark tally --project FILE [--by document|group] [--group-by region|year|type]
 *  [--columns codes|values] [--format table|csv|json] [--lang nl|en] [--separator ,|;]
 *  [--coder C] [--flag F|none] [--search NAME] [--from DAY] [--to DAY] [--document D]`
 *
 * Prints the code matrix of a project file: documents (or groups of documents by region, year or
 * type) × regimes (or values within regimes), counts with row percentages, a totals row, a
 * "documents with ≥1" row and the dominant code overall (rules in analysis/tally.ts), over the
 * fragments that pass the filters (analysis/fragment-filter.ts).
 * Exit codes: 0 done, 2 bad arguments, 1 unreadable or invalid project file; a failure prints
 * one line on stderr naming the file and the reason.
 */
import { computeTallyView } from '../analysis/tally-view.ts';
import { tableToCsv } from '../exchange/csv.ts';
import { tallyToJson, tallyToRows, tallyToText } from '../exchange/tally-table.ts';
import {
  columnsOption,
  EXIT_INPUT,
  EXIT_USAGE,
  helpRequested,
  FILTER_OPTIONS,
  filterOption,
  langOption,
  loadProject,
  parseOptions,
  projectCodes,
  rowsOption,
} from './args.ts';
import type { CliCommand } from './io.ts';

const USAGE =
  "usage: worthmark tally --project FILE [--by document|group] [--group-by region|year|type] [--columns codes|values] [--format table|csv|json] [--lang nl|en] [--separator ','|';'] [--coder C] [--flag F|none] [--search NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--document D]";

/** `worthmark tally`: prints the documents × codes table of a project file. */
export const tallyCommand: CliCommand = async (argv, io) => {
  const usage = (message: string) => {
    io.stderr(`worthmark tally: ${message} (${USAGE})\n`);
    return EXIT_USAGE;
  };
  if (helpRequested(argv)) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const options = parseOptions(argv, ['project', 'format', 'lang', 'separator', 'by', 'group-by', 'columns', ...FILTER_OPTIONS]);
  if ('error' in options) return usage(options.error);
  const { project: path, format = 'table', separator = ',' } = options.parsed;
  if (typeof path !== 'string' || path === '') return usage('--project FILE is required');
  if (format !== 'table' && format !== 'csv' && format !== 'json') return usage(`unknown format "${String(format)}"`);
  if (separator !== ',' && separator !== ';') return usage(`unsupported separator "${String(separator)}"`);
  const lang = langOption(options.parsed['lang']);
  if (!lang) return usage(`unknown language "${String(options.parsed['lang'])}"`);
  const rows = rowsOption(options.parsed['by'], options.parsed['group-by']);
  if (!rows) return usage(`unknown grouping "${String(options.parsed['by'] ?? '')}${options.parsed['group-by'] ? ` / ${String(options.parsed['group-by'])}` : ''}" (--by document|group, --group-by region|year|type with --by group)`);
  const columns = columnsOption(options.parsed['columns']);
  if (!columns) return usage(`unknown columns "${String(options.parsed['columns'])}"`);

  const loaded = await loadProject(path, io);
  if ('error' in loaded) {
    io.stderr(`worthmark tally: ${loaded.error}\n`);
    return EXIT_INPUT;
  }
  const project = loaded.parsed;
  const filter = filterOption(project, options.parsed);
  if ('error' in filter) {
    if (!filter.input) return usage(filter.error);
    io.stderr(`worthmark tally: ${filter.error}\n`);
    return EXIT_INPUT;
  }
  const view = computeTallyView({ documents: project.documents, fragments: project.fragments, codes: projectCodes(project), filter: filter.filter, rows, columns, lang });
  const table = { codeNames: view.columnNames, lang };
  if (format === 'csv') io.stdout(tableToCsv(tallyToRows(view.matrix, table), { separator, bom: false }));
  else if (format === 'json') io.stdout(tallyToJson(view.matrix, table));
  else io.stdout(tallyToText(view.matrix, table));
  return 0;
};
