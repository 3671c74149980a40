/**
 * `worthmark agreement`: intercoder agreement, in three forms.
 *
 * 1. `--project A.json --project B.json [--search NAME] [--unit hit|sentence|character]
 *    [--level nominal] [--format table|csv|json]` — two (or more) coders' project files, each file
 *    one coder; documents are matched by their text (the same normalised text in both files),
 *    regimes by id, then by name. One `--project` holding several coders (a merged project)
 *    compares its coders (`--coders` picks them). Agreement per analysis/agreement-units.ts.
 * 2. `--table FILE.csv --level nominal|ordinal|interval|ratio` — a reliability data table
 *    (exchange/reliability-csv.ts): Krippendorff's α at the level, Cohen's κ (two coders),
 *    Fleiss' κ and percent agreement.
 * 3. `--segments FILE.csv --continuum BEGIN:LENGTH [--coders a,b,…]` — unitizing α per category
 *    and overall (analysis/agreement-unitizing.ts).
 *
 * Exit codes: 0 done, 2 bad arguments, 1 an input that cannot be used (unreadable or invalid file,
 * ragged rows, a level that does not fit the values, overlapping segments of one coder in one
 * category, fewer than 2 coders, no documents in common); every failure prints one line on
 * stderr. Undefined coefficients are printed as null (JSON) or "–" (table), never NaN.
 */
import { checkLevel, fleissKappa, headlineKappa, krippendorffAlpha, MEASUREMENT_LEVELS, percentAgreement, cohenKappa, type MeasurementLevel, type ReliabilityData, type UndefinedReason } from '../analysis/agreement.ts';
import { unitizingAlpha, type UnitizingError } from '../analysis/agreement-unitizing.ts';
import { AGREEMENT_UNITS, computeAgreement, type AgreementDismissal, type AgreementFragment, type AgreementResult, type AgreementUnitKind } from '../analysis/agreement-units.ts';
import type { Code, LocalText } from '../model/codebook.ts';
import { tableToCsv } from '../exchange/csv.ts';
import type { ProjectData } from '../exchange/project-file.ts';
import { planMerge, type DocumentMatchKind } from '../exchange/merge-plan.ts';
import type { Fragment } from '../model/fragment.ts';
import { agreementSummaryTable, agreementToJson, disagreementTable, type AgreementTableContext } from '../exchange/agreement-table.ts';
import { MAX_TABLE_BYTES, parseReliabilityCsv, parseSegmentsCsv, tableCsvErrorText, type SegmentRow } from '../exchange/reliability-csv.ts';
import { typedTableToCsv, type Table } from '../exchange/table.ts';
import { runSearch } from '../text/corpus-search.ts';
import { withRegexBudget } from './regex-budget.ts';
import { parseQuery } from '../text/query.ts';
import { EXIT_INPUT, EXIT_USAGE, fileFailure, helpRequested, langOption, loadProject, parseOptions, projectCodes, type ParsedOptions } from './args.ts';
import type { CliCommand, CliIo } from './io.ts';

const USAGE = `usage: worthmark agreement --project A.json --project B.json [--search NAME] [--unit hit|sentence|character] [--level nominal] [--format table|csv|json]
       worthmark agreement --table FILE.csv --level nominal|ordinal|interval|ratio [--format table|json]
       worthmark agreement --segments FILE.csv --continuum BEGIN:LENGTH [--coders a,b,...] [--format table|json]`;

