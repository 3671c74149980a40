/**
 * Normalisation stays linear and gives the same text as the line-by-line rules: the batch line
 * cleaner against cleanLine on random lines, the lazy hyphen evidence against the rules it
 * implements, and the inputs that once froze or crashed an import (issue 15) — each must end in
 * a result well within 2 s.
 */
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanLines, hyphenEvidence, joinedWordAt, lineJoint, lineStats, mayChangeUnderNfc, normalisePlainText, normaliseText, splitPlainText } from '../../../src/text/normalise.ts';
import { seededRandom as random } from '../support/random.ts';
import { withCpuTime } from '../support/cpu-time.ts';

// Characters every rule of cleanLine touches: spaces of all kinds, invisibles, controls, soft
// hyphens, ligatures, combining marks (NFC), line separators, and a letter outside the BMP.
const ALPHABET = ['a', 'b', 'é', 'e\u0301', ' ', '  ', '\t', '\u00A0', '\u2009', '\u3000', '\u200B', '\uFEFF', '\u0007', '\u0085', '\u00AD', '\uFB01', '\uFB03', '\u2028', '\r', '\f', '-', '.', '𝐀', 'İ', '\u0301'];

function randomLine(rnd: () => number): string {
  let s = '';
  const n = Math.floor(rnd() * 12);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

/** Runs `fn` and returns its result with the CPU milliseconds spent (a hang bound, not a speed claim: see support/cpu-time.ts). */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const { value, cpuMs } = withCpuTime(fn);
  return { value, ms: cpuMs };
}

describe('cleanLines', () => {
  it('cleans every line exactly as cleanLine does (400 seeded random documents)', () => {
    const rnd = random(17);
    for (let doc = 0; doc < 400; doc++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => randomLine(rnd));
      expect(cleanLines(lines), JSON.stringify(lines)).toEqual(lines.map(cleanLine));
    }
  });

  it('cleans a line afresh from its NFC form after it already changed spaces before the combining mark', () => {
    const lines = ['  een  ', ' x\u00A0 y\u200B  e\u0301 \uFB01 z ', '\t', 'c\u0301', '𝐀  b '];
    expect(cleanLines(lines)).toEqual(lines.map(cleanLine));
    expect(cleanLines(lines)[1]).toBe('x y é fi z');
  });

  it('cleans long documents of many lines as cleanLine does (100 seeded random documents of 200 lines)', () => {
    const rnd = random(29);
    for (let doc = 0; doc < 100; doc++) {
      const lines = Array.from({ length: 200 }, () => randomLine(rnd));
      expect(cleanLines(lines)).toEqual(lines.map(cleanLine));
    }
  });

  it('falls back to line by line when a line holds a line feed', () => {
    const lines = ['een\ntwee', '  drie  '];
    expect(cleanLines(lines)).toEqual(['een twee', 'drie']);
    expect(cleanLines([])).toEqual([]);
  });
});

describe('the characters NFC may change', () => {
  it('include every BMP character the engine\u2019s NFC replaces or composes onto a base letter or syllable', () => {
    const re = new RegExp(mayChangeUnderNfc().source); // not global: test() keeps no state
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (c >= 0xd800 && c <= 0xdfff) {
        if (!re.test(ch)) missed.push(c.toString(16));
        continue;
      }
      const changes = ch.normalize('NFC') !== ch || ['a', 'e', 'o', 'A', 'n', 'c', '\u1100', '\uAC00', '\u0915'].some((base) => (base + ch).normalize('NFC') !== base + ch);
      if (changes && !re.test(ch)) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
    expect(re.test('Dutch text: ë é ï ’ “ ” – … € ½')).toBe(false);
  });
});

