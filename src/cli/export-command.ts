/**
 * `worthmark export --project FILE --format csv --out FILE [--separator ,|;] [--lang nl|en] [--no-bom]`
 *
 * Writes one CSV row per fragment (exchange/csv.ts): UTF-8 with a byte order mark unless
 * `--no-bom`, `,` or `;` as separator, regime and flag names and headers in `--lang` (default en).
 * Exit codes: 0 done, 2 bad arguments, 1 unreadable or invalid project file or failed write;
 * a failure prints one line on stderr naming the file and the reason.
 */
import { fragmentsToCsv } from '../exchange/csv.ts';
import { fragmentRows } from '../exchange/fragment-rows.ts';
import type { CliCommand } from './io.ts';
import { EXIT_INPUT, EXIT_USAGE, fileFailure, langOption, loadProject, parseOptions } from './tally-command.ts';

const USAGE =
  "usage: worthmark export --project FILE --format csv --out FILE [--separator ','|';'] [--lang nl|en] [--no-bom]";

/** `worthmark export`: writes a project's fragments to a CSV file. */
export const exportCommand: CliCommand = async (argv, io) => {
  const usage = (message: string) => {
    io.stderr(`worthmark export: ${message} (${USAGE})\n`);
    return EXIT_USAGE;
  };
  const options = parseOptions(argv, ['project', 'format', 'out', 'separator', 'lang'], ['no-bom']);
  if ('error' in options) return usage(options.error);
  const { project: path, format, out, separator = ',' } = options.parsed;
  if (typeof path !== 'string' || path === '') return usage('--project FILE is required');
  if (format === undefined) return usage('--format is required');
  if (format !== 'csv') return usage(`unsupported format "${String(format)}" (only csv)`);
  if (typeof out !== 'string' || out === '') return usage('--out FILE is required');
  if (separator !== ',' && separator !== ';') return usage(`unsupported separator "${String(separator)}"`);
  const lang = langOption(options.parsed['lang']);
  if (!lang) return usage(`unknown language "${String(options.parsed['lang'])}"`);

  const loaded = await loadProject(path, io);
  if ('error' in loaded) {
    io.stderr(`worthmark export: ${loaded.error}\n`);
    return EXIT_INPUT;
  }
  const rows = fragmentRows(loaded.parsed, lang);
  const csv = fragmentsToCsv(rows, { separator, bom: options.parsed['no-bom'] !== true, lang });
  try {
    await io.writeFile(out, new TextEncoder().encode(csv));
  } catch (e) {
    io.stderr(`worthmark export: cannot write "${out}": ${fileFailure(e)}\n`);
    return EXIT_INPUT;
  }
  io.stdout(`Wrote ${rows.length} fragment${rows.length === 1 ? '' : 's'} to ${out}\n`);
  return 0;
};
