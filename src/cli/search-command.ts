/**
 * `worthmark search (--terms FILE | --search NAME) [--project FILE] [--format json|csv|table] [--context N] [FILES...]`
 *
 * The thesis "CTRL-F" method on files: every hit of every term of a term list (query language in
 * text/query.ts, matching rules in text/matcher.ts) in .pdf, .docx and .txt files and/or in the
 * documents of a project file, with the page and the words around it. Files are read with the
 * same import as the app (import/extract.ts), so the search runs on the normalised text and
 * offsets are the app's offsets; a project file carries that normalised text already. With
 * `--project`, `--search NAME` takes the term list of a search set saved in the project.
 *
 * Output: `json` (default) is `{documents:[{file, hits, byTerm}], hits:[{file, term, match, page,
 * start, end, left, right}]}` — `file` is the file name without folder and extension (for a
 * project document: the name of the file it was imported from, the same way), `term` the
 * term line as written in the term file, `page` the 1-based page number in the file, `start`/`end`
 * UTF-16 offsets into the normalised text; `byTerm` lists every term, zeros included. `csv` is one
 * row per hit (with the page label as well); `table` is the counts per term and document followed by
 * the hits in context.
 *
 * With `--project F --decisions` (and optionally `--search NAME`) it prints the worklist decisions of
 * the project's saved search sets instead (exchange/decisions-table.ts): every hit with its state
 * (open, coded, dismissed), the reason of a dismissal and the regimes of the fragment that codes it —
 * as csv (default), json or table; `--lang nl` for Dutch headers and states.
 *
 * Exit codes: 0 done (also with no hits), 2 bad arguments, 1 unreadable file, a file that cannot be
 * imported, or a term file with an error; every failure prints one line on stderr naming the file
 * (and line) and the reason.
 */
import type { ExtractedDocument } from '../model/document.ts';
import type { ProjectData } from '../exchange/project-file.ts';
import { tableToCsv, type CsvCell } from '../exchange/csv.ts';
import { baseName, extractFile, formatOf } from '../import/extract.ts';
import type { PdfTextSource } from '../import/pdf-text.ts';
import { MAX_PAGES } from '../import/limits.ts';
import { DEFAULT_KWIC_WIDTH } from '../text/concordance.ts';
import { runSearch } from '../text/corpus-search.ts';
import { withRegexBudget } from './regex-budget.ts';
import { parseQuery, type Query, type QueryError, type QueryErrorReason } from '../text/query.ts';
import type { CliCommand, CliIo } from './io.ts';

/** Exit code for bad arguments. */
export const EXIT_USAGE = 2;
/** Exit code for input that cannot be read or used. */
export const EXIT_INPUT = 1;

/** The usage line of `worthmark search`. */
export const SEARCH_USAGE =
  'usage: worthmark search (--terms FILE | --search NAME) [--project FILE] [--format json|csv|table] [--context N] [FILES...] | --project FILE --decisions [--search NAME] [--lang nl|en]';

const SEARCH_HELP = `${SEARCH_USAGE}

Finds every hit of the terms in FILE (one term per line) in .pdf, .docx and .txt files and in
the documents of a project file.

Options:
  --terms FILE     the term list: one term per line; # comments; wereld* (wildcard, also
                   inside a word: internationali*ring), wereldwijd(e) (optional part),
                   grens/grenzen (alternatives, one term), "culturele diplomatie" (phrase),
                   (inter-) (words starting with inter-), /regex/, Label: term
  --project FILE   also search the documents of this Worthmark project file (.worthmark.json)
  --search NAME    with --project: use the term list of the project's search set NAME
  --format F       json (default), csv (one row per hit) or table
  --context N      characters of context left and right of a hit (default ${DEFAULT_KWIC_WIDTH})
  --decisions      with --project: the worklist decisions of the project's search sets (all, or
                   the one named by --search): every hit with its state (open, coded, dismissed),
                   the reason of a dismissal and the regimes that code it; csv by default
  --lang L         with --decisions: en (default) or nl headers and states
  -h, --help       show this help

Matching is case- and accent-insensitive, on whole words. Pages in json are page numbers in
the file (1 = first page); csv and table also show the printed page label.
`;