describe('normalisePlainText', () => {
  it('gives what normaliseText gives on splitPlainText (300 seeded random texts)', () => {
    const rnd = random(23);
    const pieces = ['De wereld', 'internatio-', 'nale', 'co-creatie', 'cocreatie', 'subsidie-instrumenten', 'Noord-', 'Brabant.', '• punt', '\n', '\n', '\n\n', '\r\n', '\r', '\f', ' ', '  ', '\u00AD', 'ﬁ', 'Kop'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const k = Math.floor(rnd() * 30);
      for (let i = 0; i < k; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      expect(normalisePlainText(text), JSON.stringify(text)).toEqual(normaliseText(splitPlainText(text)));
    }
  });
});

describe('hyphen evidence, looked up only at line-end hyphens', () => {
  it('keeps a hyphen the document writes inside a line, and joins one it also writes as one word', () => {
    const evidence = hyphenEvidence(['Nieuwe subsidie-instrumenten en co-creatie.', 'Cocreatie werkt.']);
    expect(evidence.keepsHyphen('subsidie', 'instrumenten')).toBe(true);
    expect(evidence.keepsHyphen('co', 'creatie')).toBe(false);
    expect(evidence.keepsHyphen('kunst', 'sector')).toBe(false);
  });

  it('ignores a hyphenated run that ends in a hyphen (a line-end fragment or an elliptical compound)', () => {
    expect(hyphenEvidence(['de subsidie-instrumenten- en regelingen']).keepsHyphen('subsidie', 'instrumenten')).toBe(false);
    // …and a word counts only outside such a run: "cocreatie-" does not make "co-creatie" join.
    expect(hyphenEvidence(['co-creatie', 'de cocreatie- en']).keepsHyphen('co', 'creatie')).toBe(true);
  });

  it('reads letters outside the Basic Multilingual Plane as letters', () => {
    expect(hyphenEvidence(['x𝐀-𝐁y']).keepsHyphen('x𝐀', '𝐁y')).toBe(true);
  });

  it('decides joins in a document as the rules say', () => {
    const source = 'De subsidie-instrumenten zijn nieuw.\nOok competitieve subsidie-\ninstrumenten en co-\ncreatie, ja cocreatie.';
    const n = normaliseText(splitPlainText(source));
    expect(n.text).toContain('competitieve subsidie-instrumenten en cocreatie, ja cocreatie.');
    expect(n.joinedHyphens).toBe(1);
  });

  it('finds a word that is a prefix of another among the words it looks up', () => {
    // "coproductie" (joined) and "coproducties" are both looked up; only the longer is written whole.
    const n = normaliseText(splitPlainText('co-productie en co-producties, coproducties.\nEen co-\nproductie en co-\nproducties.'));
    expect(n.text).toContain('Een co-productie en coproducties.');
  });

  it('stays linear on a document of hyphenated runs with lookups of many distinct words', () => {
    // 40,000 distinct pairs written with a hyphen in a line and broken at a line end: beyond
    // the per-word searches, one pass collects every word instead.
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`x${i}a-y${i}b en woord${i}-`, `y${i}b verder`);
    const { value, ms } = timed(() => normaliseText([{ index: 1, label: '1', lines }]));
    expect(value.text).toContain('woord39999-y39999b verder');
    expect(ms).toBeLessThan(2000);
  });
});

describe('lineStats', () => {
  it('finds the 80th percentile of line lengths, also among very long lines', () => {
    expect(lineStats(['a'.repeat(10), 'a'.repeat(20), 'a'.repeat(30), 'a'.repeat(40), 'a'.repeat(50)]).typicalLength).toBe(50);
    expect(lineStats(Array.from({ length: 10 }, (_, i) => 'x'.repeat(2000 + i))).typicalLength).toBe(2008);
    expect(lineStats(['', '']).typicalLength).toBe(0);
  });
});

describe('inputs that once froze or crashed an import (issue 15)', () => {
  it('stores a word joined 66,000 times once, in the text: the report is linear in the joins', () => {
    const source = 'q-\n'.repeat(66_000); // ~200 KB: "q" lines, each hyphenated onto the next
    const { value: n, ms } = timed(() => normaliseText(splitPlainText(source)));
    expect(ms).toBeLessThan(2000);
    expect(n.text).toBe('q'.repeat(66_000) + '-');
    expect(n.joinedHyphens).toBe(65_999);
    expect(n.joined).toHaveLength(65_999);
    // By reference: an offset and a page per join, never a copy of the 66,000-letter word.
    expect(JSON.stringify(n.joined).length).toBeLessThan(30 * 66_000);
    const w = joinedWordAt(n.text, n.joined[30_000]!);
    expect(w).toEqual({ word: 'q'.repeat(80), split: 40, cutBefore: true, cutAfter: true });
  });

  it('normalises one word of 5 million letters with a non-Latin-1 letter (it threw RangeError)', () => {
    const word = 'a'.repeat(5_000_000) + 'ł';
    // Short lines around it, so the text is read as wrapped lines and the hyphen is decided.
    const source = `${'Een korte regel tekst.\n'.repeat(20)}${word}-\nvervolg en ${word}`;
    const { value: n, ms } = timed(() => normaliseText(splitPlainText(source)));
    expect(ms).toBeLessThan(2000);
    expect(n.text.endsWith(`${word}vervolg en ${word}`)).toBe(true);
    expect(n.joinedHyphens).toBe(1);
    // Unwrapped text (lines far wider than a page) keeps each line as a block: no join to decide.
    const alone = normaliseText(splitPlainText(`${word}-\nvervolg en ${word}`));
    expect(alone.text).toBe(`${word}-\n\nvervolg en ${word}`);
  });

  it('decides a line-end hyphen after a long line in time linear in the line', () => {
    const prev = 'a'.repeat(2_000_000) + '.' + 'b'.repeat(2_000_000) + '-';
    const { value, ms } = timed(() => lineJoint(prev, 'cd'));
    expect(value).toBe('join');
    expect(ms).toBeLessThan(2000);
  });
});
