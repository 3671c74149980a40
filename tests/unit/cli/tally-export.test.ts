import { spreadsheetTime } from '../../../src/exchange/csv.ts';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../../src/cli/export-command.ts';
import { tallyCommand } from '../../../src/cli/tally-command.ts';
import { bufferIo as memoryIo } from '../support/cli-io.ts';

const FIXTURE = 'tests/fixtures/projects/small.worthmark.json';
const fixtureBytes = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url));

/** A CliIo on buffers, with the small fixture project. */
const bufferIo = (files: Record<string, Uint8Array | string> = { [FIXTURE]: fixtureBytes }) => memoryIo(files);

/** Decodes written bytes, keeping a byte order mark so tests can see it. */
const text = (data: Uint8Array | string | undefined) =>
  typeof data === 'string' ? data : new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);

describe('worthmark tally', () => {
  it('prints an aligned table with counts, row percentages, totals, the most coded codes and the dominant code overall', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE], t.io)).toBe(0);
    const lines = t.stdout().split('\n');
    expect(lines[0]).toMatch(/^Document\s+Inspired\s+Domestic\s+Fame\s+Civic\s+Market\s+Industrial\s+Project\s+Mere statement\s+Coded fragments\s+Fragments\s+Most coded$/);
    expect(t.stdout()).toMatch(/^Cultuurprofiel Rivierstad\s+0 \(0\.0%\)\s+0 \(0\.0%\)\s+1 \(25\.0%\)\s+1 \(25\.0%\)\s+2 \(50\.0%\)\s+0 \(0\.0%\)\s+0 \(0\.0%\)\s+1\s+3\s+4\s+Market$/m);
    expect(t.stdout()).toMatch(/^Regioprofiel Kustregio\s+0 \(0\.0%\)\s+1 \(25\.0%\)\s+0 \(0\.0%\)\s+2 \(50\.0%\)\s+1 \(25\.0%\)\s+0 \(0\.0%\)\s+0 \(0\.0%\)\s+1\s+3\s+4\s+Civic$/m);
    expect(t.stdout()).toMatch(/^Addendum Kustregio(\s+0 \(–\)){7}\s+0\s+0\s+0\s+–$/m);
    expect(t.stdout()).toMatch(/^Total\s+0 \(0\.0%\)\s+1 \(12\.5%\)\s+1 \(12\.5%\)\s+3 \(37\.5%\)\s+3 \(37\.5%\)\s+0 \(0\.0%\)\s+0 \(0\.0%\)\s+2\s+6\s+8\s+Civic \+ Market$/m);
    expect(t.stdout()).toMatch(/^Documents with ≥1\s+0\s+1\s+1\s+2\s+2\s+0\s+0\s+2$/m);
    expect(t.stdout()).toContain('Dominant code overall: Civic + Market (in 2 of 3 documents, 3 fragments)');
    expect(t.stderr()).toBe('');
  });

  it('writes the table as CSV, with Dutch names and semicolons when asked', async () => {
    const t = bufferIo();
    expect(await tallyCommand([`--project=${FIXTURE}`, '--format', 'csv', '--lang', 'nl', '--separator', ';'], t.io)).toBe(0);
    const rows = Papa.parse<string[]>(t.stdout(), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 3)).toEqual(['Document', 'Geïnspireerd', 'Geïnspireerd %']);
    expect(rows[1]).toEqual(['Cultuurprofiel Rivierstad', '0', '0', '0', '0', '1', '25', '1', '25', '2', '50', '0', '0', '0', '0', '1', '3', '4', 'Markt']);
    expect(rows[4]![0]).toBe('Totaal');
    expect(rows[4]![8]).toBe('37,5');
    expect(t.stdout().startsWith('\uFEFF')).toBe(false);
  });

  it('writes the tally as JSON', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.stdout());
    expect(json.dominant).toEqual(['civic', 'market']);
    expect(json.documentsWithAtLeastOne).toEqual([0, 1, 1, 2, 2, 0, 0]);
    expect(json.totals).toMatchObject({ mereStatements: 2, codedFragments: 6, fragments: 8, assignments: 8 });
  });

  it.each([
    [[], /--project FILE is required/],
    [['--project'], /--project needs a value/],
    [['--project', FIXTURE, '--format', 'xlsx'], /unknown format "xlsx"/],
    [['--project', FIXTURE, '--lang', 'de'], /unknown language "de"/],
    [['--project', FIXTURE, '--separator', '|'], /unsupported separator "\|"/],
    [['--project', FIXTURE, '--verbose'], /unknown option --verbose/],
    [['--project', FIXTURE, 'extra'], /unexpected argument "extra"/],
    [['--project', FIXTURE, '--project', FIXTURE], /--project given twice/],
    // Names of Object.prototype are options like any other (issue 15: "--constructor given twice").
    [['--project', FIXTURE, '--constructor'], /unknown option --constructor/],
    [['--project', FIXTURE, '--__proto__', 'x'], /unknown option --__proto__|unexpected argument/],
  ])('exits 2 with one usage line for %j', async (argv, message) => {
    const t = bufferIo();
    expect(await tallyCommand(argv as string[], t.io)).toBe(2);
    expect(t.stderr()).toMatch(message);
    expect(t.stderr()).toMatch(/^worthmark tally: [^\n]*\(usage: worthmark tally --project FILE[^\n]*\)\n$/);
    expect(t.stdout()).toBe('');
  });

  it('exits 1 with one line naming a missing file', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', 'nope.json'], t.io)).toBe(1);
    expect(t.stderr()).toBe('worthmark tally: cannot read project file "nope.json": no such file\n');
  });

  it('exits 1 with one line naming the file and the path of the problem in a bad project file', async () => {
    const bad = JSON.parse(fixtureBytes.toString('utf8'));
    bad.fragments[3].anchor.end = 400;
    const t = bufferIo({ 'bad.json': JSON.stringify(bad) });
    expect(await tallyCommand(['--project', 'bad.json'], t.io)).toBe(1);
    expect(t.stderr()).toBe('worthmark tally: invalid project file "bad.json": fragments[3].anchor.end: beyond the end of the document text (400 > 340)\n');
    expect(t.stdout()).toBe('');
  });

  it('exits 1 for a file that is not JSON or not UTF-8', async () => {
    const t = bufferIo({ 'notes.txt': 'just some notes', 'latin1.json': new Uint8Array([0x7b, 0xe9, 0x7d]) });
    expect(await tallyCommand(['--project', 'notes.txt'], t.io)).toBe(1);
    expect(await tallyCommand(['--project', 'latin1.json'], t.io)).toBe(1);
    const lines = t.stderr().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^worthmark tally: invalid project file "notes.txt": not a JSON file \(it is plain text, not JSON\)$/);
    expect(lines[1]).toBe('worthmark tally: invalid project file "latin1.json": not UTF-8 text');
  });
});