/** The output formats of `worthmark search`. */
export type SearchFormat = 'json' | 'csv' | 'table';

/** Parsed arguments of `worthmark search`. */
export interface SearchArgs {
  /** The term file, unless the term list comes from a saved search (`search`). */
  terms?: string;
  /** The name of a search set saved in the project. */
  search?: string;
  project?: string;
  format: SearchFormat;
  context: number;
  files: string[];
  /** Print the worklist decisions of the project's saved searches instead of searching. */
  decisions?: boolean;
  lang?: 'nl' | 'en';
}

/** Parses the arguments after `search`; `{help: true}` for -h/--help, `{error}` for a usage error. */
export function parseSearchArgs(argv: readonly string[]): { parsed: SearchArgs } | { help: true } | { error: string } {
  const given: Record<string, string> = {};
  const files: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--decisions') {
      if ('decisions' in given) return { error: '--decisions given twice' };
      given.decisions = '';
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !['terms', 'format', 'context', 'project', 'search', 'lang'].includes(m[1]!)) return { error: `unknown option ${arg}` };
    const name = m[1]!;
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) return { error: `--${name} needs a value` };
    if (Object.hasOwn(given, name)) return { error: `--${name} given twice` };
    given[name] = value;
  }
  const { terms, search, project, format, context, lang } = given;
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') return { error: `--lang must be nl or en, not "${lang}"` };
  if ('decisions' in given) {
    if (project === undefined) return { error: '--decisions needs --project FILE' };
    if (terms !== undefined) return { error: '--decisions reads the search sets saved in the project; leave out --terms' };
    if (files.length > 0) return { error: '--decisions reads the project\'s documents only; leave out the files' };
    const fmt = format ?? 'csv';
    if (fmt !== 'json' && fmt !== 'csv' && fmt !== 'table') return { error: `unknown format "${fmt}"` };
    return {
      parsed: { ...(search !== undefined ? { search } : {}), project, format: fmt, context: DEFAULT_KWIC_WIDTH, files: [], decisions: true, lang: (lang ?? 'en') as 'nl' | 'en' },
    };
  }
  if (lang !== undefined) return { error: '--lang goes with --decisions' };
  if (terms !== undefined && search !== undefined) return { error: 'give --terms FILE or --search NAME, not both' };
  if (search !== undefined && project === undefined) return { error: '--search NAME needs --project FILE' };
  if ((terms === undefined || terms === '') && (search === undefined || search === '')) return { error: '--terms FILE is required' };
  const fmt = format ?? 'json';
  if (fmt !== 'json' && fmt !== 'csv' && fmt !== 'table') return { error: `unknown format "${fmt}"` };
  let width = DEFAULT_KWIC_WIDTH;
  if (context !== undefined) {
    if (!/^\d+$/.test(context) || Number(context) > 10000) return { error: `--context must be a whole number from 0 to 10000, not "${context}"` };
    width = Number(context);
  }
  if (files.length === 0 && project === undefined) return { error: 'no files to search' };
  return {
    parsed: {
      ...(terms !== undefined ? { terms } : {}),
      ...(search !== undefined ? { search } : {}),
      ...(project !== undefined ? { project } : {}),
      format: fmt,
      context: width,
      files,
    },
  };
}

/** One searched document in the report. */
export interface SearchDocumentResult {
  /** File name without folder and extension. */
  file: string;
  hits: number;
  /** Hits per term, keyed by the term as written in the term file; every term is listed. */
  byTerm: Record<string, number>;
}

/** One hit in the report. */
export interface SearchHitResult {
  file: string;
  /** The term as written in the term file. */
  term: string;
  /** The matched text, exactly as in the normalised text ([start, end)). */
  match: string;
  /** 1-based page number in the file. */
  page: number;
  start: number;
  end: number;
  left: string;
  right: string;
}

