/**
 * The `worthmark` command: global options and dispatch to subcommands.
 *
 * `main(argv, io)` takes the arguments after the program name and a {@link CliIo}, and returns the
 * exit code, so it runs in tests without spawning a process; `worthmark.js` is the thin bin that
 * wires it to the real process. Exit codes: 0 done, 2 bad arguments, 1 input that cannot be used.
 */
import pkg from '../../package.json' with { type: 'json' };
import { exportCommand } from './export-command.ts';
import type { CliCommand, CliIo } from './io.ts';
import { createSearchCommand, type SearchDependencies } from './search-command.ts';
import { tallyCommand } from './tally-command.ts';

/** The version printed by `worthmark --version`. */
export const VERSION: string = pkg.version;

/** The text printed by `worthmark --help`. */
export const HELP = `worthmark ${VERSION} — discourse coding of policy texts, on files

usage: worthmark <command> [options]
       worthmark --help | --version

commands:
  search   find the hits of a term list in .pdf/.txt/.docx files or a project, with page and context
           worthmark search (--terms FILE | --search NAME) [--project FILE] [--format json|csv|table] [--context N] [FILES...]
  tally    documents (or groups) × regimes table of a project file
           worthmark tally --project FILE [--by document|group] [--format table|csv|json] [--lang nl|en]
  export   write a project's fragments, tables or appendix to a file
           worthmark export --project FILE --format csv|xlsx|md|docx|html --out FILE

Run "worthmark <command> --help" for the options of a command.
Exit codes: 0 done, 1 an input file cannot be used, 2 bad arguments.
`;

/** What `main` needs besides arguments and streams; tests may replace the PDF source. */
export type MainDependencies = SearchDependencies;

async function defaultPdfSource(): Promise<SearchDependencies['pdf']> {
  // Loaded only when needed; pdf.js itself loads on the first PDF.
  const { nodePdfSource } = await import('../import/pdf-node.ts');
  return nodePdfSource;
}

/** Runs the command line `argv` (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo, deps?: Partial<MainDependencies>): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr('worthmark: no command given (usage: worthmark <command> [options]; see worthmark --help)\n');
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (first === '--version' || first === '-V' || first === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let command: CliCommand;
  if (first === 'search') {
    const pdf = deps?.pdf ?? (await defaultPdfSource());
    command = createSearchCommand({ pdf });
  } else if (first === 'tally') command = tallyCommand;
  else if (first === 'export') command = exportCommand;
  else {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    io.stderr(`worthmark: ${what} (commands: search, tally, export; see worthmark --help)\n`);
    return 2;
  }
  return command([...rest], io);
}
