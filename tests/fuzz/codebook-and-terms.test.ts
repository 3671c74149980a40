import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Codebook } from '../../src/model/codebook.ts';
import { parseCodebook } from '../../src/exchange/codebook-file.ts';
import { parseQdc, toQdc } from '../../src/exchange/refi-qda-codebook.ts';
import { parseQuery } from '../../src/text/query.ts';
import { compileQuery, findAll, prepareText } from '../../src/text/matcher.ts';
import { fuzz, mutated, type Outcome } from './harness.ts';

const codebookJson = JSON.parse(readFileSync(new URL('../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8')) as unknown;

/** What every codebook read must be: unique code ids, unique keys, unique values per code, colours as #rrggbb. */
function inconsistency(book: Codebook): string | null {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const c of book.codes) {
    if (ids.has(c.id)) return `code id ${c.id} twice`;
    ids.add(c.id);
    if (c.key !== undefined && c.key !== null && c.key !== '') {
      if (keys.has(String(c.key))) return `key ${String(c.key)} twice`;
      keys.add(String(c.key));
    }
    if (c.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(c.color)) return `colour ${c.color}`;
    const values = new Set<string>();
    for (const v of c.values) {
      if (values.has(v.id)) return `value ${v.id} twice`;
      values.add(v.id);
    }
  }
  return null;
}

function codebookOutcome(result: { parsed: Codebook } | { error: { reason: string } }): Outcome {
  if ('error' in result) return result.error.reason ? { kind: 'error' } : { kind: 'silent', why: 'an error without a reason' };
  const why = inconsistency(result.parsed);
  return why ? { kind: 'silent', why } : { kind: 'value' };
}

describe('fuzzing the codebook readers and the term list', () => {
  it('reads codebook JSON: the default codebook after random edits, and random JSON', { timeout: 600_000 }, async () => {
    await fuzz('codebook JSON', fc.oneof(mutated(codebookJson), fc.json({ maxDepth: 5 }).map((s) => JSON.parse(s) as unknown)), (json) => codebookOutcome(parseCodebook(json)));
  });

  it('reads REFI-QDA codebooks (.qdc): a written one with random edits, deep nesting and random text', { timeout: 600_000 }, async () => {
    const book = parseCodebook(codebookJson);
    if ('error' in book) throw new Error(book.error.reason);
    const qdc = toQdc(book.parsed, { lang: 'nl' });
    const arb = fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: qdc.length - 1 }), fc.nat({ max: 40 }), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 5 }).map((edits) => {
        let s = qdc;
        for (const [at, cut, add] of edits) s = s.slice(0, at % s.length) + add + s.slice((at % s.length) + cut);
        return s;
      }),
      fc.integer({ min: 1, max: 3_000 }).map((depth) =>
        qdc.replace('<Codes>', `<Codes>${'<Code guid="00000000-0000-4000-8000-000000000001" name="x" isCodable="true">'.repeat(depth)}${'</Code>'.repeat(depth)}`),
      ),
      fc.string({ maxLength: 300 }),
    );
    await fuzz('.qdc', arb, (xml) => codebookOutcome(parseQdc(xml)));
  });

  it('reads term lists, and matches what it reads on a text: a value or an error with its line', { timeout: 600_000 }, async () => {
    const piece = fc.oneof(
      fc.constantFrom('wereld*', 'grens/grenzen', '"culturele diplomatie"', '(inter-)', 'inter-', 'Label: term', '# note', '/internationa(al|le)/', '/(a+)+$/', '/[/', '/a/gi', '*', '()', '(', ')', '"', '“x”', ':', '\n', '\r\n', ' '),
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 400, max: 80_000 }).map((n) => 'x'.repeat(n)),
    );
    const arb = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    const text = prepareText('De wereld en de grenzen: internationale culturele diplomatie, inter- en transnationaal. aaaaaaaa');
    await fuzz('term list', arb, (terms) => {
      const parsed = parseQuery(terms);
      if ('error' in parsed) {
        const e = parsed.error;
        return e.line >= 1 && e.column >= 1 && e.reason ? { kind: 'error' } : { kind: 'silent', why: 'an error without line or reason' };
      }
      findAll(text, compileQuery(parsed.parsed));
      return { kind: 'value' };
    });
  });
});