const HELP = `${USAGE}

Intercoder agreement: percent agreement, Cohen's kappa (two coders), Fleiss' kappa and
Krippendorff's alpha; unitizing alpha for segments.

Coders' projects (--project, two or more files, each file one coder; or one merged project):
  --search NAME     the search set whose hits are the units (default: the only one there is)
  --unit U          hit (default: each hit of the search set), sentence or character
  --level nominal   regimes are nominal; other levels do not fit them
  --not-coded M     value (default: leaving a unit uncoded is a value) or missing (compare
                    only units both coded)
  --coders A,B      with one merged project: the coders to compare (name, initials or id)
  --show S          summary (default) or disagreements, for table and csv output
  --lang nl|en      names of regimes and values (default en)
  --separator , ;   CSV separator (default ,)
  json prints {"unit","coders","units","overall":{"percent","kappa","alpha"},
  "byCode":{"<regime>":{"n","percent","kappa","alpha"}},"disagreements":[...]};
  kappa is Cohen's for two coders, Fleiss' for more; n counts the units where at least one
  coder gave the regime; percent is 0-100.

Reliability data table (--table): a header row of coder names, one row per unit, an empty cell
for a missing value; values are numbers or labels; separator , ; or TAB.
  --level L         nominal, ordinal, interval or ratio (ordinal and up need numbers)
  json prints {"units","coders","level","alpha","kappa" (Cohen's, two coders; else null),
  "fleissKappa","percent"}

Segments (--segments): rows coder,start,length,category (a header row is optional), whole
numbers; segments of one coder in one category may not overlap.
  --continuum B:L   the continuum: begin and length
  --coders A,B      all coders, also those without any segment
  json prints {"alpha_u","byCategory":{"<category>":{"alpha","D_o","D_e"}}}

Undefined values (one category everywhere, fewer than two pairable values) are null.
Exit codes: 0 done, 1 an input cannot be used, 2 bad arguments.
`;

/** Takes every `--project X` / `--project=X` out of argv (the option may repeat). */
function takeProjects(argv: readonly string[]): { projects: string[]; rest: string[] } | { error: string } {
  const projects: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--project') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { error: '--project needs a value' };
      projects.push(value);
      i++;
    } else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
    else rest.push(arg);
  }
  return { projects, rest };
}

const fmt = (x: number | null, digits = 3): string => (x === null ? '–' : x.toFixed(digits));

/** Aligns rows of cells as text columns, the first left-aligned. */
function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const render = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [render(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(render)].join('\n') + '\n';
}

function why(reason: UndefinedReason | undefined): string {
  return reason === 'no-variation' ? 'undefined: every value is the same' : reason === 'too-few-pairable-values' ? 'undefined: fewer than two pairable values' : '';
}

// ---------------------------------------------------------------------------------------------
// --table
// ---------------------------------------------------------------------------------------------

async function readText(path: string, what: string, io: CliIo): Promise<{ text: string } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    return { error: `cannot read ${what} "${path}": ${fileFailure(e)}` };
  }
  if (bytes.length > MAX_TABLE_BYTES) return { error: `${what} "${path}" is larger than ${MAX_TABLE_BYTES / 1024 / 1024} MB` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: `${what} "${path}" is not UTF-8 text` };
  }
}

