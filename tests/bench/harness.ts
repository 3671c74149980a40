/**
 * The bench harness: what a measurement is and how it is timed and printed.
 *
 * A bench module is a file `tests/bench/<topic>.bench.ts` that exports `benches: Bench[]`;
 * run.ts finds and runs every such module, so adding a measurement means adding a module (or a
 * Bench to one). Each bench prints exactly one JSON line:
 * `{"name", "median_ms", "runs", "baseline", "baseline_median_ms", "ratio"}` — ratio is
 * median_ms / baseline_median_ms, null without a baseline.
 */

/** One printed measurement. */
export interface BenchLine {
  name: string;
  median_ms: number;
  runs: number;
  /** What the measurement is compared with (a command line, a library), or null. */
  baseline: string | null;
  baseline_median_ms: number | null;
  ratio: number | null;
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

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Builds a bench line from timings and an optional baseline. */
export function line(name: string, timings: readonly number[], baseline?: { name: string; timings: readonly number[] }): BenchLine {
  const m = median(timings);
  const b = baseline && baseline.timings.length ? median(baseline.timings) : null;
  return {
    name,
    median_ms: round(m),
    runs: timings.length,
    baseline: baseline?.name ?? null,
    baseline_median_ms: b === null ? null : round(b),
    ratio: b === null || b === 0 ? null : Math.round((m / b) * 100) / 100,
  };
}
