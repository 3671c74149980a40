import { describe, expect, it } from 'vitest';
import type { LayoutLine } from '../../../src/import/layout.ts';
import { structurePages, type LaidOutPage } from '../../../src/import/pdf-structure.ts';
import { joinedWordAt, normaliseText } from '../../../src/text/normalise.ts';

/** A laid-out line: 5 pt per character at 10 pt, left edge 50, in a column 400 pt wide. */
const ln = (text: string, y: number, o: Partial<LayoutLine> = {}): LayoutLine => {
  const size = o.size ?? 10;
  const x0 = o.x0 ?? 50;
  const per = size / 2;
  const word = /^\S+/.exec(text)?.[0] ?? '';
  return {
    text,
    flow: 0,
    x0,
    x1: x0 + text.length * per,
    y,
    textX0: x0,
    pos: 0.5,
    angle: 0,
    size,
    font: 'body',
    firstWord: word.length * per,
    space: 0.28 * size,
    ...o,
  };
};
/** A full line (to the right edge at 450) of running text. */
const full = (text: string, y: number, o: Partial<LayoutLine> = {}): LayoutLine => ln(text, y, { x1: 450, ...o });

const page = (lines: LayoutLine[], index = 1): LaidOutPage => ({ index, label: String(index), lines });

/** The blocks as [kind, text] after structure and normalisation. */
const blocks = (pages: LaidOutPage[]): [string, string][] => {
  const n = normaliseText(structurePages(pages));
  return n.blocks.map((b) => [b.kind, n.text.slice(b.start, b.end)]);
};

describe('structurePages: paragraphs', () => {
  it('keeps a sentence whole across a gap when it visibly goes on (double spacing)', () => {
    const lines = [full('De raad constateerde namelijk dat het oorspronkelijke bestel steeds', 700), ln('minder deed', 688), full('waarvoor het bedoeld was. Om ervoor te zorgen dat het bestel bij de', 665), ln('tijd blijft.', 653)];
    expect(blocks([page(lines)])).toEqual([['paragraph', 'De raad constateerde namelijk dat het oorspronkelijke bestel steeds minder deed waarvoor het bedoeld was. Om ervoor te zorgen dat het bestel bij de tijd blijft.']]);
  });

  it('starts a paragraph after a gap larger than the line pitch when the sentence has ended', () => {
    const lines = [full('Eerste alinea loopt hier over de hele breedte van de kolom door en', 700), ln('eindigt hier.', 688), full('Tweede alinea begint na een witregel en loopt ook over de breedte', 664), ln('van de kolom.', 652)];
    expect(blocks([page(lines)]).map((b) => b[0])).toEqual(['paragraph', 'paragraph']);
  });

  it('starts a paragraph at an indented first line after a finished sentence', () => {
    const lines = [full('Eerste alinea loopt hier over de hele breedte van de kolom door en', 700), full('eindigt hier op een volle regel.', 688), full('Tweede alinea springt in en loopt ook over de hele breedte door', 676, { x0: 62 }), ln('tot hier.', 664)];
    expect(blocks([page(lines)]).map((b) => b[1])).toEqual(['Eerste alinea loopt hier over de hele breedte van de kolom door en eindigt hier op een volle regel.', 'Tweede alinea springt in en loopt ook over de hele breedte door tot hier.']);
  });

  it('starts a paragraph after a finished sentence on a line that ends short before a capital', () => {
    const lines = [full('Eerste alinea loopt hier over de hele breedte van de kolom door en', 700), ln('eindigt kort.', 688), full('Tweede alinea zonder witregel en zonder inspringing gaat verder tot', 676), ln('hier.', 664)];
    expect(blocks([page(lines)]).map((b) => b[0])).toEqual(['paragraph', 'paragraph']);
  });

  it('reads a short line that wraps a sentence ("Publiek" / "dat …") as running text, not as a heading', () => {
    const lines = [ln('Inclusie', 700, { x0: 50 }), full('Onder andere op het gebied van inclusie biedt digitalisering kansen.', 688), ln('Publiek', 676), full('dat niet naar de zaal kan of durft te komen, maakt gebruik van het', 664), ln('digitale aanbod.', 652)];
    expect(blocks([page(lines)])).toEqual([
      ['heading', 'Inclusie'],
      ['paragraph', 'Onder andere op het gebied van inclusie biedt digitalisering kansen. Publiek dat niet naar de zaal kan of durft te komen, maakt gebruik van het digitale aanbod.'],
    ]);
  });

  it('lets a paragraph run on across a page and a column break when the sentence goes on', () => {
    const p1 = page([full('De regio werkt internationaal samen met partners in het buitenland en', 100)], 1);
    const p2 = page([full('met de rijksfondsen, voor de lange termijn en over de grens heen.', 780, { flow: 0 }), full('Ook dit hoort erbij en loopt over de hele breedte door tot aan de', 780, { flow: 1, x0: 300, x1: 700 }), ln('rand.', 768, { flow: 1, x0: 300 })], 2);
    expect(blocks([p1, p2])).toEqual([['paragraph', 'De regio werkt internationaal samen met partners in het buitenland en met de rijksfondsen, voor de lange termijn en over de grens heen. Ook dit hoort erbij en loopt over de hele breedte door tot aan de rand.']]);
  });
});