describe('worthmark export', () => {
  it('writes one CSV row per fragment with a byte order mark and reports the count', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'csv', '--out', 'out.csv'], t.io)).toBe(0);
    const bytes = t.written.get('out.csv') as Uint8Array;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(text(bytes).slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual(['document', 'page', 'start', 'end', 'fragment', 'regimes', 'values', 'flag', 'memo', 'coder', 'created', 'review', 'comments']);
    expect(rows[1]!.slice(0, 6)).toEqual([
      'Cultuurprofiel Rivierstad', '14', '43', '134',
      'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', 'Fame + Market',
    ]);
    expect(t.stdout()).toBe('Wrote 8 fragments to out.csv\n');
  });

  it('uses page labels, Dutch names, semicolons and guards a formula-like memo', async () => {
    const t = bufferIo();
    const argv = ['--project', FIXTURE, '--format', 'csv', '--separator', ';', '--lang', 'nl', '--out', 'nl.csv'];
    expect(await exportCommand(argv, t.io)).toBe(0);
    const rows = Papa.parse<string[]>(text(t.written.get('nl.csv')).slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 2)).toEqual(['document', 'pagina']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['14', '14', '15', '15', '3', '3', '3', '3']);
    expect(rows[4]).toEqual([
      'Cultuurprofiel Rivierstad', '15', '272', '340',
      'Door de "grensregio" is er ruimte voor nieuwe markten over de grens.',
      'Markt', '', 'Glocalisering / andere trend', '\'=HYPERLINK("x") — let op: "grens"\nzie ook p. 14',
      'Anna de Vries', spreadsheetTime('2024-03-01T10:03:00.000Z'), '', '',
    ]);
    expect(rows[6]![5]).toBe('Huiselijk + Civiel');
    expect(rows[7]![5]).toBe('');
  });

  it('writes the reviews of a project file in the review and comments columns of the CSV and the workbook', async () => {
    const project = JSON.parse(new TextDecoder().decode(fixtureBytes));
    const fragment = project.fragments[0];
    const anna = project.coders[0];
    project.coders.push({ id: 'prof', name: 'Prof. Jansen', initials: 'PJ' });
    project.reviews.push({
      id: `${fragment.id}:prof`, fragmentId: fragment.id, documentId: fragment.documentId, reviewerId: 'prof',
      status: 'rejected', statusAt: '2024-03-05T09:00:00.000Z', quote: fragment.anchor.exact, updatedAt: '2024-03-06T09:00:00.000Z',
      comments: [
        { id: 'c1', authorId: 'prof', at: '2024-03-05T09:00:00.000Z', text: 'Eerder markt dan roem?' },
        { id: 'c2', authorId: anna.id, at: '2024-03-06T09:00:00.000Z', text: 'Beide: omzet én bezoekers.' },
      ],
    });
    const t = bufferIo({ 'reviewed.json': JSON.stringify(project) });
    expect(await exportCommand(['--project', 'reviewed.json', '--format', 'csv', '--lang', 'nl', '--out', 'r.csv'], t.io)).toBe(0);
    const rows = Papa.parse<string[]>(text(t.written.get('r.csv')).slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]!.slice(11)).toEqual(['beoordeling', 'opmerkingen']);
    const reviewed = rows.find((r) => r[4] === fragment.anchor.exact)!;
    expect(reviewed.slice(11)).toEqual(['Prof. Jansen: afgewezen', '[Prof. Jansen, 2024-03-05] Eerder markt dan roem?\n[Anna de Vries, 2024-03-06] Beide: omzet én bezoekers.']);
    expect(rows.slice(1).filter((r) => r[11] !== '').length).toBe(1);
    expect(await exportCommand(['--project', 'reviewed.json', '--format', 'xlsx', '--out', 'r.xlsx'], t.io)).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(t.written.get('r.xlsx') as Uint8Array as never);
    const sheet = book.worksheets.find((w) => w.name === 'Fragments')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(11, 13)).toEqual(['review', 'comments']);
    const cells = [...Array(sheet.rowCount).keys()].map((i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
    expect(cells.find((r) => r[4] === fragment.anchor.exact)!.slice(11, 13)).toEqual(['Prof. Jansen: rejected', '[Prof. Jansen, 2024-03-05] Eerder markt dan roem?\n[Anna de Vries, 2024-03-06] Beide: omzet én bezoekers.']);
  });

  it('writes the values within the regimes in a column after the regimes, named in the chosen language', async () => {
    const project = JSON.parse(fixtureBytes.toString('utf8')) as { fragments: { codes: string[]; values?: string[] }[] };
    // The first fragment (Rivierstad, 43–134) has fame and market: give it a value of each.
    project.fragments[0]!.values = ['fame:image', 'market:financial-success'];
    const t = bufferIo({ 'values.json': JSON.stringify(project) });
    expect(await exportCommand(['--project', 'values.json', '--format', 'csv', '--out', 'en.csv'], t.io)).toBe(0);
    expect(await exportCommand(['--project', 'values.json', '--format', 'csv', '--lang', 'nl', '--out', 'nl.csv'], t.io)).toBe(0);
    const en = Papa.parse<string[]>(text(t.written.get('en.csv')).slice(1), { skipEmptyLines: true }).data;
    const nl = Papa.parse<string[]>(text(t.written.get('nl.csv')).slice(1), { skipEmptyLines: true }).data;
    expect(en[0]!.slice(5, 8)).toEqual(['regimes', 'values', 'flag']);
    expect(nl[0]!.slice(5, 8)).toEqual(['regimes', 'waarden', 'vlag']);
    expect(en[1]![6]).toBe('image + financial success');
    expect(nl[1]![6]).toBe('imago + financieel succes');
    expect(en[2]![6]).toBe('');
  });

  it('leaves out the byte order mark with --no-bom', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'csv', '--no-bom', '--out', 'x.csv'], t.io)).toBe(0);
    expect(text(t.written.get('x.csv')).startsWith('document,')).toBe(true);
  });

  it.each([
    [['--project', FIXTURE, '--out', 'x.csv'], /--format is required/],
    [['--project', FIXTURE, '--format', 'pdf', '--out', 'x.pdf'], /unsupported format "pdf" \(csv, xlsx, md, docx, html, qdpx or w3c\)/],
    [['--project', FIXTURE, '--format', 'csv'], /--out FILE is required/],
    [['--format', 'csv', '--out', 'x.csv'], /--project FILE is required/],
    [['--project', FIXTURE, '--format', 'csv', '--out', 'x.csv', '--separator', 'tab'], /unsupported separator "tab"/],
    [['--project', FIXTURE, '--format', 'csv', '--out', 'x.csv', '--no-bom=yes'], /--no-bom takes no value/],
  ])('exits 2 with one usage line for %j', async (argv, message) => {
    const t = bufferIo();
    expect(await exportCommand(argv as string[], t.io)).toBe(2);
    expect(t.stderr()).toMatch(message);
    expect(t.stderr().split('\n')).toHaveLength(2);
    expect(t.written.size).toBe(0);
  });

  it('exits 1 with one line for an invalid project file and writes nothing', async () => {
    const t = bufferIo({ 'future.json': JSON.stringify({ format: 'worthmark-project', version: 3 }) });
    expect(await exportCommand(['--project', 'future.json', '--format', 'csv', '--out', 'x.csv'], t.io)).toBe(1);
    expect(t.stderr()).toBe(
      'worthmark export: invalid project file "future.json": version: version 3 was written by a newer Worthmark; this one reads version 2 — update Worthmark to open it\n',
    );
    expect(t.written.size).toBe(0);
  });

  it('exits 1 with one line when the output cannot be written', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'csv', '--out', '/readonly/x.csv'], t.io)).toBe(1);
    expect(t.stderr()).toBe('worthmark export: cannot write "/readonly/x.csv": permission denied\n');
  });
});