/** The JSON report of `worthmark search`. */
export interface SearchReport {
  documents: SearchDocumentResult[];
  hits: SearchHitResult[];
}

/** Searches extracted documents (via text/corpus-search.ts, as the app does); `labels` holds each hit's page label for csv/table. */
export function searchDocuments(
  documents: ReadonlyArray<{ file: string; document: ExtractedDocument }>,
  query: Query,
  options: { context?: number } = {},
): { report: SearchReport; labels: string[] } {
  const keys = query.terms.map((t) => t.source);
  const searchable = documents.map((d, i) => ({ id: String(i), title: d.file, text: d.document.text, pages: d.document.pages }));
  const result = runSearch(searchable, query, { width: options.context ?? DEFAULT_KWIC_WIDTH });
  const report: SearchReport = {
    documents: result.documents.map((d) => ({
      file: d.title,
      hits: d.hits,
      byTerm: Object.fromEntries(keys.map((k, t) => [k, d.byTerm[t] ?? 0])),
    })),
    hits: result.hits.map((h) => ({
      file: documents[Number(h.documentId)]!.file,
      term: keys[h.termIndex]!,
      match: h.match,
      page: h.pageIndex,
      start: h.start,
      end: h.end,
      left: h.left,
      right: h.right,
    })),
  };
  return { report, labels: result.hits.map((h) => h.page) };
}

const QUERY_REASONS: Record<QueryErrorReason, string> = {
  'empty-term': 'empty term',
  'empty-label': 'label without a name before the colon',
  'empty-alternative': 'empty alternative around a /',
  'wildcard-only': 'a * on its own would match everything',
  'unclosed-quote': 'quote not closed',
  'unexpected-quote': 'unexpected quote',
  'unclosed-group': 'parenthesis ( not closed',
  'unexpected-group-close': 'parenthesis ) without (',
  'nested-group': 'parentheses cannot be nested',
  'empty-group': 'empty parentheses ()',
  'invalid-regex': 'invalid regular expression',
  'regex-flags': 'flags after /regex/ are not supported (search is always case-insensitive)',
  'regex-matches-empty': 'the regular expression also matches empty text',
  'duplicate-term': 'this term is already in the list',
  'term-too-long': 'this line is too long for a search term (at most 500 characters)',
  'too-many-terms': 'too many terms (at most 500 in one list)',
};

/** One line describing a term-file error: `FILE:LINE:COLUMN: reason (detail)`. */
export function describeQueryError(file: string, error: QueryError): string {
  const detail = error.detail ? ` (${error.detail})` : '';
  return `${file}:${error.line}:${error.column}: ${QUERY_REASONS[error.reason] ?? error.reason}${detail}`;
}

/** Describes a failed file read in a few words, from the Node error code. */
export function readFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

const IMPORT_REASONS: Record<string, string> = {
  'unsupported-type': 'not a .pdf, .docx or .txt file',
  empty: 'the file is empty',
  'too-large': 'the file is too large',
  'too-many-pages': `more pages than a document may have (${MAX_PAGES})`,
  encrypted: 'the PDF is encrypted',
  corrupt: 'the file is damaged or not a PDF',
  'no-text': 'the PDF has no text layer (scanned?)',
  'too-slow': 'reading the PDF got stuck (probably damaged)',
  duplicate: 'duplicate file',
  'read-error': 'the file could not be read',
  quota: 'out of storage space',
};

function toCsv(report: SearchReport, labels: readonly string[]): string {
  const rows: CsvCell[][] = [['file', 'term', 'match', 'page', 'page_label', 'start', 'end', 'left', 'right']];
  report.hits.forEach((h, i) => rows.push([h.file, h.term, h.match, h.page, labels[i], h.start, h.end, h.left, h.right]));
  return tableToCsv(rows, { bom: false });
}

