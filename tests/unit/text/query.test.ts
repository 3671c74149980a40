import { describe, expect, it } from 'vitest';
import { formatPattern, parseQuery, type ParseQueryResult, type Query, type QueryError } from '../../../src/text/query.ts';

function parsed(input: string): Query {
  const r = parseQuery(input);
  if (!('parsed' in r)) throw new Error(`unexpected error ${JSON.stringify(r.error)}`);
  return r.parsed;
}

function error(input: string): QueryError {
  const r: ParseQueryResult = parseQuery(input);
  if (!('error' in r)) throw new Error('expected an error');
  return r.error;
}

describe('parseQuery', () => {
  it('reads one term per line with its line number', () => {
    const q = parsed('wereld\nbuitenland\n');
    expect(q.terms.map((t) => [t.source, t.line])).toEqual([
      ['wereld', 1],
      ['buitenland', 2],
    ]);
  });

  it('ignores blank lines and # comment lines', () => {
    const q = parsed('# thesis list\n\n   \n  # indented comment\nwereld\r\n');
    expect(q.terms).toHaveLength(1);
    expect(q.terms[0]!.line).toBe(5);
  });

  it('keeps the trimmed line as source and uses it as label when there is none', () => {
    const t = parsed('   wereld*  ').terms[0]!;
    expect(t.source).toBe('wereld*');
    expect(t.label).toBe('wereld*');
  });

  it('reads a label before a colon as the term name', () => {
    const t = parsed('Internationaal: internationa*').terms[0]!;
    expect(t.label).toBe('Internationaal');
    expect(t.source).toBe('Internationaal: internationa*');
    expect(formatPattern(t.alternatives[0]!)).toBe('internationa*');
  });

  it('parses a plain word as one text piece', () => {
    expect(parsed('wereld').terms[0]!.alternatives).toEqual([{ kind: 'words', words: [{ pieces: [{ kind: 'text', text: 'wereld' }] }] }]);
  });

  it('parses a trailing wildcard', () => {
    expect(parsed('wereld*').terms[0]!.alternatives[0]).toEqual({
      kind: 'words',
      words: [{ pieces: [{ kind: 'text', text: 'wereld' }, { kind: 'wildcard' }] }],
    });
  });

  it('parses a wildcard in the middle of a word', () => {
    const pieces = (parsed('internationali*ring').terms[0]!.alternatives[0] as { words: { pieces: unknown[] }[] }).words[0]!.pieces;
    expect(pieces).toEqual([{ kind: 'text', text: 'internationali' }, { kind: 'wildcard' }, { kind: 'text', text: 'ring' }]);
  });

  it('merges repeated wildcards into one', () => {
    expect(formatPattern(parsed('wereld**').terms[0]!.alternatives[0]!)).toBe('wereld*');
  });

  it('parses an optional part in parentheses', () => {
    expect(parsed('wereldwijd(e)').terms[0]!.alternatives[0]).toEqual({
      kind: 'words',
      words: [{ pieces: [{ kind: 'text', text: 'wereldwijd' }, { kind: 'optional', pieces: [{ kind: 'text', text: 'e' }] }] }],
    });
  });

  it('parses alternatives separated by a slash as one term', () => {
    const q = parsed('grens/grenzen');
    expect(q.terms).toHaveLength(1);
    expect(q.terms[0]!.alternatives.map(formatPattern)).toEqual(['grens', 'grenzen']);
  });

  it('parses a quoted phrase into its words', () => {
    const alt = parsed('"culturele diplomatie"').terms[0]!.alternatives[0]!;
    expect(alt.kind === 'words' && alt.words.length).toBe(2);
    expect(formatPattern(alt)).toBe('"culturele diplomatie"');
  });

  it('accepts curly quotes around a phrase', () => {
    expect(formatPattern(parsed('“culturele diplomatie”').terms[0]!.alternatives[0]!)).toBe('"culturele diplomatie"');
    expect(formatPattern(parsed('„culturele diplomatie”').terms[0]!.alternatives[0]!)).toBe('"culturele diplomatie"');
  });

  it('reads unquoted words with spaces as a phrase', () => {
    expect(formatPattern(parsed('culturele   diplomatie').terms[0]!.alternatives[0]!)).toBe('"culturele diplomatie"');
  });

  it('keeps a slash inside a quoted phrase', () => {
    const q = parsed('"in/out beleid"/buitenland');
    expect(q.terms[0]!.alternatives.map(formatPattern)).toEqual(['"in/out beleid"', 'buitenland']);
  });

  it('parses /regex/ as a raw regular expression', () => {
    expect(parsed('/internationa(al|le)/').terms[0]!.alternatives).toEqual([{ kind: 'regex', source: 'internationa(al|le)' }]);
  });

  it('parses a labelled regex', () => {
    const t = parsed('Intl: /internationa(al|le)/').terms[0]!;
    expect(t.label).toBe('Intl');
    expect(t.alternatives[0]!.kind).toBe('regex');
  });

  it('reads (inter-) as the prefix inter- (thesis notation)', () => {
    const t = parsed('(inter-)').terms[0]!;
    expect(t.source).toBe('(inter-)');
    expect(t.alternatives.map(formatPattern)).toEqual(['inter-']);
  });

  it('reports an invalid regex with its line and column', () => {
    expect(error('wereld\n  /inter(/')).toMatchObject({ line: 2, column: 4, reason: 'invalid-regex' });
  });

  it("gives the regex engine's reason without the flags the matcher adds, which the user never wrote", () => {
    const e = error('/[/');
    expect(e).toMatchObject({ reason: 'invalid-regex' });
    expect(e.detail).toMatch(/^Unterminated character class$/);
  });

  it('reports flags after a regex', () => {
    expect(error('/wereld/i')).toMatchObject({ line: 1, column: 9, reason: 'regex-flags' });
  });

  it('reports a regex that matches the empty string', () => {
    expect(error('/a*/')).toMatchObject({ reason: 'regex-matches-empty' });
  });

  it('reports an unclosed quote', () => {
    expect(error('"culturele diplomatie')).toMatchObject({ line: 1, column: 1, reason: 'unclosed-quote' });
  });

  it('reports a quote inside an unquoted term', () => {
    expect(error('wereld"s')).toMatchObject({ column: 7, reason: 'unexpected-quote' });
  });

  it('reports an unclosed group at the opening parenthesis', () => {
    expect(error('wereldwijd(e')).toMatchObject({ column: 11, reason: 'unclosed-group' });
  });

  it('reports a closing parenthesis without an opening one', () => {
    expect(error('wereld)')).toMatchObject({ column: 7, reason: 'unexpected-group-close' });
  });

  it('reports nested and empty groups', () => {
    expect(error('a(b(c))')).toMatchObject({ column: 4, reason: 'nested-group' });
    expect(error('wereld()')).toMatchObject({ column: 7, reason: 'empty-group' });
  });

  it('reports a term of wildcards only', () => {
    expect(error('*')).toMatchObject({ reason: 'wildcard-only' });
    expect(error('"culturele *"')).toMatchObject({ reason: 'wildcard-only', column: 12 });
  });

  it('reports an empty alternative around a slash', () => {
    expect(error('grens//grenzen')).toMatchObject({ column: 7, reason: 'empty-alternative' });
    expect(error('grens/')).toMatchObject({ reason: 'empty-alternative' });
  });

  it('reports a label without a term and a colon without a label', () => {
    expect(error('Internationaal:')).toMatchObject({ reason: 'empty-term' });
    expect(error(': wereld')).toMatchObject({ reason: 'empty-label' });
  });

  it('reports a term that appears twice', () => {
    expect(error('wereld\nWereld')).toMatchObject({ line: 2, reason: 'duplicate-term' });
  });

  it('collects every error, first one first', () => {
    const r = parseQuery('"open\nok\nwereld(');
    expect('errors' in r && r.errors.map((e) => e.line)).toEqual([1, 3]);
  });

  it('never throws on odd input', () => {
    for (const s of ['(', ')', '"', '/', '//', '*', '\u0000', '((()))', '/[/', ':', '"" ', '/(?<a>x)\\k<a>/']) {
      expect(() => parseQuery(s)).not.toThrow();
    }
  });
});
