/**
 * Shared helpers of the `worthmark` subcommands: option parsing, exit codes, reading a project
 * file, and the options every project command reads (`--lang`, `--by`, `--columns`).
 */
import type { LocalText } from '../model/codebook.ts';
import type { Code } from '../model/codebook.ts';
import type { CodeId } from '../model/ids.ts';
import { reanchorProject } from '../text/reanchor-fragments.ts';
import type { ProjectData } from '../exchange/project-file.ts';
import { readProjectBytes } from '../exchange/project-reader.ts';
import { reportNoteText } from '../exchange/exchange-report.ts';
import type { ReadOriginal } from '../exchange/qdpx-read.ts';
import type { ColumnMode, RowMode } from '../analysis/tally-view.ts';
import type { FragmentFilter } from '../analysis/fragment-filter.ts';
import { runSearch } from '../text/corpus-search.ts';
import { withRegexBudget } from './regex-budget.ts';
import { parseQuery } from '../text/query.ts';
import type { CliIo } from './io.ts';

/** Exit code for bad arguments. */
export const EXIT_USAGE = 2;
/** Exit code for an unreadable or invalid input file. */
export const EXIT_INPUT = 1;

/** Parsed `--name value` / `--name=value` options and `--flag` switches. */
export type ParsedOptions = Record<string, string | true>;

/** True when the arguments ask for a command's help (`--help` or `-h`). */
export function helpRequested(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Parses options of the form `--name value`, `--name=value` and (for names in `switches`)
 * bare `--name`. Unknown names, positional arguments, repeats and missing values are errors.
 */
export function parseOptions(
  argv: readonly string[],
  valued: readonly string[],
  switches: readonly string[] = [],
): { parsed: ParsedOptions } | { error: string } {
  const parsed: ParsedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) return { error: `unexpected argument "${arg}"` };
    const name = match[1]!;
    // Own properties only: "--constructor" is an unknown option, not one "given twice".
    if (Object.hasOwn(parsed, name)) return { error: `--${name} given twice` };
    if (switches.includes(name)) {
      if (match[2] !== undefined) return { error: `--${name} takes no value` };
      parsed[name] = true;
    } else if (valued.includes(name)) {
      const value = match[2] ?? argv[++i];
      if (value === undefined || (match[2] === undefined && value.startsWith('--'))) {
        return { error: `--${name} needs a value` };
      }
      parsed[name] = value;
    } else {
      return { error: `unknown option --${name}` };
    }
  }
  return { parsed };
}

/** Describes a failed file read or write in a few words, from the Node error code. */
export function fileFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads and checks a project-like file by its content — a Worthmark project file (JSON) or
 * project zip, a REFI-QDA .qdpx, or a bare .qde (its `sources/` or `Sources/` folder beside it) —
 * and prints what a REFI-QDA file or zip left out as notes on stderr. On failure returns the
 * one-line message to print.
 */
export async function loadProject(path: string, io: CliIo): Promise<{ parsed: ProjectData; originals: ReadOriginal[] } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    return { error: `cannot read project file "${path}": ${fileFailure(e)}` };
  }
  const folder = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const sourceFile = async (name: string) => {
    for (const dir of ['sources', 'Sources']) {
      try {
        return await io.readFile(`${folder}${dir}/${name}`);
      } catch {
        // try the other spelling
      }
    }
    return undefined;
  };
  const result = await readProjectBytes(bytes, path.replace(/^.*[\\/]/, ''), { sourceFile });
  if ('error' in result) {
    const where = result.error.path ? `${result.error.path}: ` : '';
    return { error: `invalid project file "${path}": ${where}${result.error.reason}` };
  }
  for (const note of result.parsed.report.notes) io.stderr(`worthmark: note: ${reportNoteText(note, 'en')}\n`);
  // Offsets are checked against their quotes, as the app does on restore; the counts say so.
  const data = result.parsed.data;
  const placed = reanchorProject(data.fragments, new Map(data.texts.map((t) => [t.documentId as string, t.text])), new Date().toISOString());
  if (placed.moved + placed.orphaned.length > 0) {
    io.stderr(`worthmark: note: in "${path}", ${placed.moved} fragments were placed again by their quote and ${placed.orphaned.length} were not found in their text (kept with an empty range)\n`);
  }
  return { parsed: { ...data, fragments: placed.fragments }, originals: result.parsed.originals };
}

/** Reads `--lang`; undefined means the value is not a language. */
export function langOption(value: string | true | undefined): keyof LocalText | undefined {
  if (value === undefined) return 'en';
  return value === 'nl' || value === 'en' ? value : undefined;
}