describe('worthmark tally by group, by value and with filters', () => {
  it('tallies per region when asked --by group, counting documents in the ≥1 row', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--by', 'group', '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.stdout());
    // Kustregio = Regioprofiel + Addendum: domestic 1, civic 2, market 1, mere 1; Rivierstad: fame 1, civic 1, market 2, mere 1.
    expect(json.rows.map((r: { title: string; counts: number[]; documentIds: string[] }) => [r.title, r.counts, r.documentIds.length])).toEqual([
      ['Kustregio', [0, 1, 0, 2, 1, 0, 0], 2],
      ['Rivierstad', [0, 0, 1, 1, 2, 0, 0], 1],
    ]);
    expect(json.rowKind).toBe('group');
    expect(json.documentCount).toBe(3);
    expect(json.rows[0].columnPercentages[3]).toBeCloseTo(200 / 3);
  });

  it('prints a group table headed "Group"', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--by', 'group', '--group-by', 'region'], t.io)).toBe(0);
    expect(t.stdout()).toMatch(/^Group\s+Inspired/);
    expect(t.stdout()).toContain('Dominant code overall: Civic + Market (in 2 of 3 documents, 3 fragments)');
  });

  it('keeps only the flagged fragments with --flag', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--flag', 'glocalisation', '--format', 'json'], t.io)).toBe(0);
    // The two flagged fragments: Rivierstad market; Kustregio domestic + civic.
    expect(JSON.parse(t.stdout()).totals.counts).toEqual([0, 1, 0, 1, 1, 0, 0]);
  });

  it('keeps only fragments at hits of a saved search with --search', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--search', 'Internationalisering', '--format', 'json'], t.io)).toBe(0);
    // internationa*, buitenland, wereld*, grens*: festivals (Internationale), partners (buitenland), grensregio, wereldwijd, wereld, internationale markt.
    const json = JSON.parse(t.stdout());
    expect(json.totals.fragments).toBe(6);
    expect(json.totals.mereStatements).toBe(1);
  });

  it('counts values within regimes with --columns values', async () => {
    const t = bufferIo();
    expect(await tallyCommand(['--project', FIXTURE, '--columns', 'values', '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.stdout());
    expect(json.codes[0]).toEqual({ id: 'inspired:autonomy', name: 'Inspired – autonomy', code: 'inspired', value: 'autonomy' });
    // The fixture's fragments carry no values: everything lands in "no value".
    const civicNone = json.codes.findIndex((c: { id: string }) => c.id === 'civic:');
    expect(json.totals.counts[civicNone]).toBe(3);
  });

  it.each([
    [['--project', FIXTURE, '--by', 'region', '--group-by', 'year'], /unknown grouping/],
    [['--project', FIXTURE, '--by', 'group', '--group-by', 'colour'], /unknown grouping/],
    [['--project', FIXTURE, '--columns', 'flags'], /unknown columns "flags"/],
    [['--project', FIXTURE, '--coder', 'Nobody'], /no coder "Nobody" in the project \(coders: Anna de Vries\)/],
    [['--project', FIXTURE, '--flag', 'bold'], /no flag "bold"/],
    [['--project', FIXTURE, '--search', 'Nope'], /no saved search "Nope" in the project \(searches: "Internationalisering"\)/],
    [['--project', FIXTURE, '--from', '1-2-2024'], /--from needs a date as YYYY-MM-DD, not "1-2-2024"/],
  ])('exits 2 with one usage line for the bad option in %j', async (argv, message) => {
    const t = bufferIo();
    expect(await tallyCommand(argv as string[], t.io)).toBe(2);
    expect(t.stderr()).toMatch(message);
    expect(t.stderr().split('\n')).toHaveLength(2);
  });
});

describe('worthmark export of tables and the appendix', () => {
  it('writes an XLSX workbook that exceljs reads back, with every table', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'xlsx', '--out', 'tables.xlsx'], t.io)).toBe(0);
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
    const wb = new Excel.Workbook();
    const bytes = t.written.get('tables.xlsx') as Uint8Array;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'About', 'Fragments', 'Counts', 'Row %', 'Column %', 'Presence', 'Co-occurrence, same fragment', 'Co-occurrence, overlapping',
    ]);
    expect(wb.getWorksheet('Fragments')!.rowCount).toBe(9);
    expect(wb.getWorksheet('Counts')!.getRow(2).values).toEqual([undefined, 'Cultuurprofiel Rivierstad', 0, 0, 1, 1, 2, 0, 0, 1, 3, 4, 'Market']);
    expect(wb.getWorksheet('Counts')!.getCell(1, 12).value).toBe('Most coded');
    // Presence: Rivierstad has fame, civic, market and a mere statement; the total counts documents
    // (fame 1, civic 2, market 2, domestic 1; mere statements in 2 of 3).
    const presence = wb.getWorksheet('Presence')!;
    expect(presence.getRow(2).values).toEqual([undefined, 'Cultuurprofiel Rivierstad', 0, 0, 1, 1, 1, 0, 0, 1, 3, 4, 'Market']);
    expect((presence.getRow(5).values as unknown[]).slice(1, 10)).toEqual(['Total', 0, 1, 1, 2, 2, 0, 0, 2]);
    expect(t.stdout()).toBe('Wrote 8 sheets (8 fragments) to tables.xlsx\n');
  });

  it('writes the appendix as Markdown in the thesis style, filtered and grouped as asked', async () => {
    const t = bufferIo();
    const argv = ['--project', FIXTURE, '--format', 'md', '--out', 'bijlage.md', '--lang', 'nl', '--search', 'Internationalisering', '--grouping', 'document'];
    expect(await exportCommand(argv, t.io)).toBe(0);
    const md = text(t.written.get('bijlage.md'));
    expect(md).toContain('# Bijlage: fragmenten per document\n\nTermen: internationa\\*, buitenland, wereld\\*, grens\\*\n');
    expect(md).toContain('*Dominante code in het geheel: Markt (in 2 van 3 documenten, 3 fragmenten)*\n');
    expect(md).toMatch(/## Cultuurprofiel Rivierstad\n\n\*Rivierstad, 2021\*\n\n- \\\[[^\]]+\\\] Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op \(p\. 14\)\.\n/);
    // The closing point goes after the page, as in the thesis' appendix; the regime comes first.
    expect(md).toMatch(/- \\\[\d Markt\\\] \*\*Door de "grensregio" is er ruimte voor nieuwe markten over de grens\*\* \(p\. 15\)\./);
    // Not at a hit: "Iedere inwoner …" and "In 2024 verschijnt …".
    expect(md).not.toContain('Iedere inwoner');
  });

  it('titles the appendix after the grouping asked for', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'md', '--out', 'r.md', '--grouping', 'regime-document'], t.io)).toBe(0);
    expect(await exportCommand(['--project', FIXTURE, '--format', 'md', '--out', 'd.md', '--grouping', 'document-regime', '--lang', 'nl'], t.io)).toBe(0);
    expect(text(t.written.get('r.md'))).toMatch(/^# Appendix: fragments per regime and document\n/);
    expect(text(t.written.get('d.md'))).toMatch(/^# Bijlage: fragmenten per document en regime\n/);
  });

  it('writes the appendix as DOCX and as HTML', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'docx', '--out', 'b.docx'], t.io)).toBe(0);
    const bytes = t.written.get('b.docx') as Uint8Array;
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    expect(await exportCommand(['--project', FIXTURE, '--format', 'html', '--out', 'b.html', '--title', 'Bijlage A'], t.io)).toBe(0);
    expect(text(t.written.get('b.html'))).toContain('<title>Bijlage A</title>');
  });

  it('exports only the filtered fragments as CSV', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'csv', '--out', 'f.csv', '--document', 'Regioprofiel Kustregio'], t.io)).toBe(0);
    expect(t.stdout()).toBe('Wrote 4 fragments to f.csv\n');
  });

  it('exits 2 for an unknown appendix grouping and writes nothing', async () => {
    const t = bufferIo();
    expect(await exportCommand(['--project', FIXTURE, '--format', 'md', '--out', 'x.md', '--grouping', 'page'], t.io)).toBe(2);
    expect(t.stderr()).toMatch(/unknown appendix grouping "page"/);
    expect(t.written.size).toBe(0);
  });
});

describe('help of the project commands', () => {
  it('prints the usage of tally and export on --help and -h, exits 0, and reads no file', async () => {
    for (const [command, args, name] of [
      [tallyCommand, ['--help'], 'worthmark tally'],
      [exportCommand, ['-h'], 'worthmark export'],
    ] as const) {
      const b = bufferIo({});
      expect(await command([...args], b.io)).toBe(0);
      expect(b.stdout()).toMatch(new RegExp(`^usage: ${name} --project FILE`));
      expect(b.stderr()).toBe('');
    }
  });
});
