import { describe, expect, it } from 'vitest';
import { withCpuTime } from '../support/cpu-time.ts';
import { MAX_TERM_LENGTH, MAX_TERMS, parseQuery } from '../../../src/text/query.ts';
import { compileQuery, findAll, prepareText } from '../../../src/text/matcher.ts';

describe('bounds of a term list', () => {
  it('refuses a term line of 70,000 characters with its line, instead of failing later in the matcher', () => {
    const { value: result, cpuMs } = withCpuTime(() => parseQuery(`wereld\n${'a'.repeat(70_000)}\n/${'(a|b)'.repeat(14_000)}/`));
    expect(cpuMs).toBeLessThan(2_000); // issue 15's bound: a hang check
    expect('error' in result && result.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, 'term-too-long'],
      [3, 'term-too-long'],
    ]);
  });

  it('refuses a list of 10,000 terms, naming the first line past the limit', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `term${i}`).join('\n');
    const { value: result, cpuMs } = withCpuTime(() => parseQuery(lines));
    expect(cpuMs).toBeLessThan(2_000);
    expect('error' in result && result.error).toMatchObject({ line: MAX_TERMS + 1, reason: 'too-many-terms' });
  });

  it('compiles and matches a list at the limits: 500 terms of 500 characters', { timeout: 30_000 }, () => {
    const lines = Array.from({ length: MAX_TERMS }, (_, i) => `${String(i).padStart(4, '0')}${'w'.repeat(MAX_TERM_LENGTH - 4)}`).join('\n');
    const parsed = parseQuery(lines);
    expect('parsed' in parsed).toBe(true);
    if ('parsed' in parsed) expect(findAll(prepareText(`0001${'w'.repeat(MAX_TERM_LENGTH - 4)} en meer`), compileQuery(parsed.parsed))).toHaveLength(1);
  });
});