async function tableForm(path: string, options: ParsedOptions, io: CliIo, fail: (m: string) => number, usage: (m: string) => number): Promise<number> {
  const level = options['level'];
  if (level === undefined) return usage('--table needs --level nominal|ordinal|interval|ratio');
  if (!MEASUREMENT_LEVELS.includes(level as MeasurementLevel)) return usage(`unknown level "${String(level)}" (nominal, ordinal, interval or ratio)`);
  const format = options['format'] ?? 'table';
  if (format !== 'table' && format !== 'json') return usage(`--table prints table or json, not "${String(format)}"`);
  const read = await readText(path, 'table', io);
  if ('error' in read) return fail(read.error);
  const parsed = parseReliabilityCsv(read.text);
  if ('error' in parsed) return fail(`table "${path}": ${tableCsvErrorText(parsed.error)}`);
  const table = parsed.parsed;
  const data: ReliabilityData = { units: table.units };
  const mismatch = checkLevel(data, level as MeasurementLevel);
  if (mismatch) {
    if (mismatch.reason === 'too-many-values') return fail(`table "${path}": ${mismatch.values} distinct values; the ratio level pairs every two of them and takes at most ${mismatch.limit}`);
    if (mismatch.reason === 'too-many-pairs') return fail(`table "${path}": ${mismatch.pairs} pairs of different values within units; the ratio level compares each pair and takes at most ${mismatch.limit}`);
    // Name the first cell that does not fit.
    for (const [u, row] of table.units.entries()) {
      for (const [c, v] of row.entries()) {
        if (v === null) continue;
        const bad = mismatch.reason === 'not-numeric' ? typeof v !== 'number' : typeof v === 'number' && v < 0;
        if (bad) {
          const what = mismatch.reason === 'not-numeric' ? `"${v}" is not a number, and the ${level} level needs numbers` : `${v} is negative, and the ratio level needs values of 0 or more`;
          return fail(`table "${path}": row ${u + 2}, coder "${table.coders[c]}": ${what}`);
        }
      }
    }
  }
  const alpha = krippendorffAlpha(data, level as MeasurementLevel);
  const kappa = table.coders.length === 2 ? cohenKappa(data) : null;
  const fleiss = fleissKappa(data);
  const percent = percentAgreement(data);
  if (format === 'json') {
    io.stdout(
      JSON.stringify({
        units: table.units.length,
        coders: table.coders.length,
        level,
        alpha: alpha.alpha,
        kappa: kappa ? kappa.kappa : null,
        fleissKappa: fleiss.kappa,
        percent: percent.percent,
      }) + '\n',
    );
    return 0;
  }
  io.stdout(
    `${table.units.length} units, ${table.coders.length} coders (${table.coders.join(', ')}), ${alpha.pairableUnits} units with two or more values\n` +
      textTable([
        ['measure', 'value', ''],
        [`Krippendorff's alpha (${level})`, fmt(alpha.alpha), why(alpha.undefinedBecause)],
        ["Cohen's kappa", kappa ? fmt(kappa.kappa) : '–', kappa ? why(kappa.undefinedBecause) : 'two coders only'],
        ["Fleiss' kappa", fmt(fleiss.kappa), why(fleiss.undefinedBecause)],
        ['percent agreement', fmt(percent.percent, 1), ''],
      ]),
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------
// --segments
// ---------------------------------------------------------------------------------------------

function unitizingErrorText(e: UnitizingError, rows: readonly SegmentRow[], coders: readonly string[], begin: number, length: number): string {
  switch (e.reason) {
    case 'too-few-coders':
      return `${e.coders} coder${e.coders === 1 ? '' : 's'} (${coders.join(', ') || 'none'}); agreement needs at least 2 (name coders without segments with --coders)`;
    case 'bad-continuum':
      return 'the continuum is empty';
    case 'bad-segment': {
      const r = rows[e.index]!;
      return `row ${r.row}: the length must be 1 or more, not ${r.length}`;
    }
    case 'outside-continuum': {
      const r = rows[e.index]!;
      return `row ${r.row}: the segment ${r.start}–${r.start + r.length} lies outside the continuum ${begin}–${begin + length}`;
    }
    case 'overlap': {
      const r = rows[e.index]!;
      return `row ${r.row}: coder "${r.coder}" has overlapping segments in category "${r.category}" (rows ${rows[e.other]!.row} and ${r.row})`;
    }
  }
}

async function segmentsForm(path: string, options: ParsedOptions, io: CliIo, fail: (m: string) => number, usage: (m: string) => number): Promise<number> {
  const continuum = options['continuum'];
  if (typeof continuum !== 'string') return usage('--segments needs --continuum BEGIN:LENGTH');
  const m = /^\s*([+-]?\d+)\s*:\s*(\d+)\s*$/.exec(continuum);
  if (!m || !Number.isSafeInteger(Number(m[1])) || !Number.isSafeInteger(Number(m[2])) || Number(m[2]) < 1) {
    return usage(`--continuum needs BEGIN:LENGTH as whole numbers with a length of 1 or more, not "${continuum}"`);
  }
  const begin = Number(m[1]);
  const length = Number(m[2]);
  const format = options['format'] ?? 'table';
  if (format !== 'table' && format !== 'json') return usage(`--segments prints table or json, not "${String(format)}"`);
  const read = await readText(path, 'segments file', io);
  if ('error' in read) return fail(read.error);
  const parsed = parseSegmentsCsv(read.text);
  if ('error' in parsed) return fail(`segments file "${path}": ${tableCsvErrorText(parsed.error)}`);
  const rows = parsed.parsed;
  let coders: string[];
  if (typeof options['coders'] === 'string') {
    coders = options['coders'].split(',').map((c) => c.trim()).filter((c) => c !== '');
    if (new Set(coders).size !== coders.length) return usage('--coders names a coder twice');
    const stranger = rows.find((r) => !coders.includes(r.coder));
    if (stranger) return fail(`segments file "${path}": row ${stranger.row}: coder "${stranger.coder}" is not among --coders (${coders.join(', ')})`);
  } else coders = [...new Set(rows.map((r) => r.coder))];
  const index = new Map(coders.map((c, i) => [c, i]));
  const result = unitizingAlpha({
    begin,
    length,
    coders: coders.length,
    segments: rows.map((r) => ({ coder: index.get(r.coder)!, start: r.start, length: r.length, category: r.category })),
  });
  if (!result.ok) return fail(`segments file "${path}": ${unitizingErrorText(result.error, rows, coders, begin, length)}`);
  const r = result.value;
  if (format === 'json') {
    const byCategory: Record<string, { alpha: number | null; D_o: number; D_e: number }> = {};
    for (const [name, c] of r.byCategory) byCategory[name] = { alpha: c.alpha, D_o: c.observed, D_e: c.expected };
    io.stdout(JSON.stringify({ alpha_u: r.alpha, byCategory }) + '\n');
    return 0;
  }
  io.stdout(
    `${rows.length} segments, ${coders.length} coders (${coders.join(', ')}), continuum ${begin}–${begin + length}\n` +
      textTable([
        ['category', 'segments', 'D_o', 'D_e', 'u-alpha'],
        ...[...r.byCategory].map(([name, c]) => [name, String(c.segments), fmt(c.observed, 4), fmt(c.expected, 4), fmt(c.alpha)]),
        ['all categories', String(rows.length), fmt(r.observed, 4), fmt(r.expected, 4), fmt(r.alpha)],
      ]),
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------
// --project
// ---------------------------------------------------------------------------------------------

/** One coder as compared: a name and where their codings come from. */
interface ComparedCoder {
  id: string;
  name: string;
}

/** A saved search of a project by name or id. */
function findSearch(project: ProjectData, name: string) {
  return project.searches.find((s) => s.name === name) ?? project.searches.find((s) => s.id === name);
}

/** The name of a file without folders. */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

interface Assembled {
  coders: ComparedCoder[];
  documents: ProjectData['documents'];
  texts: Map<string, string>;
  codes: Code[];
  fragments: AgreementFragment[];
  dismissals: AgreementDismissal[];
  unattributedDismissalsBy?: string;
  searchTerms?: string;
  searchName?: string;
  notes: string[];
}

/**
 * Several files, each one coder: documents matched as a merge matches them (exchange/merge-plan.ts:
 * the same text; or, for a document whose text was missing in a .qdpx, the same source by its
 * passages' positions; or the same original file, passages placed by their quote) onto the first
 * file's documents that have their text; codes by id then name.
 */
function assembleFiles(paths: readonly string[], projects: readonly ProjectData[], searchName: string | undefined): Assembled | { error: string } {
  const [first] = projects;
  const notes: string[] = [];
  const firstTexts = new Map(first!.texts.map((t) => [t.documentId as string, t.text]));
  // Each other file's documents on the first's, and its fragments placed there (where not by text).
  const matches = projects.map((p, i) => {
    const docMap = new Map<string, { localId: string; by: DocumentMatchKind }>();
    const placed = new Map<string, Fragment>();
    if (i === 0) {
      for (const d of p.documents) docMap.set(d.id, { localId: d.id, by: 'text' });
      return { docMap, placed };
    }
    let n = 0;
    const plan = planMerge(first!, p, { source: paths[i]!, now: '1970-01-01T00:00:00.000Z', newId: () => `agreement-${i}-${++n}` });
    for (const m of plan.documents.matched) if (m.by !== 'attached') docMap.set(m.incomingId, { localId: m.localId, by: m.by });
    for (const f of [...plan.fragments.added, ...plan.fragments.updated.map((u) => u.after)]) placed.set(f.id, f);
    return { docMap, placed };
  });
  // Documents of the first file (with their text) that every other file has too.
  const covered = matches.map((m) => new Set([...m.docMap.values()].map((x) => x.localId)));
  const inEvery = (id: string) => covered.every((ids) => ids.has(id));
  const documents = first!.documents.filter((d) => !d.textMissing && inEvery(d.id));
  if (documents.length === 0) return { error: `the project files have no document with the same text (${paths.map(fileName).join(', ')})` };
  const compared = new Set(documents.map((d) => d.id as string));
  const missingFirst = first!.documents.filter((d) => d.textMissing).length;
  if (missingFirst > 0) notes.push(`${missingFirst} document${missingFirst === 1 ? '' : 's'} of "${fileName(paths[0]!)}" ${missingFirst === 1 ? 'has' : 'have'} no text (text missing) and ${missingFirst === 1 ? 'is' : 'are'} left out: give a file with the texts first`);
  for (const [i, m] of matches.entries()) {
    const moved = [...m.docMap.values()].filter((x) => x.by !== 'text' && compared.has(x.localId)).length;
    if (i > 0 && moved > 0) notes.push(`${moved} document${moved === 1 ? '' : 's'} of "${fileName(paths[i]!)}" ${moved === 1 ? 'has' : 'have'} another text (missing, or extracted otherwise): ${moved === 1 ? 'its' : 'their'} passages are placed on the first file's text, ${moved === 1 ? 'its' : 'their'} worklist decisions left out`);
  }
  projects.forEach((p, i) => {
    const left = p.documents.length - documents.length;
    if (left > 0) notes.push(`${left} document${left === 1 ? '' : 's'} of "${fileName(paths[i]!)}" ${left === 1 ? 'is' : 'are'} not in every file and ${left === 1 ? 'is' : 'are'} left out`);
  });
  const codes = projectCodes(first!);
  const coders: ComparedCoder[] = [];
  const fragments: AgreementFragment[] = [];
  const dismissals: AgreementDismissal[] = [];
  const chosen = searchName ?? (first!.searches.length === 1 ? first!.searches[0]!.name : undefined);
  projects.forEach((p, i) => {
    const id = `file-${i}`;
    const { docMap, placed } = matches[i]!;
    const theirTexts = new Map(p.texts.map((t) => [t.documentId as string, t.text]));
    // Regimes: same id, else same name (either language), else their own.
    const codeMap = new Map<string, string>();
    for (const c of projectCodes(p)) {
      const match = codes.find((x) => x.id === c.id) ?? codes.find((x) => x.name.en === c.name.en || x.name.nl === c.name.nl);
      if (match) codeMap.set(c.id, match.id);
      else {
        codes.push(c);
        codeMap.set(c.id, c.id);
      }
    }
    const withFragments = new Set(p.fragments.map((f) => f.coderId as string));
    const names = p.coders.filter((c) => withFragments.has(c.id)).map((c) => c.name);
    coders.push({ id, name: names.length > 0 ? names.join(' + ') : fileName(paths[i]!) });
    if (names.length > 1) notes.push(`"${fileName(paths[i]!)}" holds codings of ${names.length} coders (${names.join(', ')}); they are compared as one`);
    for (const f of p.fragments) {
      const doc = docMap.get(f.documentId);
      if (!doc || !compared.has(doc.localId) || theirTexts.get(f.documentId) === undefined) continue;
      // On the same text a passage is where it is; on another text, where the merge placed it (an orphan, its range collapsed, is left out).
      const anchor = doc.by === 'text' ? f.anchor : placed.get(f.id)?.anchor;
      if (!anchor || anchor.end <= anchor.start) continue;
      fragments.push({ id: `${i}:${f.id}`, documentId: doc.localId, anchor, codes: f.codes.map((c) => codeMap.get(c) ?? c), coderId: id });
    }
    if (chosen !== undefined) {
      const search = findSearch(p, chosen);
      if (!search) notes.push(`"${fileName(paths[i]!)}" has no search set "${chosen}": none of its hits count as dismissed`);
      for (const h of p.hits) {
        const doc = docMap.get(h.documentId);
        if (search && h.searchId === search.id && doc && doc.by === 'text' && compared.has(doc.localId)) dismissals.push({ documentId: doc.localId, start: h.start, end: h.end, coderId: id });
      }
    }
  });
  // The same name twice: tell the files apart.
  coders.forEach((c, i) => {
    if (coders.some((o, j) => j !== i && o.name === c.name)) c.name = `${c.name} (${fileName(paths[i]!)})`;
  });
  const search = chosen !== undefined ? findSearch(first!, chosen) : undefined;
  return {
    coders,
    documents,
    texts: firstTexts,
    codes,
    fragments,
    dismissals,
    notes,
    ...(search ? { searchTerms: search.terms, searchName: search.name } : {}),
  };
}

/** One merged project: its coders compared (all with codings, or those named). */
function assembleMerged(path: string, p: ProjectData, searchName: string | undefined, codersOption: string | undefined): Assembled | { error: string } {
  let chosen: ProjectData['coders'];
  if (codersOption !== undefined) {
    chosen = [];
    for (const name of codersOption.split(',').map((c) => c.trim()).filter((c) => c !== '')) {
      const found = p.coders.find((c) => c.id === name || c.name === name || c.initials === name);
      if (!found) return { error: `no coder "${name}" in "${fileName(path)}" (coders: ${p.coders.map((c) => c.name).join(', ') || 'none'})` };
      if (!chosen.includes(found)) chosen.push(found);
    }
  } else {
    const withFragments = new Set(p.fragments.map((f) => f.coderId as string));
    chosen = p.coders.filter((c) => withFragments.has(c.id));
  }
  if (chosen.length < 2) {
    return { error: `"${fileName(path)}" has codings of ${chosen.length} coder${chosen.length === 1 ? '' : 's'}${chosen.length ? ` (${chosen.map((c) => c.name).join(', ')})` : ''}; agreement needs at least 2 (give each coder's project file with --project)` };
  }
  const search = searchName !== undefined ? findSearch(p, searchName) : p.searches.length === 1 ? p.searches[0] : undefined;
  const ids = new Set(chosen.map((c) => c.id as string));
  return {
    coders: chosen.map((c) => ({ id: c.id, name: c.name })),
    documents: p.documents,
    texts: new Map(p.texts.map((t) => [t.documentId as string, t.text])),
    codes: projectCodes(p),
    fragments: p.fragments.filter((f) => ids.has(f.coderId)),
    dismissals: search ? p.hits.filter((h) => h.searchId === search.id).map((h) => ({ documentId: h.documentId, start: h.start, end: h.end, ...(h.coderId ? { coderId: h.coderId } : {}) })) : [],
    notes: [],
    ...(search ? { searchTerms: search.terms, searchName: search.name } : {}),
  };
}

async function projectForm(paths: readonly string[], options: ParsedOptions, io: CliIo, fail: (m: string) => number, usage: (m: string) => number): Promise<number> {
  const unit = (options['unit'] ?? 'hit') as AgreementUnitKind;
  if (!AGREEMENT_UNITS.includes(unit)) return usage(`unknown unit "${String(options['unit'])}" (hit, sentence or character)`);
  const level = options['level'] ?? 'nominal';
  if (!MEASUREMENT_LEVELS.includes(level as MeasurementLevel)) return usage(`unknown level "${String(level)}"`);
  const format = options['format'] ?? 'table';
  if (format !== 'table' && format !== 'csv' && format !== 'json') return usage(`unknown format "${String(format)}"`);
  const show = options['show'] ?? 'summary';
  if (show !== 'summary' && show !== 'disagreements') return usage(`--show takes summary or disagreements, not "${String(show)}"`);
  const notCoded = options['not-coded'] ?? 'value';
  if (notCoded !== 'value' && notCoded !== 'missing') return usage(`--not-coded takes value or missing, not "${String(notCoded)}"`);
  const separator = options['separator'] ?? ',';
  if (separator !== ',' && separator !== ';') return usage(`unsupported separator "${String(separator)}"`);
  const lang = langOption(options['lang']);
  if (!lang) return usage(`unknown language "${String(options['lang'])}"`);
  if (paths.length > 1 && options['coders'] !== undefined) return usage('--coders picks coders of one merged project; with several --project files each file is one coder');
  if (level !== 'nominal') return fail(`regime codings are nominal (sets of regimes): the ${String(level)} level does not fit them`);

  const projects: ProjectData[] = [];
  for (const path of paths) {
    const loaded = await loadProject(path, io);
    if ('error' in loaded) return fail(loaded.error);
    projects.push(loaded.parsed);
  }
  const searchName = typeof options['search'] === 'string' ? options['search'] : undefined;
  const assembled = paths.length === 1 ? assembleMerged(paths[0]!, projects[0]!, searchName, options['coders'] as string | undefined) : assembleFiles(paths, projects, searchName);
  if ('error' in assembled) return fail(assembled.error);

  let hits: { documentId: string; start: number; end: number }[] | undefined;
  if (unit === 'hit') {
    if (assembled.searchTerms === undefined) {
      const names = projects[0]!.searches.map((s) => `"${s.name}"`).join(', ') || 'none';
      if (searchName !== undefined) return fail(`no search set "${searchName}" in "${fileName(paths[0]!)}" (search sets: ${names})`);
      return usage(`--unit hit needs --search NAME (search sets: ${names})`);
    }
    const query = parseQuery(assembled.searchTerms);
    if (!('parsed' in query)) return fail(`the search set "${assembled.searchName}" has an error in its terms`);
    const found = withRegexBudget(query.parsed, () =>
      runSearch(
        assembled.documents.map((d) => ({ id: d.id, title: d.title, text: assembled.texts.get(d.id) ?? '', pages: d.pages })),
        query.parsed,
        { width: 0 },
      ),
    );
    if ('timedOut' in found) return fail(`the search set "${assembled.searchName}": ${found.timedOut}`);
    hits = found.value.hits.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end }));
  }

  for (const note of assembled.notes) io.stderr(`worthmark agreement: note: ${note}\n`);
  const result = computeAgreement({
    unit,
    coders: assembled.coders.map((c) => c.id),
    codes: assembled.codes.map((c) => c.id),
    documents: assembled.documents.map((d) => ({ id: d.id, title: d.title, text: assembled.texts.get(d.id) ?? '', pages: d.pages })),
    fragments: assembled.fragments,
    ...(hits ? { hits, dismissals: assembled.dismissals } : {}),
    notCoded,
  });
  const names = new Map(assembled.codes.map((c) => [c.id as string, c.name[lang as keyof LocalText]]));
  const quotes = new Map(assembled.fragments.map((f) => [f.id, f.anchor.exact]));
  const ctx: AgreementTableContext = {
    coderNames: assembled.coders.map((c) => c.name),
    codeName: (id) => names.get(id) ?? id,
    documents: new Map(assembled.documents.map((d) => [d.id as string, { title: d.title, text: assembled.texts.get(d.id) ?? '', pages: d.pages }])),
    quote: (id) => quotes.get(id),
    lang,
  };
  if (format === 'json') {
    io.stdout(JSON.stringify(agreementToJson(result, ctx), null, 2) + '\n');
    return 0;
  }
  const table: Table = show === 'disagreements' ? disagreementTable(result, ctx) : agreementSummaryTable(result, ctx);
  if (format === 'csv') {
    io.stdout(typedTableToCsv(table, { separator, bom: false }));
    return 0;
  }
  io.stdout(show === 'disagreements' ? disagreementsText(result, ctx) : summaryText(result, ctx, assembled.searchName));
  return 0;
}

const UNIT_WORDS: Record<AgreementUnitKind, string> = { hit: 'keyword hits', sentence: 'sentences', character: 'characters' };

function summaryText(result: AgreementResult, ctx: AgreementTableContext, searchName: string | undefined): string {
  const disagreeing = result.rows.filter((r) => r.disagrees).reduce((s, r) => s + r.weight, 0);
  const kappaName = result.coders.length === 2 ? "Cohen's kappa" : "Fleiss' kappa";
  const head = `Agreement on ${UNIT_WORDS[result.unit]}${result.unit === 'hit' && searchName ? ` of "${searchName}"` : ''}: ${result.units} units, ${ctx.coderNames.length} coders (${ctx.coderNames.join(', ')})\n`;
  const rows = [
    ['regime', 'n', '% agreement', kappaName, 'alpha'],
    ['all regimes (whole value)', String(result.units), fmt(result.overall.percent.percent, 1), fmt(headlineKappa(result.overall)), fmt(result.overall.alpha.alpha)],
    ...result.byCode.map((c) => [ctx.codeName(c.code), String(c.n), fmt(c.summary.percent.percent, 1), fmt(headlineKappa(c.summary)), fmt(c.summary.alpha.alpha)]),
  ];
  const undefinedNote = result.overall.alpha.alpha === null ? `alpha is ${why(result.overall.alpha.undefinedBecause)}\n` : '';
  return `${head}${textTable(rows)}${undefinedNote}\n${disagreeing} of ${result.units} units disagree (--show disagreements lists them)\n`;
}

function disagreementsText(result: AgreementResult, ctx: AgreementTableContext): string {
  const table = disagreementTable(result, ctx);
  const out: string[] = [];
  for (const row of table.rows) {
    const [doc, page, start, end, text, ...perCoder] = row;
    out.push(`${doc} p. ${page ?? '?'} [${start}–${end}] ${JSON.stringify(String(text).length > 120 ? `${String(text).slice(0, 117)}…` : text)}`);
    ctx.coderNames.forEach((name, c) => {
      const quote = String(perCoder[2 * c + 1] ?? '');
      out.push(`  ${name}: ${perCoder[2 * c]}${quote ? ` — "${quote.length > 100 ? `${quote.slice(0, 97)}…` : quote}"` : ''}`);
    });
  }
  return `${table.rows.length} disagreement${table.rows.length === 1 ? '' : 's'}\n${out.join('\n')}${out.length ? '\n' : ''}`;
}

/** `worthmark agreement`: see the module header. */
export const agreementCommand: CliCommand = async (argv, io) => {
  const usage = (message: string) => {
    io.stderr(`worthmark agreement: ${message} (see worthmark agreement --help)\n`);
    return EXIT_USAGE;
  };
  const fail = (message: string) => {
    io.stderr(`worthmark agreement: ${message}\n`);
    return EXIT_INPUT;
  };
  if (helpRequested(argv)) {
    io.stdout(HELP);
    return 0;
  }
  const taken = takeProjects(argv);
  if ('error' in taken) return usage(taken.error);
  const options = parseOptions(taken.rest, ['table', 'segments', 'continuum', 'coders', 'level', 'format', 'search', 'unit', 'lang', 'separator', 'show', 'not-coded']);
  if ('error' in options) return usage(options.error);
  const o = options.parsed;
  const forms = [taken.projects.length > 0, o['table'] !== undefined, o['segments'] !== undefined].filter(Boolean).length;
  if (forms !== 1) return usage(forms === 0 ? 'give --project FILE (twice, or one merged project), --table FILE or --segments FILE' : 'give only one of --project, --table and --segments');
  const only = (allowed: readonly string[], form: string): number | undefined => {
    const stray = Object.keys(o).find((k) => !allowed.includes(k));
    return stray ? usage(`--${stray} does not apply to ${form}`) : undefined;
  };
  if (typeof o['table'] === 'string') return only(['table', 'level', 'format'], '--table') ?? tableForm(o['table'], o, io, fail, usage);
  if (typeof o['segments'] === 'string') return only(['segments', 'continuum', 'coders', 'format'], '--segments') ?? segmentsForm(o['segments'], o, io, fail, usage);
  return only(['coders', 'level', 'format', 'search', 'unit', 'lang', 'separator', 'show', 'not-coded'], '--project') ?? projectForm(taken.projects, o, io, fail, usage);
};