describe('structurePages: headings only from typographic evidence', () => {
  const body = (y: number): LayoutLine[] => [full('De regio investeert in internationale samenwerking met partners in', y), ln('het buitenland.', y - 12)];

  it('takes a larger line for a heading', () => {
    expect(blocks([page([ln('Digitalisering als kans', 730, { size: 16 }), ...body(700)])])[0]).toEqual(['heading', 'Digitalisering als kans']);
  });

  it('takes a line in another font than the body, followed by body text without a gap, for a heading', () => {
    expect(blocks([page([ln('Inclusie', 712, { font: 'bold' }), ...body(700)])])[0]).toEqual(['heading', 'Inclusie']);
  });

  it('takes a numbered line for a heading', () => {
    expect(blocks([page([...body(740), ln('2.5 Publiek', 700), ...body(688)])])[1]).toEqual(['heading', '2.5 Publiek']);
  });

  it('never makes a heading of a short line by its length alone', () => {
    const lines = [full('Het rijk ondersteunt de regio in haar ambities en zo komt er meer', 700), ln('Publiek', 688), full('in de zalen en bij de festivals van de regio, ook uit het buitenland', 676), ln('vandaan.', 664)];
    expect(blocks([page(lines)]).map((b) => b[0])).toEqual(['paragraph']);
  });

  it('does not take a one-line paragraph that ends a sentence for a heading', () => {
    const lines = [...body(740), ln('Dat was soms best even zoeken.', 700), ...body(676)];
    expect(blocks([page(lines)]).map((b) => b[0])).not.toContain('heading');
  });
});

describe('structurePages: lists', () => {
  it('makes list items of marked lines, with their wrapped lines hanging at the text', () => {
    const lines = [
      ln('De regio kiest voor:', 700),
      full('een programma voor internationale samenwerking met partners in', 688, { marker: '•', x0: 50, textX0: 64 }),
      ln('het buitenland;', 676, { x0: 64 }),
      ln('uitwisseling over de grens.', 664, { marker: '•', textX0: 64 }),
      full('Daarna volgt weer gewone tekst over de hele breedte van de kolom die', 640),
      ln('hier eindigt.', 628),
    ];
    expect(blocks([page(lines)])).toEqual([
      ['paragraph', 'De regio kiest voor:'],
      ['list-item', 'een programma voor internationale samenwerking met partners in het buitenland;'],
      ['list-item', 'uitwisseling over de grens.'],
      ['paragraph', 'Daarna volgt weer gewone tekst over de hele breedte van de kolom die hier eindigt.'],
    ]);
  });

  it('makes list items of numbered lines after a colon, keeping their numbers', () => {
    const lines = [ln('De aanbevelingen van de raad:', 700), ln('1. Werk samen over de grens.', 688), ln('2. Deel de kennis daarover.', 676)];
    expect(blocks([page(lines)])).toEqual([
      ['paragraph', 'De aanbevelingen van de raad:'],
      ['list-item', '1. Werk samen over de grens.'],
      ['list-item', '2. Deel de kennis daarover.'],
    ]);
  });
});

describe('structurePages: line-end hyphens pdf.js did not report', () => {
  it('joins a word whose hyphen a justified line lost (the line ends a hyphen’s width short of the edge)', () => {
    const lines = [full('De regio investeert in internationale samenwerking met partners', 700), full('in het buitenland en versterkt de ontwikkeling van talent en', 688), ln('de samenwer', 676, { x1: 446.7 }), full('king met de rijksfondsen over de grens heen, want de wereld ver', 664, { x1: 450 }), ln('andert.', 652)];
    // The last full line ends flush: no join there ("ver" + "andert" stays apart).
    const n = normaliseText(structurePages([page(lines)]));
    expect(n.text).toContain('de samenwerking met');
    expect(n.text).toContain('wereld ver andert');
    expect(n.joined.map((j) => ({ page: j.page, ...joinedWordAt(n.text, j) }))).toEqual([{ page: 1, word: 'samenwerking', split: 8, cutBefore: false, cutAfter: false }]);
  });

  it('in a document that loses hyphens, also joins a word over a ragged line end when the document writes it whole elsewhere', () => {
    const justified = [full('De regio investeert in internationale samenwerking met partners', 700), full('in het buitenland en versterkt de ontwikkeling van talent en', 688), ln('de samenwer', 676, { x1: 446.7 }), full('king met de rijksfondsen over de grens heen, dat is heel', 664), ln('goed.', 652)];
    const ragged = [ln('De internationale samenwerking groeit in de regio en de', 600), ln('provincie. Dat vraagt om internatio', 588), ln('nale afspraken voor de lange termijn.', 576)];
    expect(normaliseText(structurePages([page([...justified, ...ragged])])).text).toContain('om internationale afspraken');
    // Without a lost hyphen anywhere, a line end that shows no hyphen is not joined on a guess.
    expect(normaliseText(structurePages([page(ragged)])).text).toContain('om internatio nale afspraken');
  });

  it('does not take a monospaced line that wraps one character short of the edge for a lost hyphen', () => {
    const mono = (text: string, y: number): LayoutLine => ln(text, y, { x1: 50 + text.length * 6 });
    // 40, 39, 40 and 40 characters: the second line ends one character short, before "partners".
    const texts = ['De regio investeert in nieuwe vormen van', 'samenwerking met de provincie en de sta', 'partners over de grens, en zo verder met', 'al hun plannen voor de lange termijn ok.'];
    const lines = texts.map((t, i) => mono(t, 700 - 12 * i));
    expect(normaliseText(structurePages([page(lines)])).joined).toEqual([]);
    // The same line ends in a proportional font (widths per character differ by line) are a lost hyphen.
    const proportional = lines.map((l, i) => ({ ...l, x0: 50 - i }));
    expect(normaliseText(structurePages([page(proportional)])).joined).toHaveLength(1);
  });

  it('leaves two words apart when nothing says they are one', () => {
    const lines = [ln('De regio werkt aan een programma voor het', 700), ln('publiek van morgen.', 688)];
    expect(normaliseText(structurePages([page(lines)])).text).toBe('De regio werkt aan een programma voor het publiek van morgen.');
  });
});
