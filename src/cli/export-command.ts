/**
 * `worthmark export --project FILE --format csv|xlsx|md|docx|html --out FILE [options]`
 *
 * - csv: one row per coded fragment (exchange/csv.ts): UTF-8 with a byte order mark unless
 *   `--no-bom`, `,` or `;` as `--separator`.
 * - xlsx: a workbook with the fragment table, the matrix as counts, row %, column % and presence,
 *   and the two co-occurrence tables (exchange/tally-workbook.ts); `--by`/`--group-by` and
 *   `--columns` choose the matrix rows and columns as for `worthmark tally`.
 * - md, docx, html: the appendix report (exchange/appendix.ts), grouped by `--grouping
 *   document|document-regime|regime-document` (default document), titled by `--title`.
 * Filters (`--coder`, `--flag`, `--search`, `--from`, `--to`, `--document`) apply to every format.
 * Names and headers in `--lang` (default en). Exit codes: 0 done, 2 bad arguments, 1 unreadable
 * or invalid project file or failed write; a failure prints one line on stderr naming the file
 * and the reason. Nothing is written unless the whole file could be made.
 */
import type { AppendixGrouping } from '../exchange/appendix.ts';
import { appendixToHtml, appendixToMarkdown, buildAppendix } from '../exchange/appendix.ts';
import { appendixToDocx } from '../exchange/appendix-docx.ts';
import { fragmentsToCsv } from '../exchange/csv.ts';
import { fragmentRows } from '../exchange/fragment-rows.ts';
import { tallyTables } from '../exchange/tally-workbook.ts';
import { tablesToXlsx } from '../exchange/xlsx.ts';
import { toQdpx } from '../exchange/qdpx-write.ts';
import { toW3cJson } from '../exchange/w3c-annotations.ts';
import { computeTallyView } from '../analysis/tally-view.ts';
import { isFiltering } from '../analysis/fragment-filter.ts';
import {
  columnsOption,
  EXIT_INPUT,
  EXIT_USAGE,
  helpRequested,
  fileFailure,
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
  "usage: worthmark export --project FILE --format csv|xlsx|md|docx|html|qdpx|w3c --out FILE [--separator ','|';'] [--lang nl|en] [--no-bom] [--by document|group] [--group-by region|year|type] [--columns codes|values] [--grouping document|document-regime|regime-document] [--title TEXT] [--coder C] [--flag F|none] [--search NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--document D]";

const FORMATS = ['csv', 'xlsx', 'md', 'docx', 'html', 'qdpx', 'w3c'] as const;
const GROUPINGS: readonly AppendixGrouping[] = ['document', 'document-regime', 'regime-document'];

/** `worthmark export`: writes a project's fragments, tables or appendix to a file. */
export const exportCommand: CliCommand = async (argv, io) => {
  const usage = (message: string) => {
    io.stderr(`worthmark export: ${message} (${USAGE})\n`);
    return EXIT_USAGE;
  };
  if (helpRequested(argv)) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const options = parseOptions(
    argv,
    ['project', 'format', 'out', 'separator', 'lang', 'by', 'group-by', 'columns', 'grouping', 'title', ...FILTER_OPTIONS],
    ['no-bom'],
  );
  if ('error' in options) return usage(options.error);
  const { project: path, format, out, separator = ',', grouping = 'document' } = options.parsed;
  if (typeof path !== 'string' || path === '') return usage('--project FILE is required');
  if (format === undefined) return usage('--format is required');
  if (!(FORMATS as readonly unknown[]).includes(format)) return usage(`unsupported format "${String(format)}" (csv, xlsx, md, docx, html, qdpx or w3c)`);
  if (typeof out !== 'string' || out === '') return usage('--out FILE is required');
  if (separator !== ',' && separator !== ';') return usage(`unsupported separator "${String(separator)}"`);
  const lang = langOption(options.parsed['lang']);
  if (!lang) return usage(`unknown language "${String(options.parsed['lang'])}"`);
  const rows = rowsOption(options.parsed['by'], options.parsed['group-by']);
  if (!rows) return usage(`unknown grouping "${String(options.parsed['by'] ?? '')}" (--by document|group, --group-by region|year|type with --by group)`);
  const columns = columnsOption(options.parsed['columns']);
  if (!columns) return usage(`unknown columns "${String(options.parsed['columns'])}"`);
  if (!(GROUPINGS as readonly unknown[]).includes(grouping)) return usage(`unknown appendix grouping "${String(grouping)}"`);

  const loaded = await loadProject(path, io);
  if ('error' in loaded) {
    io.stderr(`worthmark export: ${loaded.error}\n`);
    return EXIT_INPUT;
  }
  const project = loaded.parsed;
  const filter = filterOption(project, options.parsed);
  if ('error' in filter) {
    if (!filter.input) return usage(filter.error);
    io.stderr(`worthmark export: ${filter.error}\n`);
    return EXIT_INPUT;
  }
  const codes = projectCodes(project);
  const view = computeTallyView({ documents: project.documents, fragments: project.fragments, codes, filter: filter.filter, rows, columns, lang });

  let data: Uint8Array;
  let what: string;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (format === 'qdpx') {
    if (isFiltering(filter.filter)) return usage('filters do not apply to --format qdpx (it writes the whole project)');
    data = toQdpx(project, { lang, originals: new Map(loaded.originals.map((o) => [o.documentId, o])), name: path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') });
    what = `a REFI-QDA project of ${plural(project.documents.length, 'document')} and ${plural(project.fragments.length, 'fragment')}`;
  } else if (format === 'w3c') {
    data = new TextEncoder().encode(toW3cJson({ ...project, fragments: view.fragments }, { lang, label: path.replace(/^.*[\\/]/, '') }));
    what = `${plural(view.fragments.length, 'annotation')}`;
  } else if (format === 'csv') {
    const fragmentList = fragmentRows({ ...project, documents: view.documents, fragments: view.fragments }, lang);
    data = new TextEncoder().encode(fragmentsToCsv(fragmentList, { separator, bom: options.parsed['no-bom'] !== true, lang }));
    what = plural(fragmentList.length, 'fragment');
  } else if (format === 'xlsx') {
    const about = [
      `${lang === 'nl' ? 'Project' : 'Project'}: ${path}`,
      ...(isFiltering(filter.filter) ? [`${lang === 'nl' ? 'Filters' : 'Filters'}: ${argv.filter((a) => FILTER_OPTIONS.some((f) => a.startsWith(`--${f}`))).join(' ')}`] : []),
    ];
    const tables = tallyTables({ view, codebooks: project.codebooks, coders: project.coders, reviews: project.reviews, lang, about });
    data = await tablesToXlsx(tables);
    what = `${plural(tables.length, 'sheet')} (${plural(view.fragments.length, 'fragment')})`;
  } else {
    const book = project.codebooks[0];
    const title = typeof options.parsed['title'] === 'string' ? options.parsed['title'] : undefined;
    const search = typeof options.parsed['search'] === 'string' ? project.searches.find((s) => s.name === options.parsed['search'] || s.id === options.parsed['search']) : undefined;
    const intro = search ? [`${lang === 'nl' ? 'Termen' : 'Terms'}: ${search.terms.split(/\r?\n/).map((t) => t.trim()).filter((t) => t && !t.startsWith('#')).join(', ')}`] : [];
    const appendix = buildAppendix({ documents: view.documents, fragments: view.fragments, codebook: { codes: book ? codes : [] }, grouping: grouping as AppendixGrouping, lang, title, intro });
    if (format === 'docx') data = await appendixToDocx(appendix);
    else data = new TextEncoder().encode(format === 'md' ? appendixToMarkdown(appendix) : appendixToHtml(appendix));
    what = `an appendix of ${plural(view.fragments.length, 'fragment')}`;
  }
  try {
    await io.writeFile(out, data);
  } catch (e) {
    io.stderr(`worthmark export: cannot write "${out}": ${fileFailure(e)}\n`);
    return EXIT_INPUT;
  }
  io.stdout(`Wrote ${what} to ${out}\n`);
  return 0;
};
