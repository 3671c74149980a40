import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { agreementCommand } from '../../../src/cli/agreement-command.ts';
import { main } from '../../../src/cli/main.ts';
import { bufferIo } from '../support/cli-io.ts';
import { bramsProject, mergedTwoCoders } from '../../fixtures/projects/two-coders.ts';
import { toProjectFile } from '../../../src/exchange/project-file.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { unzipSync, zipSync } from 'fflate';

const small = JSON.parse(readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8'));

async function run(args: string[], files: Record<string, string | Uint8Array>) {
  const t = bufferIo(files);
  const code = await agreementCommand(args, t.io);
  return { code, out: t.stdout(), err: t.stderr() };
}

/** Expects exactly one line on stderr, with the given words, and the exit code. */
function expectOneLine(r: { code: number; err: string }, code: number, words: RegExp) {
  expect(r.code).toBe(code);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.err).toMatch(words);
  expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
}

// Krippendorff (2011), 4 coders × 12 units with missing values, as a researcher's CSV.
const K2011_CSV = 'A,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,3,,\n';

describe('worthmark agreement --table', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('prints Krippendorff (2011)’s α at the %s level (%s) in the JSON shape', async (level, alpha) => {
    const r = await run(['--table', 'k.csv', '--level', level, '--format', 'json'], { 'k.csv': K2011_CSV });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['units', 'coders', 'level', 'alpha', 'kappa', 'fleissKappa', 'percent']);
    expect(json).toMatchObject({ units: 12, coders: 4, level, kappa: null });
    expect(json.alpha).toBeCloseTo(alpha, 3);
    expect(typeof json.fleissKappa).toBe('number');
  });

  it('gives Cohen’s κ for two coders: Cohen (1960)’s p. 45 table, with ; and labels', async () => {
    const rows = [[88, 'a', 'a'], [14, 'a', 'b'], [18, 'a', 'c'], [10, 'b', 'a'], [40, 'b', 'b'], [10, 'b', 'c'], [2, 'c', 'a'], [6, 'c', 'b'], [12, 'c', 'c']] as const;
    const csv = 'Judge A;Judge B\n' + rows.flatMap(([n, x, y]) => Array.from({ length: n }, () => `${x};${y}`)).join('\n');
    const r = await run(['--table', 'c.csv', '--level', 'nominal', '--format', 'json'], { 'c.csv': csv });
    const json = JSON.parse(r.out);
    expect(json.kappa).toBeCloseTo(0.492, 3);
    expect(json.percent).toBeCloseTo(70, 9);
  });

  it('reads decimal commas in a ;-separated table', async () => {
    const r = await run(['--table', 'd.csv', '--level', 'interval', '--format', 'json'], { 'd.csv': 'A;B\n1,5;1,5\n2,5;2,5\n3;3\n' });
    expect(JSON.parse(r.out).alpha).toBe(1);
  });

  it('prints null, not NaN, when every value is the same', async () => {
    const r = await run(['--table', 's.csv', '--level', 'nominal', '--format', 'json'], { 's.csv': 'A,B\nx,x\nx,x\n' });
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('NaN');
    expect(JSON.parse(r.out)).toMatchObject({ alpha: null, kappa: null, fleissKappa: null, percent: 100 });
  });

  it('prints a readable table by default', async () => {
    const r = await run(['--table', 'k.csv', '--level', 'interval'], { 'k.csv': K2011_CSV });
    expect(r.out).toMatch(/^Krippendorff's alpha \(interval\)\s+0\.849$/m);
  });

  it('refuses ragged rows, labels at the interval level, one coder, with one line and exit 1', async () => {
    expectOneLine(await run(['--table', 'r.csv', '--level', 'nominal'], { 'r.csv': 'A,B\n1,2\n3\n' }), 1, /table "r\.csv": row 3 has 1 cell, expected 2/);
    expectOneLine(await run(['--table', 'l.csv', '--level', 'interval'], { 'l.csv': 'A,B\n1,2\n3,high\n' }), 1, /row 3, coder "B": "high" is not a number, and the interval level needs numbers/);
    expectOneLine(await run(['--table', 'n.csv', '--level', 'ratio'], { 'n.csv': 'A,B\n1,-2\n' }), 1, /-2 is negative/);
    expectOneLine(await run(['--table', 'o.csv', '--level', 'nominal'], { 'o.csv': 'A\n1\n2\n' }), 1, /names 1 coder; agreement needs at least 2/);
    expectOneLine(await run(['--table', 'e.csv', '--level', 'nominal'], { 'e.csv': '' }), 1, /the file is empty/);
    expectOneLine(await run(['--table', 'u.csv', '--level', 'nominal'], { 'u.csv': 'A,,C\n1,2,3\n' }), 1, /column 2 of the header has no coder name/);
    expectOneLine(await run(['--table', 'missing.csv', '--level', 'nominal'], {}), 1, /cannot read table "missing\.csv": no such file/);
  });

  it('treats a missing or unknown --level as a usage error (exit 2)', async () => {
    expectOneLine(await run(['--table', 'k.csv'], { 'k.csv': K2011_CSV }), 2, /--table needs --level/);
    expectOneLine(await run(['--table', 'k.csv', '--level', 'metric'], { 'k.csv': K2011_CSV }), 2, /unknown level "metric"/);
  });
});

