import { describe, expect, it } from 'vitest';
import { formatMessage, translate } from '../../../src/ui/i18n.tsx';
import { messages, type MessageKey } from '../../../src/ui/messages.ts';

describe('plural choices in messages', () => {
  it('picks the singular for exactly one and the plural otherwise', () => {
    expect(formatMessage('{n} {n|fragment|fragments}', { n: 1 })).toBe('1 fragment');
    expect(formatMessage('{n} {n|fragment|fragments}', { n: 0 })).toBe('0 fragments');
    expect(formatMessage('{n} {n|fragment|fragments}', { n: 2 })).toBe('2 fragments');
  });

  it('leaves a choice whose number is not given, and never reads a parameter value as a choice', () => {
    expect(formatMessage('{n|a|b}', { m: 1 })).toBe('{n|a|b}');
    expect(formatMessage('{title}: {n} {n|hit|hits}', { title: '{n|x|y}', n: 1 })).toBe('{n|x|y}: 1 hit');
  });

  it('says "1 fragment" in the codebook and the reader, in English and in Dutch', () => {
    expect(translate('en', 'codebook.idAndUse', { id: 'civic', n: 1 })).toBe('id civic · 1 fragment');
    expect(translate('en', 'codebook.idAndUse', { id: 'civic', n: 4 })).toBe('id civic · 4 fragments');
    expect(translate('nl', 'codebook.idAndUse', { id: 'civic', n: 1 })).toBe('id civic · 1 fragment');
    expect(translate('nl', 'codebook.idAndUse', { id: 'civic', n: 0 })).toBe('id civic · 0 fragmenten');
    expect(translate('en', 'reader.meta', { pages: 9, fragments: 1 })).toBe('9 pages · 1 fragment');
    expect(translate('en', 'reader.meta', { pages: 1, fragments: 3 })).toBe('1 page · 3 fragments');
    expect(translate('nl', 'reader.meta', { pages: 9, fragments: 1 })).toBe("9 pagina's · 1 fragment");
    expect(translate('nl', 'reader.meta', { pages: 1, fragments: 2 })).toBe('1 pagina · 2 fragmenten');
  });

  it('says "1 document" for a tally group and for new documents of a search set', () => {
    expect(translate('en', 'tv.groupDocs', { n: 1 })).toBe('1 document');
    expect(translate('nl', 'tv.groupDocs', { n: 3 })).toBe('3 documenten');
    expect(translate('en', 'search.newDocs', { n: 1, hits: 1 })).toBe('1 document new since this search set was marked as seen, with 1 hit.');
    expect(translate('nl', 'search.newDocs', { n: 2, hits: 1 })).toBe('2 documenten nieuw sinds deze zoekset als gezien is gemarkeerd, met 1 treffer.');
    expect(translate('en', 'tv.shown', { n: 1, total: 1 })).toBe('1 of 1 fragment counts.');
    expect(translate('nl', 'tv.shown', { n: 2, total: 5 })).toBe('2 van 5 fragmenten tellen mee.');
  });

  it('has no "(s)" or "(en)" plural stopgaps left, and plural choices on the same numbers in both languages', () => {
    const keys = Object.keys(messages) as MessageKey[];
    // The numbers that choose a form are the same; how many words inflect differs per language
    // (Dutch also says "het/de", "dat/die", "is/zijn").
    const choices = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\|[^{}|]*\|[^{}|]*\}/g)].map((m) => m[1]))].sort();
    for (const key of keys) {
      expect(messages[key].en, key).not.toMatch(/\w\(s\)/);
      expect(messages[key].nl, key).not.toMatch(/\w\(en\)/);
      expect(choices(messages[key].nl), key).toEqual(choices(messages[key].en));
    }
  });
});

