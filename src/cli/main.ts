/**
 * The `worthmark` command: global options and dispatch to subcommands.
 *
 * `main(argv, io)` takes the arguments after the program name and a {@link CliIo}, and returns the
 * exit code, so it runs in tests without spawning a process; `run.ts` wires it to the real process
 * and is what the build (scripts/build-cli.mjs) bundles into the plain-JavaScript bin.
 * Exit codes: 0 done, 2 bad arguments, 1 input that cannot be used.
 *
 * Start-up: this module imports nothing but types. Each command is loaded (a chunk of its own in
 * the build) only when it is the one asked for, so `worthmark --help` parses no command code, and
 * only commands that read PDFs ever load pdf.js. A new command is one entry in {@link COMMANDS}.
 */
import pkg from '../../package.json' with { type: 'json' };
import type { CliCommand, CliIo } from './io.ts';
import type { SearchDependencies } from './search-command.ts';

/** The version printed by `worthmark --version`. */
export const VERSION: string = pkg.version;

/** The text printed by `worthmark --help`. */
export const HELP = `worthmark ${VERSION} — discourse coding of policy texts, on files

usage: worthmark <command> [options]
       worthmark --help | --version

commands:
  search   find the hits of a term list in .pdf/.txt/.docx files or a project, with page and context
           worthmark search (--terms FILE | --search NAME) [--project FILE] [--format json|csv|table] [--context N] [FILES...]
           worthmark search --project FILE --decisions [--search NAME] [--format csv|json|table] [--lang nl|en]
  tally    documents (or groups) × regimes table of a project file
           worthmark tally --project FILE [--by document|group] [--format table|csv|json] [--lang nl|en]
  export   write a project's fragments, tables or appendix to a file
           worthmark export --project FILE --format csv|xlsx|md|docx|html --out FILE
  agreement  intercoder agreement (percent, Cohen's and Fleiss' kappa, Krippendorff's alpha, unitizing alpha)
           worthmark agreement --project A.json --project B.json [--search NAME] [--unit hit|sentence|character] [--format table|csv|json]
           worthmark agreement --table FILE.csv --level nominal|ordinal|interval|ratio [--format table|json]
           worthmark agreement --segments FILE.csv --continuum BEGIN:LENGTH [--coders a,b,...] [--format table|json]

Run "worthmark <command> --help" for the options of a command.
Exit codes: 0 done, 1 an input file cannot be used, 2 bad arguments.
`;

/** What `main` needs besides arguments and streams; tests may replace the PDF source. */
export type MainDependencies = SearchDependencies;

/** Loads a command's module and makes the command; called only for the command that runs. */
type CommandLoader = (deps: Partial<MainDependencies>) => Promise<CliCommand>;

/** Every command by name, each loaded on demand (see the module header). */
const COMMANDS: Readonly<Record<string, CommandLoader>> = {
  search: async (deps) => {
    const { createSearchCommand } = await import('./search-command.ts');
    // The PDF reader (a pool of threads with pdf.js) is loaded on the first PDF a search reads, not here.
    const pdf = deps.pdf ?? (async () => (await import('./pdf-pool.ts')).pooledPdfSource());
    return createSearchCommand({ pdf });
  },
  tally: async () => (await import('./tally-command.ts')).tallyCommand,
  export: async () => (await import('./export-command.ts')).exportCommand,
  agreement: async () => (await import('./agreement-command.ts')).agreementCommand,
};

const COMMAND_NAMES = Object.keys(COMMANDS).join(', ');

/** Runs the command line `argv` (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo, deps: Partial<MainDependencies> = {}): Promise<number> {
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
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!load) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    io.stderr(`worthmark: ${what} (commands: ${COMMAND_NAMES}; see worthmark --help)\n`);
    return 2;
  }
  const command = await load(deps);
  return command([...rest], io);
}