/** The columns of a project's tally: all codes of all codebooks in order, each id once, with names. */
export function projectColumns(project: ProjectData, lang: keyof LocalText): { codes: CodeId[]; names: string[] } {
  const codes: CodeId[] = [];
  const names: string[] = [];
  for (const book of project.codebooks) {
    for (const code of book.codes) {
      if (codes.includes(code.id)) continue;
      codes.push(code.id);
      names.push(code.name[lang]);
    }
  }
  return { codes, names };
}

/** The codes of a project: all codes of all codebooks in order, each id once. */
export function projectCodes(project: ProjectData): Code[] {
  const seen = new Set<string>();
  const codes: Code[] = [];
  for (const book of project.codebooks) {
    for (const code of book.codes) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      codes.push(code);
    }
  }
  return codes;
}

/** Reads `--by document|group|region|year|type` ("group" means region); undefined when invalid. */
export function rowsOption(by: string | true | undefined, groupBy: string | true | undefined): RowMode | undefined {
  if (by === undefined || by === 'document') return groupBy === undefined ? 'document' : undefined;
  if (by === 'group') {
    if (groupBy === undefined) return 'region';
    return groupBy === 'region' || groupBy === 'year' || groupBy === 'type' ? groupBy : undefined;
  }
  if ((by === 'region' || by === 'year' || by === 'type') && groupBy === undefined) return by;
  return undefined;
}

/** Reads `--columns codes|values`; undefined when invalid. */
export function columnsOption(value: string | true | undefined): ColumnMode | undefined {
  if (value === undefined) return 'codes';
  return value === 'codes' || value === 'values' ? value : undefined;
}

/** The filter options every project command reads. */
export const FILTER_OPTIONS = ['coder', 'flag', 'search', 'from', 'to', 'document'] as const;

/** Parses an ISO date (YYYY-MM-DD) as UTC midnight in ms; undefined when invalid. */
function dayStart(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Builds the fragment filter from `--coder ID|NAME`, `--flag ID|none`, `--search NAME` (a saved
 * search of the project: only fragments overlapping its hits), `--from/--to YYYY-MM-DD` (UTC
 * days, both inclusive) and `--document ID|TITLE`; on a bad value returns the message to print
 * (`input` when the project, not the arguments, is at fault: a saved search's regex ran past its budget).
 */
export function filterOption(project: ProjectData, options: ParsedOptions): { filter: FragmentFilter } | { error: string; input?: true } {
  const filter: FragmentFilter = {};
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const coder = text('coder');
  if (coder !== undefined) {
    const found = project.coders.find((c) => c.id === coder || c.name === coder || c.initials === coder);
    if (!found) return { error: `no coder "${coder}" in the project (coders: ${project.coders.map((c) => c.name).join(', ') || 'none'})` };
    filter.coderIds = [found.id];
  }
  const flag = text('flag');
  if (flag !== undefined) {
    if (flag === 'none') filter.flag = { without: true };
    else if (project.codebooks.some((b) => b.flags.some((f) => f.id === flag))) filter.flag = { with: flag };
    else return { error: `no flag "${flag}" in the codebook (use a flag id or "none")` };
  }
  const document = text('document');
  if (document !== undefined) {
    const found = project.documents.find((d) => d.id === document || d.title === document);
    if (!found) return { error: `no document "${document}" in the project` };
    filter.documentIds = [found.id];
  }
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    const ms = dayStart(value);
    if (ms === undefined) return { error: `--${name} needs a date as YYYY-MM-DD, not "${value}"` };
    if (name === 'from') filter.from = ms;
    else filter.to = ms + 86_400_000;
  }
  const search = text('search');
  if (search !== undefined) {
    const saved = project.searches.find((s) => s.name === search || s.id === search);
    if (!saved) return { error: `no saved search "${search}" in the project (searches: ${project.searches.map((s) => `"${s.name}"`).join(', ') || 'none'})` };
    const query = parseQuery(saved.terms);
    if (!('parsed' in query)) return { error: `the saved search "${saved.name}" has an error in its terms` };
    const texts = new Map(project.texts.map((t) => [t.documentId as string, t.text]));
    const searched = withRegexBudget(query.parsed, () =>
      runSearch(
        project.documents.map((d) => ({ id: d.id, title: d.title, text: texts.get(d.id) ?? '', pages: d.pages })),
        query.parsed,
        { width: 0 },
      ),
    );
    if ('timedOut' in searched) return { error: `the saved search "${saved.name}": ${searched.timedOut}`, input: true };
    filter.hits = searched.value.hits.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end }));
  }
  return { filter };
}