// Krippendorff (2004), p. 254.
const K2004_CSV = 'coder,start,length,category\ni,225,70,c\ni,370,30,c\nj,220,80,c\nj,355,20,c\nj,400,20,c\ni,180,60,k\ni,300,50,k\nj,180,60,k\nj,300,50,k\n';

describe('worthmark agreement --segments', () => {
  it('prints Krippendorff (2004)’s unitizing example in the JSON shape', async () => {
    const r = await run(['--segments', 's.csv', '--continuum', '150:300', '--format', 'json'], { 's.csv': K2004_CSV });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['alpha_u', 'byCategory']);
    expect(json.alpha_u).toBeCloseTo(0.859, 3);
    expect(json.byCategory.c.alpha).toBeCloseTo(0.729, 3);
    expect(json.byCategory.c.D_o).toBeCloseTo(0.0144, 4);
    expect(json.byCategory.c.D_e).toBeCloseTo(0.0532, 4);
    expect(json.byCategory.k).toMatchObject({ alpha: 1, D_o: 0 });
  });

  it('counts coders named with --coders who have no segment', async () => {
    const two = JSON.parse((await run(['--segments', 's.csv', '--continuum', '150:300', '--format', 'json'], { 's.csv': K2004_CSV })).out);
    const three = JSON.parse((await run(['--segments', 's.csv', '--continuum', '150:300', '--coders', 'i,j,x', '--format', 'json'], { 's.csv': K2004_CSV })).out);
    expect(three.alpha_u).toBeLessThan(two.alpha_u);
  });

  it('reads rows without a header row', async () => {
    const r = await run(['--segments', 's.csv', '--continuum', '150:300', '--format', 'json'], { 's.csv': K2004_CSV.split('\n').slice(1).join('\n') });
    expect(JSON.parse(r.out).alpha_u).toBeCloseTo(0.859, 3);
  });

  it('refuses overlapping segments of one coder in one category, naming both rows', async () => {
    expectOneLine(
      await run(['--segments', 's.csv', '--continuum', '150:300'], { 's.csv': `${K2004_CSV}i,380,10,c\n` }),
      1,
      /row 11: coder "i" has overlapping segments in category "c" \(rows 3 and 11\)/,
    );
  });

  it('refuses fewer than two coders, segments outside the continuum, coders not in --coders, ragged rows', async () => {
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100'], { 's.csv': 'a,1,2,x\na,5,2,x\n' }), 1, /1 coder \(a\); agreement needs at least 2/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100'], { 's.csv': 'a,1,2,x\nb,99,5,x\n' }), 1, /row 2: the segment 99–104 lies outside the continuum 0–100/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100', '--coders', 'a,b'], { 's.csv': 'a,1,2,x\nc,5,2,x\n' }), 1, /row 2: coder "c" is not among --coders/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100'], { 's.csv': 'a,1,2\n' }), 1, /row 1 has 3 cells, expected 4/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100'], { 's.csv': 'a,1.5,2,x\nb,1,2,x\n' }), 1, /row 1: start "1\.5" is not a whole number/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '0:100'], { 's.csv': 'a,1,0,x\nb,1,2,x\n' }), 1, /row 1: the length must be 1 or more/);
  });

  it('needs a continuum as BEGIN:LENGTH (usage error)', async () => {
    expectOneLine(await run(['--segments', 's.csv'], { 's.csv': K2004_CSV }), 2, /--continuum BEGIN:LENGTH/);
    expectOneLine(await run(['--segments', 's.csv', '--continuum', '150-300'], { 's.csv': K2004_CSV }), 2, /not "150-300"/);
  });
});