describe('words the reviewer found wrong', () => {
  it('gives the Dutch worklist arrows the same meaning as the English "move"', () => {
    const help = (lang: 'nl' | 'en') => Object.values(messages).find((m) => m.en.startsWith('Keys in the list:'))![lang];
    expect(help('en')).toContain('↑/↓ move');
    expect(help('nl')).toContain('↑/↓ verplaatsen');
    expect(help('nl')).not.toContain('↑/↓ volgende');
  });

  it('names the chart axis after what the bars count (regime assignments) and the key in Dutch', () => {
    expect(translate('en', 'tv.chartCount')).toBe('Codings (regime assignments)');
    expect(translate('nl', 'tv.chartCount')).toBe('Coderingen (regime-toekenningen)');
    expect(translate('nl', 'tv.chartKey')).toBe('legenda');
  });
});

describe('plural forms everywhere (issue: "1 hyphenations joined", "Search 1 selected documents", "1 decisions")', () => {
  it('says one hyphenation, one selected document, one decision', () => {
    expect(translate('en', 'library.report', { hyphens: 1, removed: 1 })).toBe('1 hyphenation joined, 1 header/footer line removed');
    expect(translate('nl', 'library.report', { hyphens: 1, removed: 2 })).toBe('1 afbreking hersteld, 2 kop-/voetregels verwijderd');
    expect(translate('en', 'search.runSelected', { n: 1 })).toBe('Search 1 selected document');
    expect(translate('nl', 'search.runSelected', { n: 1 })).toBe('Zoeken in 1 gekozen document');
    expect(translate('en', 'search.progressDetail', { pct: 5, coded: 1, dismissed: 0, open: 19, decisions: 1 })).toBe('5% · 1 coded · 0 dismissed · 19 open · 1 decision');
    expect(translate('nl', 'tv.shown', { n: 1, total: 1 })).toBe('1 van 1 fragment telt mee.');
    expect(translate('en', 'tv.shown', { n: 3, total: 5 })).toBe('3 of 5 fragments count.');
    expect(translate('nl', 'codebook.confirmMerge', { name: 'A', into: 'B', n: 1 })).toBe('"A" samenvoegen met "B"? Het 1 fragment met A krijgt B; de waarden gaan mee.');
  });

  it('has no count in any message that is followed by a plural noun without a plural choice', () => {
    const nouns = /\{(\w+)\} (?:[\p{L}-]+ ){0,2}(documents|documenten|fragments|fragmenten|hits|treffers|decisions|beslissingen|lines|regels|regeleinden|pages|pagina's|hyphenations|afbrekingen|pairs|paren|coders|codeurs|values|waarden)\b/u;
    const offenders: string[] = [];
    for (const [key, pair] of Object.entries(messages) as [MessageKey, { nl: string; en: string }][]) {
      for (const text of [pair.nl, pair.en]) {
        // Only counts written as "{n} word(s)": a plural choice right after the count is fine.
        const m = nouns.exec(text.replace(/\{(\w+)\|[^{}|]*\|[^{}|]*\}/g, '§'));
        if (m) offenders.push(`${key}: ${text}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('regular-expression errors in both languages', () => {
  it('says "Unterminated group" and the other engine reasons in Dutch in the Dutch UI', async () => {
    const { parseQuery } = await import('../../../src/text/query.ts');
    const { queryErrorText } = await import('../../../src/ui/messages.ts');
    const errorOf = (terms: string) => {
      const r = parseQuery(terms);
      if (!('error' in r)) throw new Error(`no error for ${terms}`);
      return r.error;
    };
    expect(queryErrorText('nl', errorOf('/internationa(al/'))).toBe('Regel 1, kolom 2: ongeldige reguliere expressie (haakje ( niet gesloten)');
    expect(queryErrorText('en', errorOf('/internationa(al/'))).toBe('Line 1, column 2: invalid regular expression (unterminated group)');
    // Every reason the engine gives for these patterns has Dutch words.
    for (const pattern of ['/[a/', '/*a/', '/a)/', '/a{2,1}/', '/[b-a]/', '/a\\/', '/(?<a>x)(?<a>y)/', '/\\k<x>/']) {
      const error = errorOf(pattern);
      expect(error.reason).toBe('invalid-regex');
      const text = queryErrorText('nl', error);
      expect({ pattern, english: text.includes(error.detail!) }).toEqual({ pattern, english: false });
    }
  });
});
