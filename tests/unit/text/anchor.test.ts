import { describe, expect, it } from 'vitest';
import { anchorFromRange } from '../../../src/model/fragment.ts';
import { prepareAnchorText, reanchor } from '../../../src/text/anchor.ts';

const OLD =
  'De regio werkt internationaal samen met partners over de grens. ' +
  'Het profiel noemt de kunst- en cultuursector als motor van de economie. ' +
  'Daarnaast wil de regio de internationale uitwisseling van makers versterken, ' +
  'met name met Duitsland en België, waar de samenwerking al jaren loopt. ' +
  'De regio werkt internationaal samen met partners over de grens.';

const anchorOf = (text: string, quote: string, nth = 0) => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  return anchorFromRange(text, at, at + quote.length);
};

describe('reanchor', () => {
  it('keeps the position when the text at the stored offsets is still the quote', () => {
    const a = anchorOf(OLD, 'kunst- en cultuursector');
    expect(reanchor(prepareAnchorText(OLD), a)).toEqual({ start: a.start, end: a.end, method: 'position' });
  });

  it('finds a moved quote by its exact text', () => {
    const a = anchorOf(OLD, 'internationale uitwisseling');
    const changed = 'Voorwoord van de gedeputeerde.\n\n' + OLD;
    const m = reanchor(prepareAnchorText(changed), a, OLD.length)!;
    expect(m.method).toBe('quote');
    expect(changed.slice(m.start, m.end)).toBe('internationale uitwisseling');
  });

  it('tells two copies of a quote apart by their prefix and suffix', () => {
    const second = anchorOf(OLD, 'De regio werkt internationaal samen', 1);
    const changed = 'Inleiding. ' + OLD;
    const m = reanchor(prepareAnchorText(changed), second, OLD.length)!;
    expect(m.start).toBe(changed.lastIndexOf('De regio werkt internationaal samen'));
  });

  it('finds a quote whose hyphenation and spacing changed', () => {
    const a = anchorOf(OLD, 'de internationale uitwisseling van makers');
    const changed = OLD.replace('internationale uitwisseling', 'internatio-nale  uitwisseling');
    const m = reanchor(prepareAnchorText(changed), a, OLD.length)!;
    expect(m.method).toBe('normalised');
    expect(changed.slice(m.start, m.end)).toBe('de internatio-nale  uitwisseling van makers');
  });

  it('finds a quote that a running header now interrupts, by its two ends', () => {
    const quote = 'Daarnaast wil de regio de internationale uitwisseling van makers versterken, met name met Duitsland en België';
    const a = anchorOf(OLD, quote);
    const changed = OLD.replace('makers versterken, ', 'makers\n\nRegioprofiel Twente 2021-2024 pagina 7\n\nversterken, ');
    const m = reanchor(prepareAnchorText(changed), a, OLD.length)!;
    expect(m.method).toBe('ends');
    expect(changed.slice(m.start, m.end)).toMatch(/^Daarnaast wil .*\s+Regioprofiel Twente .*\s+versterken, .* Duitsland en België$/s);
  });

  it('finds a quote with a few changed letters by approximate matching', () => {
    const a = anchorOf(OLD, 'met name met Duitsland en België, waar de samenwerking al jaren loopt');
    const changed = OLD.replace('Duitsland en België', 'Duitschland en Belgie').replace('jaren', 'jaaren');
    const m = reanchor(prepareAnchorText(changed), a, OLD.length)!;
    expect(m.method).toBe('fuzzy');
    expect(changed.slice(m.start, m.end)).toContain('Duitschland en Belgie, waar de samenwerking al jaaren');
  });

  it('gives up on a quote that is gone, so the caller can list it as an orphan', () => {
    const a = anchorOf(OLD, 'als motor van de economie');
    const changed = OLD.replace('Het profiel noemt de kunst- en cultuursector als motor van de economie. ', '');
    expect(reanchor(prepareAnchorText(changed), a, OLD.length)).toBeUndefined();
  });

  it('never anchors an empty quote', () => {
    expect(reanchor(prepareAnchorText(OLD), { start: 3, end: 3, exact: '', prefix: '', suffix: '' })).toBeUndefined();
  });
});
