/**
 * The bench harness: what a measurement is and how it is timed and printed.
 *
 * A bench module is a file `tests/bench/<topic>.bench.ts` that exports `benches: Bench[]`;
 * run.ts finds and runs every such module, so adding a measurement means adding a module (or a
 * Bench to one) — nothing to register. Each bench prints exactly one JSON line:
 * `{"name", "median_ms", "runs", "baseline", "baseline_median_ms", "ratio"}` and, where useful,
 * extra fields after them (pages, counts that differ, …). `ratio` is median_ms /
 * baseline_median_ms, null without a baseline; `runs` is the number of timed runs of our side
 * (the baseline has as many, paired).
 *
 * Rules (DESIGN.md): a baseline does the same work as what it is compared with — the same input,
 * the same counts, cold against cold, a whole process against a whole process — and runs in the
 * same run, paired (ours, theirs, ours, …) so a change in the machine's load hits both sides.
 * A line's name says whether it is cold (a new process, nothing loaded) or warm (in process,
 * libraries loaded, earlier runs done).
 */
import { spawn } from 'node:child_process';

/** One printed measurement. */
export interface BenchLine {
  name: string;
  median_ms: number;
  runs: number;
  /** What the measurement is compared with (a command line, a library), or null. */
  baseline: string | null;
  baseline_median_ms: number | null;
  ratio: number | null;
  /** Extra facts about the measurement (pages, counts, what differs and why). */
  [extra: string]: unknown;
}

/** A measurement; `run` returns its line, or a string saying why it was skipped. */
export interface Bench {
  name: string;
  run(): Promise<BenchLine | string> | BenchLine | string;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns the durations in ms. */
export async function time(fn: () => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Times `ours` and `theirs` alternately, `runs` times each, after `warmup` untimed runs of both
 * (0 for cold process lines, whose every run starts from nothing anyway).
 */
export async function paired(ours: () => unknown, theirs: () => unknown, runs: number, warmup = 1): Promise<{ ours: number[]; theirs: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await ours();
    await theirs();
  }
  const out = { ours: [] as number[], theirs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    out.ours.push(...(await time(ours, 1, 0)));
    out.theirs.push(...(await time(theirs, 1, 0)));
  }
  return out;
}

/** What a finished process left. */
export interface ProcessResult {
  code: number | null;
  /** Its standard output, when asked to keep it (else ''). */
  stdout: string;
  stderr: string;
  /** Bytes written to standard output. */
  bytes: number;
}

/**
 * Runs a whole process to its end, reading its output as it comes (kept only with `keep`, so
 * timing a process with a large output does not time our string building). Rejects when the
 * process exits with a code not in `okCodes` (default 0; ripgrep exits 1 when nothing matched).
 */
export function runProcess(command: string, args: readonly string[], options: { keep?: boolean; okCodes?: number[]; cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
    const out: Buffer[] = [];
    let err = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (options.keep) out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code, stdout: options.keep ? Buffer.concat(out).toString('utf8') : '', stderr: err, bytes };
      if ((options.okCodes ?? [0]).includes(code ?? -1)) resolve(result);
      else reject(new Error(`${command} ${args.join(' ').slice(0, 200)} exited with ${code}: ${err.slice(0, 300)}`));
    });
  });
}

/** True when `command --version` (or `-v`) runs. */
export async function installed(command: string, versionFlag = '--version'): Promise<boolean> {
  try {
    await runProcess(command, [versionFlag], { okCodes: [0, 99] });
    return true;
  } catch {
    return false;
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Builds a bench line from timings, an optional baseline and extra fields. */
export function line(name: string, timings: readonly number[], baseline?: { name: string; timings: readonly number[] }, extra: Record<string, unknown> = {}): BenchLine {
  const m = median(timings);
  const b = baseline && baseline.timings.length ? median(baseline.timings) : null;
  return {
    name,
    median_ms: round(m),
    runs: timings.length,
    baseline: baseline?.name ?? null,
    baseline_median_ms: b === null ? null : round(b),
    ratio: b === null || b === 0 ? null : Math.round((m / b) * 100) / 100,
    ...extra,
  };
}
