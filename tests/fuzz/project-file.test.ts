import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { parseProjectFile, toProjectFile } from '../../src/exchange/project-file.ts';
import { fuzz, mutated, type Outcome } from './harness.ts';
import { inconsistency } from './project-rules.ts';
import { readProjectBytes } from '../../src/exchange/project-reader.ts';
import { readQde } from '../../src/exchange/qdpx-read.ts';
import { toQde, toQdpx } from '../../src/exchange/qdpx-write.ts';

const fixtureText = readFileSync(new URL('../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const fixture = JSON.parse(fixtureText) as unknown;

/** Reads a project file; a value must obey the rules and survive writing and reading again. */
function readProject(text: string): Outcome {
  const result = parseProjectFile(text);
  if ('error' in result) {
    if (typeof result.error.reason !== 'string' || result.error.reason === '') return { kind: 'silent', why: 'an error without a reason' };
    return { kind: 'error' };
  }
  const why = inconsistency(result.parsed);
  if (why) return { kind: 'silent', why };
  const again = parseProjectFile(toProjectFile(result.parsed));
  if ('error' in again) return { kind: 'silent', why: `accepted but not readable once written: ${again.error.path} ${again.error.reason}` };
  return { kind: 'value' };
}

describe('fuzzing the project file reader', () => {
  it('reads the fixture after random edits: a value that obeys every rule, or a clean error', { timeout: 600_000 }, async () => {
    await fuzz('project file (edited fixture)', mutated(fixture), (value) => readProject(JSON.stringify(value)));
  });

  it('reads random text and random JSON: a clean error', { timeout: 600_000 }, async () => {
    const arb = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 6 }),
      fc.nat({ max: fixtureText.length }).map((n) => fixtureText.slice(0, n)),
      fc.integer({ min: 1, max: 200_000 }).map((depth) => fixtureText.replace('"settings": {', `"settings": {"deep": ${'['.repeat(depth)}${']'.repeat(depth)},`)),
    );
    await fuzz('project file (random text)', arb, readProject);
  });

  it('reads REFI-QDA projects (.qdpx and its .qde): written ones with random edits, and random bytes', { timeout: 900_000 }, async () => {
    const small = parseProjectFile(fixtureText);
    if ('error' in small) throw new Error(small.error.reason);
    const { xml } = toQde(small.parsed, { lang: 'nl', exportedAt: '2026-01-01T00:00:00.000Z' });
    const zip = toQdpx(small.parsed, { lang: 'nl', exportedAt: '2026-01-01T00:00:00.000Z' });
    const outcome = (r: Awaited<ReturnType<typeof readQde>>): Outcome => {
      if ('error' in r) return r.error.reason ? { kind: 'error' } : { kind: 'silent', why: 'an error without a reason' };
      const why = inconsistency(r.parsed.data);
      return why ? { kind: 'silent', why } : { kind: 'value' };
    };
    const arb = fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: xml.length - 1 }), fc.nat({ max: 30 }), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 4 }).map((edits) => {
        let s = xml;
        for (const [at, cut, add] of edits) s = s.slice(0, at % s.length) + add + s.slice((at % s.length) + cut);
        return { qde: s };
      }),
      fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
        const b = zip.slice();
        for (const [at, v] of edits) b[at] = v;
        return { zip: b };
      }),
      fc.uint8Array({ maxLength: 500 }).map((b) => ({ zip: b })),
    );
    await fuzz('.qdpx / .qde', arb, async (input) =>
      'qde' in input ? outcome(await readQde(input.qde, { fileName: 'fuzz.qde', kind: 'qde' })) : outcome(await readProjectBytes(input.zip, 'fuzz.qdpx')),
    );
  });
});
