import { describe, expect, it } from 'vitest';
import { compileQuery, findAll, findLineEndJoins, prepareText, type Hit } from '../../../src/text/matcher.ts';
import { parseQuery } from '../../../src/text/query.ts';

function compile(terms: string) {
  const r = parseQuery(terms);
  if (!('parsed' in r)) throw new Error(JSON.stringify(r.error));
  return compileQuery(r.parsed);
}

/** The matched strings of a term list in a text. */
function matches(terms: string, text: string): string[] {
  return findAll(text, compile(terms)).map((h) => text.slice(h.start, h.end));
}

describe('findAll', () => {
  it('finds a word case-insensitively with offsets into the original text', () => {
    const text = 'De Wereld en de WERELD.';
    expect(findAll(text, compile('wereld'))).toEqual([
      { termIndex: 0, start: 3, end: 9 },
      { termIndex: 0, start: 16, end: 22 },
    ]);
  });

  it('finds words accent-insensitively in both directions', () => {
    expect(matches('ideeen', 'nieuwe ideeën')).toEqual(['ideeën']);
    expect(matches('coördinatie', 'de coordinatie')).toEqual(['coordinatie']);
  });

  it('matches whole words only', () => {
    expect(matches('wereld', 'wereldwijd, wereldje, onderwereld, wereld')).toEqual(['wereld']);
  });

  it('treats a hyphen as a word boundary', () => {
    expect(matches('brabant', 'In Noord-Brabant en BrabantStad')).toEqual(['Brabant']);
  });

  it('treats digits as part of a word', () => {
    expect(matches('wereld', 'wereld2030 en wereld')).toEqual(['wereld']);
  });

  it('does not count a superscript reference number after a word as part of it', () => {
    expect(matches('vereinsstatuten', 'De Vereinsstatuten¹ en de Vereinsstatuten1')).toEqual(['Vereinsstatuten']);
    expect(matches('is', 'ruim is.¹⁸')).toEqual(['is']);
  });

  it('lets a wildcard stand for letters inside one word only', () => {
    expect(matches('wereld*', 'wereld, wereldwijde, wereldburgers en de wereld over')).toEqual([
      'wereld',
      'wereldwijde',
      'wereldburgers',
      'wereld',
    ]);
    expect(matches('wereld*', 'wereld-erfgoed')).toEqual(['wereld']);
  });

  it('matches a wildcard in the middle of a word', () => {
    expect(matches('internationali*ring', 'internationalisering, internationaliseren')).toEqual(['internationalisering']);
  });

  it('matches a leading wildcard', () => {
    expect(matches('*nationaal', 'internationaal, nationaal en transnationaal beleid')).toEqual([
      'internationaal',
      'nationaal',
      'transnationaal',
    ]);
  });

  it('matches an optional part with or without it', () => {
    expect(matches('wereldwijd(e)', 'wereldwijd, wereldwijde, wereldwijder')).toEqual(['wereldwijd', 'wereldwijde']);
  });

  it('counts alternatives on one line as one term', () => {
    const hits = findAll('grens, grenzen en grenzeloos', compile('grens/grenzen'));
    expect(hits.map((h) => h.termIndex)).toEqual([0, 0]);
  });

  it('matches a phrase across any whitespace, line breaks included', () => {
    expect(matches('"culturele diplomatie"', 'de culturele\n  diplomatie van NL; culturele  diplomatieke')).toEqual([
      'culturele\n  diplomatie',
    ]);
  });

  it('matches a raw regex on the folded text without implicit boundaries', () => {
    expect(matches('/internationa(al|le)/', 'Internationale en internationaal en onInternationaal')).toEqual([
      'Internationale',
      'internationaal',
      'Internationaal',
    ]);
  });

  it('keeps escapes of a raw regex intact while folding its letters', () => {
    expect(matches('/\\bWÉRELD\\b/', 'de wereld')).toEqual(['wereld']);
    // \p{Lu} stays as written (lower-cased it would be an invalid property); matching is case-insensitive.
    expect(matches('/\\p{Lu}x/', 'Ax')).toEqual(['Ax']);
  });

  it('skips empty matches of a raw regex without looping', () => {
    expect(matches('/(?=wereld)/', 'wereld wereld')).toEqual([]);
    expect(matches('/(?=wereld)|mondiaal/', 'wereld mondiaal')).toEqual(['mondiaal']);
  });

  it('reads inter- as a word that starts with inter and a hyphen', () => {
    expect(matches('(inter-)', 'inter- en transnationaal, (inter-)nationale top, Inter-Agency, internationaal, winter-')).toEqual([
      'inter-',
      'inter-',
      'Inter-',
    ]);
  });

  it('reports hits of different terms independently when they overlap', () => {
    const hits = findAll('internationale samenwerking', compile('internationa*\ninternationale\n"internationale samenwerking"'));
    expect(hits).toEqual([
      { termIndex: 0, start: 0, end: 14 },
      { termIndex: 1, start: 0, end: 14 },
      { termIndex: 2, start: 0, end: 27 },
    ]);
  });

  it('finds a term that starts inside another term’s hit', () => {
    const hits = findAll('culturele diplomatie', compile('"culturele diplomatie"\ndiplomatie'));
    expect(hits.map((h) => [h.termIndex, h.start])).toEqual([
      [0, 0],
      [1, 10],
    ]);
  });

  it('counts a position once per term even when several alternatives match it', () => {
    expect(findAll('grenzen', compile('grens*/grenzen'))).toHaveLength(1);
  });

  it('does not let one term’s hits overlap each other', () => {
    expect(matches('"wereld wereld"', 'wereld wereld wereld')).toEqual(['wereld wereld']);
  });

  it('sorts hits by start, then term', () => {
    const hits = findAll('mondiaal en wereld en mondiaal', compile('wereld\nmondiaal'));
    expect(hits.map((h: Hit) => [h.start, h.termIndex])).toEqual([
      [0, 1],
      [12, 0],
      [22, 1],
    ]);
  });

  it('finds nothing in an empty text or for an empty query', () => {
    expect(findAll('', compile('wereld'))).toEqual([]);
    expect(findAll('wereld', compile(''))).toEqual([]);
  });

  it('reports UTF-16 offsets after astral characters', () => {
    const text = '🙂 wereld';
    expect(findAll(text, compile('wereld'))).toEqual([{ termIndex: 0, start: 3, end: 9 }]);
  });

  it('finds terms with letters outside Latin-1', () => {
    expect(matches('Łódź', 'in LODZ en Łódź')).toEqual(['LODZ', 'Łódź']);
  });
});

