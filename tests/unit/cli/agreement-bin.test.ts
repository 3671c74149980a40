/**
 * `worthmark agreement` as a user runs it: plain Node on the build in dist-cli/ (made by the unit
 * tests' global setup), real files on disk. The in-process tests (agreement.test.ts) cover the
 * options one by one; these check that the built command gives the three JSON shapes of issue 12
 * and answers each bad input it names with one line on stderr and exit code 1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toProjectFile } from '../../../src/exchange/project-file.ts';
import { annasProject, bramsProject } from '../../fixtures/projects/two-coders.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'src/cli/worthmark.js');
const dir = mkdtempSync(join(tmpdir(), 'wm-agreement-bin-'));
const file = (name: string) => join(dir, name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node src/cli/worthmark.js agreement <args>` and collects its output and exit code. */
function agreement(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'agreement', ...args], { cwd: dir, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A stack trace line as Node prints it. */
const STACK = /\n\s+at .+[(:]\d+/;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders × 12 units with
// missing values (an empty cell), as a researcher keeps it.
const K2011 = 'A,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,3,,\n';
// Krippendorff (2004), Content Analysis, 2nd ed., §12.4, p. 254: observers i and j on [150, 450).
const K2004 = 'coder,start,length,category\ni,225,70,c\ni,370,30,c\nj,220,80,c\nj,355,20,c\nj,400,20,c\ni,180,60,k\ni,300,50,k\nj,180,60,k\nj,300,50,k\n';

beforeAll(() => {
  writeFileSync(file('anna.worthmark.json'), toProjectFile(annasProject()));
  writeFileSync(file('bram.worthmark.json'), toProjectFile(bramsProject()));
  writeFileSync(file('k2011.csv'), K2011);
  writeFileSync(file('k2004.csv'), K2004);
  writeFileSync(file('ragged.csv'), 'Anna,Bram\n1,2\n3\n2,2\n');
  writeFileSync(file('labels.csv'), 'Anna,Bram\nlow,high\nhigh,high\n');
  writeFileSync(file('one-coder.csv'), 'Anna\n1\n2\n');
  writeFileSync(file('overlap.csv'), `${K2004}i,380,10,c\n`);
  writeFileSync(file('one-observer.csv'), 'i,225,70,c\ni,370,30,c\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts Node processes, which take seconds on a loaded machine.
describe('the built worthmark agreement', { timeout: 30_000 }, () => {
  it('compares two coders’ project files on hits, sentences and characters, in the JSON shape of the issue', async () => {
    const projects = ['--project', 'anna.worthmark.json', '--project', 'bram.worthmark.json'];
    const [hit, sentence, character] = await Promise.all(['hit', 'sentence', 'character'].map((unit) => agreement(...projects, '--unit', unit, '--format', 'json')));
    for (const r of [hit!, sentence!, character!]) {
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const json = JSON.parse(r.stdout);
      expect(Object.keys(json)).toEqual(['unit', 'coders', 'units', 'overall', 'byCode', 'disagreements']);
      expect(json.coders).toEqual(['Anna de Vries', 'Bram Kuipers']);
      expect(Object.keys(json.overall)).toEqual(['percent', 'kappa', 'alpha']);
      for (const c of Object.values(json.byCode)) expect(Object.keys(c as object)).toEqual(['n', 'percent', 'kappa', 'alpha']);
      expect(json.disagreements).toHaveLength(3);
    }
    // tests/fixtures/projects/two-coders.ts: 8 hits of "Internationalisering", 5 coded alike.
    const h = JSON.parse(hit!.stdout);
    expect(h).toMatchObject({ unit: 'hit', units: 8, overall: { percent: 62.5 } });
    expect(h.disagreements.map((d: { coders: { value: string }[] }) => d.coders.map((c) => c.value))).toEqual([
      ['Fame + Market', 'Market'],
      ['mere statement', 'dismissed'],
      ['Market', 'Fame + Market'],
    ]);
    expect(JSON.parse(sentence!.stdout).unit).toBe('sentence');
    const text = annasProject().texts.reduce((n, t) => n + t.text.length, 0);
    expect(JSON.parse(character!.stdout)).toMatchObject({ unit: 'character', units: text });
  });

  it('prints the summary as a table and as CSV', async () => {
    const projects = ['--project', 'anna.worthmark.json', '--project', 'bram.worthmark.json'];
    const [table, csv] = await Promise.all([agreement(...projects, '--format', 'table'), agreement(...projects, '--format', 'csv')]);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^Agreement on keyword hits of "Internationalisering": 8 units, 2 coders \(Anna de Vries, Bram Kuipers\)\n/);
    expect(table.stdout).toContain('3 of 8 units disagree');
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(csv.stdout.split(/\r?\n/)[0]).toBe('regime,n,agreement %,kappa,alpha');
  });

  it('reads a reliability data table: Krippendorff (2011)’s α ordinal 0.815, in the JSON shape of the issue', async () => {
    const r = await agreement('--table', 'k2011.csv', '--level', 'ordinal', '--format', 'json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['units', 'coders', 'level', 'alpha', 'kappa', 'fleissKappa', 'percent']);
    expect(json).toMatchObject({ units: 12, coders: 4, level: 'ordinal', kappa: null });
    expect(json.alpha).toBeCloseTo(0.815, 3);
  });

  it('reads segments: Krippendorff (2004)’s u-α 0.859 (p. 254), in the JSON shape of the issue', async () => {
    const r = await agreement('--segments', 'k2004.csv', '--continuum', '150:300', '--format', 'json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['alpha_u', 'byCategory']);
    expect(json.alpha_u).toBeCloseTo(0.859, 3);
    expect(Object.keys(json.byCategory.c)).toEqual(['alpha', 'D_o', 'D_e']);
    expect(json.byCategory.c.alpha).toBeCloseTo(0.729, 3);
  });

  it('answers each bad input with one line naming the file and the reason, and exit code 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--table', 'ragged.csv', '--level', 'nominal', '--format', 'json'], /table "ragged\.csv": row 3 has 1 cell, expected 2/],
      [['--table', 'labels.csv', '--level', 'interval', '--format', 'json'], /table "labels\.csv": row 2, coder "Anna": "low" is not a number, and the interval level needs numbers/],
      [['--project', 'anna.worthmark.json', '--project', 'bram.worthmark.json', '--level', 'interval', '--format', 'json'], /the interval level does not fit them/],
      [['--segments', 'overlap.csv', '--continuum', '150:300', '--format', 'json'], /segments file "overlap\.csv": row 11: coder "i" has overlapping segments in category "c" \(rows 3 and 11\)/],
      [['--table', 'one-coder.csv', '--level', 'nominal', '--format', 'json'], /table "one-coder\.csv": the header names 1 coder; agreement needs at least 2/],
      [['--segments', 'one-observer.csv', '--continuum', '150:300', '--format', 'json'], /segments file "one-observer\.csv": 1 coder \(i\); agreement needs at least 2/],
      [['--project', 'anna.worthmark.json', '--format', 'json'], /"anna\.worthmark\.json" has codings of 1 coder \(Anna de Vries\); agreement needs at least 2/],
    ];
    const runs = await Promise.all(cases.map(([args]) => agreement(...args)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK);
    });
  });
});
