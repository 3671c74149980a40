/**
 * `worthmark tally --project FILE [--format table|csv|json] [--lang nl|en] [--separator ,|;]`
 *
 * Prints the documents × regimes table of a project file: counts with row percentages, a totals
 * row, a "documents with ≥1" row and the dominant code overall (rules in analysis/tally.ts).
 * Exit codes: 0 done, 2 bad arguments, 1 unreadable or invalid project file; a failure prints
 * one line on stderr naming the file and the reason.
 */
import { tally } from '../analysis/tally.ts';
import type { LocalText } from '../model/codebook.ts';
import type { CodeId } from '../model/ids.ts';
import { tableToCsv } from '../exchange/csv.ts';
import { parseProjectFile, type ProjectData } from '../exchange/project-file.ts';
import { tallyToJson, tallyToRows, tallyToText } from '../exchange/tally-table.ts';
import type { CliCommand, CliIo } from './io.ts';

/** Exit code for bad arguments. */
export const EXIT_USAGE = 2;
/** Exit code for an unreadable or invalid input file. */
export const EXIT_INPUT = 1;

/** Parsed `--name value` / `--name=value` options and `--flag` switches. */
export type ParsedOptions = Record<string, string | true>;

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
    if (name in parsed) return { error: `--${name} given twice` };
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

/** Reads and checks a project file; on failure returns the one-line message to print. */
export async function loadProject(path: string, io: CliIo): Promise<{ parsed: ProjectData } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    return { error: `cannot read project file "${path}": ${fileFailure(e)}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: `invalid project file "${path}": not UTF-8 text` };
  }
  const result = parseProjectFile(text);
  if ('error' in result) {
    const where = result.error.path ? `${result.error.path}: ` : '';
    return { error: `invalid project file "${path}": ${where}${result.error.reason}` };
  }
  return result;
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

const USAGE = "usage: worthmark tally --project FILE [--format table|csv|json] [--lang nl|en] [--separator ','|';']";

/** `worthmark tally`: prints the documents × codes table of a project file. */
export const tallyCommand: CliCommand = async (argv, io) => {
  const usage = (message: string) => {
    io.stderr(`worthmark tally: ${message} (${USAGE})\n`);
    return EXIT_USAGE;
  };
  const options = parseOptions(argv, ['project', 'format', 'lang', 'separator']);
  if ('error' in options) return usage(options.error);
  const { project: path, format = 'table', separator = ',' } = options.parsed;
  if (typeof path !== 'string' || path === '') return usage('--project FILE is required');
  if (format !== 'table' && format !== 'csv' && format !== 'json') return usage(`unknown format "${String(format)}"`);
  if (separator !== ',' && separator !== ';') return usage(`unsupported separator "${String(separator)}"`);
  const lang = langOption(options.parsed['lang']);
  if (!lang) return usage(`unknown language "${String(options.parsed['lang'])}"`);

  const loaded = await loadProject(path, io);
  if ('error' in loaded) {
    io.stderr(`worthmark tally: ${loaded.error}\n`);
    return EXIT_INPUT;
  }
  const project = loaded.parsed;
  const { codes, names } = projectColumns(project, lang);
  const result = tally({ documents: project.documents, codes, fragments: project.fragments });
  const table = { codeNames: names, lang };
  if (format === 'csv') io.stdout(tableToCsv(tallyToRows(result, table), { separator, bom: false }));
  else if (format === 'json') io.stdout(tallyToJson(result, table));
  else io.stdout(tallyToText(result, table));
  return 0;
};