describe('line-end hyphenation', () => {
  it('matches a word hyphenated at a line end, with offsets spanning the hyphen', () => {
    const text = 'duurzaamheid, (internatio-\nnale) uitwisseling';
    const hits = findAll(text, compile('internationale'));
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('internatio-\nnale');
  });

  it('does not count the first half of a hyphenated word as a word of its own', () => {
    expect(matches('wereld', 'een wereld-\nwijde aanpak')).toEqual([]);
    expect(matches('wereldwijd(e)', 'een wereld-\nwijde aanpak')).toEqual(['wereld-\nwijde']);
  });

  it('tolerates spaces and a carriage return around the line break', () => {
    expect(matches('internationale', 'de internatio-  \r\n  nale top')).toEqual(['internatio-  \r\n  nale']);
  });

  it('keeps the hyphen before a capital, so Noord-\\nBrabant matches noord-brabant', () => {
    expect(findLineEndJoins('Noord-\nBrabant')).toEqual([]);
    expect(matches('noord-brabant', 'in Noord-\nBrabant')).toEqual(['Noord-\nBrabant']);
    expect(matches('brabant', 'in Noord-\nBrabant')).toEqual(['Brabant']);
  });

  it('does not join before an elliptical conjunction', () => {
    expect(findLineEndJoins('kunst-\nen cultuursector')).toEqual([]);
    expect(matches('kunst', 'kunst-\nen cultuursector')).toEqual(['kunst']);
  });

  it('finds a phrase that spans a hyphenated word', () => {
    expect(matches('"culturele samenwerking"', 'de cul-\nturele samenwerking')).toEqual(['cul-\nturele samenwerking']);
  });

  it('finds hits next to a join and keeps them in order', () => {
    const text = 'wereld en internatio-\nnale wereld';
    expect(findAll(text, compile('wereld\ninternationale')).map((h) => text.slice(h.start, h.end))).toEqual([
      'wereld',
      'internatio-\nnale',
      'wereld',
    ]);
  });

  it('gives the same hits for a prepared text as for the plain string', () => {
    const text = 'Het internatio-\nnale en wereld-\nwijde beleid, wereldwijd.';
    const q = compile('internationale\nwereldwijd(e)\nwereld');
    expect(findAll(prepareText(text), q)).toEqual(findAll(text, q));
  });
});
