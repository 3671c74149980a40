import { describe, expect, it } from 'vitest';
import { paragraphAround, sentenceAround, splitSentences } from '../../../src/text/sentence.ts';

/** The sentence around the first occurrence of `word` in `text`. */
function around(text: string, word: string): string {
  const at = text.indexOf(word);
  const r = sentenceAround(text, at, at + word.length);
  return text.slice(r.start, r.end);
}

describe('sentenceAround', () => {
  it('returns the sentence that contains the range, without surrounding spaces', () => {
    const text = 'Eerste zin. De wereld draait door.  Derde zin.';
    expect(around(text, 'wereld')).toBe('De wereld draait door.');
  });

  it('spans several sentences when the range does', () => {
    const text = 'Eén. Twee wereld. Drie mondiaal. Vier.';
    const r = sentenceAround(text, text.indexOf('wereld'), text.indexOf('mondiaal') + 8);
    expect(text.slice(r.start, r.end)).toBe('Twee wereld. Drie mondiaal.');
  });

  it.each([
    ['o.a.', 'Dit gaat o.a. Over cultuur en de wereld.'],
    ['bijv.', 'Zie bijv. Het rapport over de wereld.'],
    ['p. 15', 'Zoals op p. 15 over de wereld staat.'],
    ['m.u.v.', 'Alle regio’s m.u.v. Brabant kijken naar de wereld.'],
    ['d.w.z.', 'De rest, d.w.z. De wereld buiten Europa.'],
    ['e.d.', 'Boeken e.d. zijn er voor de hele wereld.'],
    ['t/m', 'Van 1 t/m 5 mei is de wereld te gast.'],
    ['ca.', 'Er zijn ca. 20 landen uit de wereld.'],
    ['an initial', 'Volgens J. Jansen is de wereld klein.'],
  ])('does not end a sentence after %s', (_name, sentence) => {
    const text = `Vooraf. ${sentence} Daarna.`;
    expect(around(text, 'wereld')).toBe(sentence);
  });

  it('lets e.d. end a sentence when a capital follows', () => {
    const text = 'Boeken, films e.d. De wereld leest mee.';
    expect(around(text, 'wereld')).toBe('De wereld leest mee.');
  });

  it('reads single line breaks as spaces', () => {
    const text = 'De raad ziet de\nwereld veranderen\nin hoog tempo. Volgende zin.';
    expect(around(text, 'wereld')).toBe('De raad ziet de\nwereld veranderen\nin hoog tempo.');
  });

  it('never crosses a paragraph break', () => {
    const text = 'Een kop zonder punt\n\nDe wereld draait door zonder punt\n \nVolgende alinea.';
    expect(around(text, 'wereld')).toBe('De wereld draait door zonder punt');
  });

  it('cuts a range that runs over a paragraph break at the end of its first paragraph', () => {
    const text = 'Eerste alinea over de wereld\n\nTweede alinea.';
    const r = sentenceAround(text, text.indexOf('wereld'), text.length);
    expect(text.slice(r.start, r.end)).toBe('Eerste alinea over de wereld');
  });

  it('returns an empty range at the offset when it lies between paragraphs', () => {
    const text = 'Een.\n\n\nTwee.';
    expect(sentenceAround(text, 5, 5)).toEqual({ start: 5, end: 5 });
  });

  it('handles the start and the end of the text', () => {
    expect(around('wereld', 'wereld')).toBe('wereld');
    const text = 'Eén zin. Laatste over de wereld';
    expect(around(text, 'wereld')).toBe('Laatste over de wereld');
  });
});

describe('paragraphAround', () => {
  it('finds the paragraph between blank lines', () => {
    const text = 'Een.\n\nTwee zinnen. Hier.\n\nDrie.';
    const r = paragraphAround(text, text.indexOf('Hier'));
    expect(text.slice(r.start, r.end)).toBe('Twee zinnen. Hier.');
  });
});

describe('splitSentences', () => {
  it('splits a text into its sentences, by paragraph, without surrounding whitespace', () => {
    const text = ' Eerste zin. Zie o.a. Het rapport.\nDoorlopend.\n\n  Kop zonder punt\n\nLaatste zin!  ';
    expect(splitSentences(text).map((r) => text.slice(r.start, r.end))).toEqual([
      'Eerste zin.',
      'Zie o.a. Het rapport.',
      'Doorlopend.',
      'Kop zonder punt',
      'Laatste zin!',
    ]);
  });

  it('gives the range sentenceAround gives for every word', () => {
    const text = 'Zoals op p. 15 staat. Van 1 t/m 5 mei is de wereld te gast.\nVolgens J. Jansen\nis de wereld klein.\n\nBoeken, films e.d. De wereld leest mee. Nog één?';
    for (const r of splitSentences(text)) {
      for (let at = r.start; at < r.end; at += 3) expect(sentenceAround(text, at, at + 1)).toEqual(r);
    }
  });

  it('cuts a paragraph far longer than one segmenter piece into the same sentences', () => {
    const sentence = 'De regio werkt o.a. samen met partners in het buitenland aan cultuur. ';
    const text = sentence.repeat(2000).trimEnd();
    const ranges = splitSentences(text);
    expect(ranges).toHaveLength(2000);
    expect(ranges.every((r) => text.slice(r.start, r.end) === sentence.trimEnd())).toBe(true);
  });

  it('returns nothing for an empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \n')).toEqual([]);
  });
});