/** `s` padded with spaces to `n` characters (on the left with `right`). */
export function pad(s: string, n: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, n - s.length));
  return right ? fill + s : s + fill;
}

function toTable(report: SearchReport, labels: readonly string[], terms: readonly string[]): string {
  const files = report.documents.map((d) => d.file);
  const header = ['term', ...files, 'total'];
  const rows = terms.map((t) => {
    const counts = report.documents.map((d) => d.byTerm[t] ?? 0);
    return [t, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
  });
  const totals = report.documents.map((d) => d.hits);
  rows.push(['(all terms)', ...totals.map(String), String(totals.reduce((a, b) => a + b, 0))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => pad(cell, widths[c]!, c > 0)).join('  ').trimEnd();
  let out = [line(header), ...rows.map(line)].join('\n') + '\n';
  if (report.hits.length > 0) {
    out += '\n';
    const where = report.hits.map((h, i) => `${h.file} p. ${labels[i]}`);
    const w = Math.max(...where.map((s) => s.length));
    const left = Math.max(...report.hits.map((h) => h.left.length));
    report.hits.forEach((h, i) => {
      // No space where the text has none: "[internationalisering]." not "[internationalisering] .".
      const before = /[(\[‘“'"\/-]$/.test(h.left) ? '' : ' ';
      const after = /^[.,;:!?)\]’”'"…\/-]/.test(h.right) ? '' : ' ';
      out += `${pad(where[i]!, w)}  ${pad(h.left, left, true)}${before}[${h.match.replace(/\s+/g, ' ')}]${after}${h.right}`.trimEnd() + '\n';
    });
  }
  return out;
}

/** Dependencies of the search command that tests may replace. */
export interface SearchDependencies {
  /** The PDF text source (pdf.js); made only when a PDF is read, and closed (if it can be) when the command ends. */
  pdf: () => PdfReader | Promise<PdfReader>;
}

/** A PDF source the command may start ahead of its first PDF (`warm`) and closes when it ends. */
type PdfReader = PdfTextSource & { warm?(): void; close?(): void };

/** How many files are read and extracted at once (their bytes and texts are held meanwhile). */
const FILES_AT_ONCE = 8;

/** Reads a file and extracts it; a read failure is returned, not thrown. */
async function readAndExtract(io: CliIo, path: string, pdf: PdfTextSource): Promise<Awaited<ReturnType<typeof extractFile>> | { readError: unknown }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    return { readError: e };
  }
  return extractFile(path, bytes, pdf);
}

/**
 * Runs `task(0)`, …, `task(count - 1)` with at most `limit` under way at once, in that order;
 * returns their results' promises by index (each already has a handler, so one that fails while
 * an earlier one is awaited is no unhandled rejection).
 */
export function inOrder<T>(count: number, limit: number, task: (i: number) => Promise<T>): Array<Promise<T>> {
  const results: Array<Promise<T>> = [];
  const starts: Array<() => void> = [];
  let next = 0;
  const startNext = (): void => {
    if (next < count) starts[next++]!();
  };
  for (let i = 0; i < count; i++) {
    results.push(
      new Promise<T>((resolve, reject) => {
        starts.push(() => {
          task(i).then(resolve, reject).finally(startNext);
        });
      }),
    );
    results[i]!.catch(() => undefined);
  }
  for (let k = 0; k < Math.min(limit, count); k++) startNext();
  return results;
}

/** Makes the `search` command with the given PDF source. */
export function createSearchCommand(deps: SearchDependencies): CliCommand {
  return async (argv: string[], io: CliIo): Promise<number> => {
    const fail = (message: string, code: number): number => {
      io.stderr(`worthmark search: ${message}\n`);
      return code;
    };
    const args = parseSearchArgs(argv);
    if ('help' in args) {
      io.stdout(SEARCH_HELP);
      return 0;
    }
    if ('error' in args) return fail(`${args.error} (${SEARCH_USAGE})`, EXIT_USAGE);
    const { format, context, files } = args.parsed;

    let project: ProjectData | undefined;
    // The project reader is loaded only for a project (see search-project.ts).
    const projects = args.parsed.project !== undefined ? await import('./search-project.ts') : undefined;
    if (projects && args.parsed.project !== undefined) {
      const loaded = await projects.loadProject(args.parsed.project, io);
      if ('error' in loaded) return fail(loaded.error, EXIT_INPUT);
      project = loaded.parsed;
    }

    if (args.parsed.decisions) return projects!.printDecisions(io, project!, args.parsed, fail);

    let termsPath: string;
    let termText: string;
    if (args.parsed.search !== undefined) {
      const name = args.parsed.search;
      const saved = project!.searches.find((s) => s.name === name) ?? project!.searches.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!saved) {
        const names = project!.searches.map((s) => `"${s.name}"`).join(', ') || 'none';
        return fail(`${args.parsed.project}: no search set named "${name}" (search sets: ${names})`, EXIT_INPUT);
      }
      termsPath = `${args.parsed.project} search set "${saved.name}"`;
      termText = saved.terms;
    } else {
      termsPath = args.parsed.terms!;
      let termBytes: Uint8Array;
      try {
        termBytes = await io.readFile(termsPath);
      } catch (e) {
        return fail(`cannot read term file "${termsPath}": ${readFailure(e)}`, EXIT_INPUT);
      }
      try {
        termText = new TextDecoder('utf-8', { fatal: true }).decode(termBytes);
      } catch {
        return fail(`${termsPath}: not UTF-8 text`, EXIT_INPUT);
      }
    }
    const parsed = parseQuery(termText);
    if ('error' in parsed) return fail(describeQueryError(termsPath, parsed.error), EXIT_INPUT);
    if (parsed.parsed.terms.length === 0) return fail(`${termsPath}: no terms (only blank or # comment lines)`, EXIT_INPUT);

    const documents: Array<{ file: string; document: ExtractedDocument }> = project ? projects!.projectDocuments(project) : [];
    // The PDF reader is made (and pdf.js loaded) only when there is a PDF to read: at once, so it
    // loads while the files are read.
    let source: Promise<PdfReader> | undefined;
    const reader = (): Promise<PdfReader> => (source ??= Promise.resolve(deps.pdf()));
    const pdf: PdfTextSource = { extract: async (...a) => (await reader()).extract(...a) };
    if (files.some((f) => formatOf(f) === 'pdf')) (await reader()).warm?.();
    try {
      // Files are read and extracted several at a time (PDFs in the reader's threads), and
      // reported in the order given: the first file that fails, in that order, ends the command.
      for (const [i, read] of inOrder(files.length, FILES_AT_ONCE, (i) => readAndExtract(io, files[i]!, pdf)).entries()) {
        const r = await read;
        const path = files[i]!;
        if ('readError' in r) return fail(`cannot read "${path}": ${readFailure(r.readError)}`, EXIT_INPUT);
        if (!r.ok) {
          const { reason, detail } = r.error;
          return fail(`${path}: ${IMPORT_REASONS[reason] ?? reason}${detail ? ` (${detail})` : ''}`, EXIT_INPUT);
        }
        documents.push({ file: baseName(path), document: r.value });
      }
    } finally {
      if (source) (await source).close?.();
    }

    const searched = withRegexBudget(parsed.parsed, () => searchDocuments(documents, parsed.parsed, { context }));
    if ('timedOut' in searched) return fail(`${termsPath}: ${searched.timedOut}`, EXIT_INPUT);
    const { report, labels } = searched.value;
    if (format === 'json') io.stdout(JSON.stringify(report) + '\n');
    else if (format === 'csv') io.stdout(toCsv(report, labels));
    else io.stdout(toTable(report, labels, parsed.parsed.terms.map((t) => t.source)));
    return 0;
  };
}