describe('worthmark agreement --project', () => {
  // Anna's and Bram's projects (tests/fixtures/projects/two-coders.ts): 8 hits, 3 disagreements.
  const files = { 'a.json': JSON.stringify(small), 'b.json': toProjectFile(bramsProject()) };

  it('compares two coders’ files on the hits of their search set, documents matched by text', async () => {
    const r = await run(['--project', 'a.json', '--project', 'b.json', '--format', 'json'], files);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['unit', 'coders', 'units', 'overall', 'byCode', 'disagreements']);
    expect(json.unit).toBe('hit');
    expect(json.coders).toEqual(['Anna de Vries', 'Bram Kuipers']);
    expect(json.units).toBe(8);
    expect(Object.keys(json.overall)).toEqual(['percent', 'kappa', 'alpha']);
    expect(json.overall.percent).toBe(62.5);
    expect(Object.keys(json.byCode)).toEqual(['Inspired', 'Domestic', 'Fame', 'Civic', 'Market', 'Industrial', 'Project']);
    // Fame on hits: Anna and Bram each on one hit of eight, not the same one: p_o = 6/8,
    // p_e = 1/8 × 1/8 + 7/8 × 7/8 (Cohen 1960), so κ = −1/7.
    const pe = (1 / 8) * (1 / 8) + (7 / 8) * (7 / 8);
    expect(json.byCode.Fame).toEqual({ n: 2, percent: 75, kappa: expect.closeTo((0.75 - pe) / (1 - pe), 12), alpha: expect.any(Number) });
    expect(json.byCode.Inspired).toEqual({ n: 0, percent: 100, kappa: null, alpha: null });
    expect(json.disagreements).toHaveLength(3);
    expect(json.disagreements[0]).toMatchObject({
      document: 'Cultuurprofiel Rivierstad',
      text: 'Internationale',
      coders: [
        { coder: 'Anna de Vries', state: 'coded', regimes: ['Fame', 'Market'], value: 'Fame + Market' },
        { coder: 'Bram Kuipers', state: 'coded', regimes: ['Market'], value: 'Market' },
      ],
    });
    expect(json.disagreements[1].coders.map((c: { value: string }) => c.value)).toEqual(['mere statement', 'dismissed']);
    expect(json.disagreements[2].coders.map((c: { value: string }) => c.value)).toEqual(['Market', 'Fame + Market']);
    expect(r.err).toBe('');
  });

  it('compares sentences and characters too', async () => {
    const s = JSON.parse((await run(['--project', 'a.json', '--project', 'b.json', '--unit', 'sentence', '--format', 'json'], files)).out);
    expect(s.unit).toBe('sentence');
    expect(s.disagreements.map((d: { text: string }) => d.text)).toContain('Kunstenaars uit de regio concurreren op een internationale markt.');
    const c = JSON.parse((await run(['--project', 'a.json', '--project', 'b.json', '--unit', 'character', '--format', 'json'], files)).out);
    expect(c.units).toBe(small.texts.reduce((n: number, t: { text: string }) => n + t.text.length, 0));
  });

  it('writes the summary or the disagreement table as CSV', async () => {
    const summary = Papa.parse<string[]>((await run(['--project', 'a.json', '--project', 'b.json', '--format', 'csv'], files)).out, { skipEmptyLines: true }).data;
    expect(summary[0]).toEqual(['regime', 'n', 'agreement %', 'kappa', 'alpha']);
    const json = JSON.parse((await run(['--project', 'a.json', '--project', 'b.json', '--format', 'json'], files)).out);
    expect(summary[1]).toEqual(['all regimes (whole value)', '8', '62.5', json.overall.kappa.toFixed(3), json.overall.alpha.toFixed(3)]);
    expect(summary[2]).toEqual(['Inspired', '0', '100', '', '']);
    const rows = Papa.parse<string[]>((await run(['--project', 'a.json', '--project', 'b.json', '--format', 'csv', '--show', 'disagreements'], files)).out, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['document', 'page', 'start', 'end', 'unit text', 'Anna de Vries: regimes', 'Anna de Vries: quote', 'Bram Kuipers: regimes', 'Bram Kuipers: quote']);
    expect(rows).toHaveLength(4);
  });

  it('compares the coders of one merged project (merged as "Add another coder\'s project file" does)', async () => {
    const r = await run(['--project', 'm.json', '--format', 'json'], { 'm.json': toProjectFile(mergedTwoCoders()) });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.coders).toEqual(['Anna de Vries', 'Bram Kuipers']);
    expect(json.overall.percent).toBe(62.5);
    expect(json.disagreements[1].coders.map((c: { value: string }) => c.value)).toEqual(['mere statement', 'dismissed']);
    expectOneLine(await run(['--project', 'a.json'], files), 1, /has codings of 1 coder \(Anna de Vries\); agreement needs at least 2/);
  });

  it('compares a coder whose .qdpx lost its text files, the passages placed by their positions as a merge places them', async () => {
    // Bram's project as a .qdpx whose sources/*.txt were left out: his documents read as "text missing".
    const zip = unzipSync(toQdpx(bramsProject(), { lang: 'en' }));
    for (const name of Object.keys(zip)) if (/^sources\/.*\.txt$/i.test(name)) delete zip[name];
    const withQdpx = { ...files, 'b.qdpx': zipSync(zip) };
    for (const unit of ['sentence', 'character']) {
      const same = JSON.parse((await run(['--project', 'a.json', '--project', 'b.json', '--unit', unit, '--format', 'json'], files)).out);
      const r = await run(['--project', 'a.json', '--project', 'b.qdpx', '--unit', unit, '--format', 'json'], withQdpx);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect({ unit, units: json.units, overall: json.overall, byCode: json.byCode }).toEqual({ unit, units: same.units, overall: same.overall, byCode: same.byCode });
      // It says the passages were placed on the first file's text.
      expect(r.err).toMatch(/"b\.qdpx" ha(s|ve) another text \(missing, or extracted otherwise\): (its|their) passages are placed on the first file's text/);
    }
  });

  it('refuses files without a document in common, other levels than nominal, unknown search sets', async () => {
    const other = structuredClone(small);
    for (const t of other.texts) t.text = t.text.replace(/e/g, 'é');
    // Other texts of other files (the same file read otherwise would be the same document, its passages placed by quote).
    for (const d of other.documents) d.contentHash = `other-${d.contentHash}`;
    other.fragments = [];
    expectOneLine(await run(['--project', 'a.json', '--project', 'o.json'], { ...files, 'o.json': JSON.stringify(other) }), 1, /no document with the same text/);
    expectOneLine(await run(['--project', 'a.json', '--project', 'b.json', '--level', 'ordinal'], files), 1, /regime codings are nominal/);
    expectOneLine(await run(['--project', 'a.json', '--project', 'b.json', '--search', 'Nope'], files), 1, /no search set "Nope".*"Internationalisering"/);
    expectOneLine(await run(['--project', 'a.json', '--project', 'missing.json'], files), 1, /cannot read project file "missing\.json"/);
  });

  it('treats mixed forms and options of another form as usage errors (exit 2)', async () => {
    expectOneLine(await run(['--project', 'a.json', '--table', 'k.csv'], files), 2, /only one of --project, --table and --segments/);
    expectOneLine(await run(['--project', 'a.json', '--project', 'b.json', '--continuum', '0:5'], files), 2, /--continuum does not apply to --project/);
    expectOneLine(await run([], files), 2, /give --project FILE/);
    expectOneLine(await run(['--project', 'a.json', '--project', 'b.json', '--unit', 'word'], files), 2, /unknown unit "word"/);
  });
});

describe('worthmark agreement in the command list', () => {
  it('is dispatched by main and listed in the help', async () => {
    const t = bufferIo({ 'k.csv': K2011_CSV });
    expect(await main(['agreement', '--table', 'k.csv', '--level', 'nominal', '--format', 'json'], t.io)).toBe(0);
    expect(JSON.parse(t.stdout()).alpha).toBeCloseTo(0.743, 3);
    const h = bufferIo({});
    await main(['--help'], h.io);
    expect(h.stdout()).toContain('worthmark agreement --segments FILE.csv --continuum BEGIN:LENGTH');
  });
});
