/**
 * The fuzz harness (issue 15): each parser gets seeded, reproducible random inputs from fast-check;
 * every case must end in a value or a clean error within a time bound. A case is counted as
 * - a value, or a clean error (what a parser may return);
 * - a crash: the parser threw (parsers return errors, they never throw on bad input);
 * - a hang: it took longer than the bound in CPU time (it cannot be interrupted, so it is timed; CPU
 *   time, so that a machine loaded by other processes does not turn a slow wait into a hang);
 * - a silent accept: it returned a value that the suite's own check of the format's rules says is
 *   inconsistent (written apart from the validator, so the two check each other).
 * `npm test` runs FUZZ_RUNS (default 200) cases per parser; `npm run fuzz` runs 10,000 with the
 * seed in FUZZ_SEED (default 15). Each suite prints one JSON line with its counts.
 */
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';
import { withCpuTimeAsync } from '../unit/support/cpu-time.ts';

/** Cases per parser. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** The seed; a failing case is reproduced with the same seed and runs. */
export const SEED = Number(process.env.FUZZ_SEED ?? 15);

/** What one case ended in. */
export type Outcome = { kind: 'value' } | { kind: 'error' } | { kind: 'silent'; why: string };

/** The counts of one parser's run. */
export interface FuzzCounts {
  parser: string;
  seed: number;
  cases: number;
  values: number;
  errors: number;
  crashes: number;
  hangs: number;
  silentAccepts: number;
  slowestMs: number;
}

/**
 * Runs `runs` cases of `arb` through `run` and checks the counts: 0 crashes, 0 hangs, 0 silent
 * accepts. Up to five failing inputs are shown (shortened) with their reasons.
 */
export async function fuzz<T>(parser: string, arb: fc.Arbitrary<T>, run: (input: T) => Outcome | Promise<Outcome>, options: { boundMs?: number; runs?: number } = {}): Promise<FuzzCounts> {
  const bound = options.boundMs ?? 2_000;
  const runs = options.runs ?? RUNS;
  const counts: FuzzCounts = { parser, seed: SEED, cases: 0, values: 0, errors: 0, crashes: 0, hangs: 0, silentAccepts: 0, slowestMs: 0 };
  const failures: string[] = [];
  const show = (input: T) => {
    const s = typeof input === 'string' ? input : input instanceof Uint8Array ? `<${input.length} bytes>` : JSON.stringify(input);
    return (s ?? String(input)).slice(0, 300);
  };
  // A rejection nobody handles (a library's floating promise) kills the CLI: it is a crash too.
  const onUnhandled = (reason: unknown) => {
    counts.crashes++;
    if (failures.length < 5) failures.push(`unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    await runCases();
  } finally {
    // Let a late rejection of the last case still be counted.
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
  }
  async function runCases() {
    await fc.assert(
      fc.asyncProperty(arb, async (input) => {
        counts.cases++;
        let outcome: Outcome;
        let ms: number;
        try {
          ({ value: outcome, cpuMs: ms } = await withCpuTimeAsync(async () => run(input)));
        } catch (e) {
          counts.crashes++;
          if (failures.length < 5) failures.push(`crash: ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)} — input ${show(input)}`);
          return true;
        }
        counts.slowestMs = Math.max(counts.slowestMs, Math.round(ms));
        if (ms > bound) {
          counts.hangs++;
          if (failures.length < 5) failures.push(`hang: ${Math.round(ms)} ms — input ${show(input)}`);
        }
        if (outcome.kind === 'value') counts.values++;
        else if (outcome.kind === 'error') counts.errors++;
        else {
          counts.silentAccepts++;
          if (failures.length < 5) failures.push(`silent accept: ${outcome.why} — input ${show(input)}`);
        }
        return true;
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
  }
  const line = JSON.stringify(counts);
  console.log(line);
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, line + '\n');
  expect({ crashes: counts.crashes, hangs: counts.hangs, silentAccepts: counts.silentAccepts, failures }).toEqual({ crashes: 0, hangs: 0, silentAccepts: 0, failures: [] });
  expect(counts.cases).toBe(runs);
  return counts;
}

/** A JSON value changed by a few random edits: a leaf replaced, a key deleted, an array reversed, swapped, emptied or an item doubled. */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'delete', 'reverse', 'swap', 'empty', 'double', 'shift'),
    value: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({})),
    other: fc.nat(),
  });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const copy = structuredClone(base) as unknown;
    for (const e of edits) applyEdit(copy, e);
    return copy;
  });
}

type Edit = { at: number; kind: string; value: unknown; other: number };

/** Every container and key in a JSON value, in a fixed order. */
function places(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), stack.push(x)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k }), stack.push(x);
  }
  return out;
}

function applyEdit(root: unknown, e: Edit): void {
  const all = places(root);
  if (all.length === 0) return;
  const { parent, key } = all[e.at % all.length]!;
  const target = (parent as Record<string | number, unknown>)[key];
  switch (e.kind) {
    case 'replace':
      (parent as Record<string | number, unknown>)[key] = structuredClone(e.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'shift':
      if (typeof target === 'number') (parent as Record<string | number, unknown>)[key] = target + ((e.other % 7) - 3);
      break;
    default:
      if (!Array.isArray(target) || target.length === 0) return;
      if (e.kind === 'reverse') target.reverse();
      else if (e.kind === 'swap') {
        const j = e.other % target.length;
        [target[0], target[j]] = [target[j], target[0]];
      } else if (e.kind === 'empty') target.length = 0;
      else target.push(structuredClone(target[e.other % target.length]));
  }
}
