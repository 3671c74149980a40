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
    expect(translate('en', 'tv.cellLabel', { column: 'Market', row: 'Doc', n: 1 })).toBe('Show the 1 fragment of Market in Doc');
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
