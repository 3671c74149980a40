import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { OffsetMap, SECTION_SIZE, docFromText, selectionToRange, snapToWords } from '../../../src/editor/offsets.ts';
import { sample, textOf } from './fixture.ts';

function stateWithSelection(text: string, blocks: Parameters<typeof docFromText>[1], start: number, end: number) {
  const doc = docFromText(text, blocks);
  const map = OffsetMap.of(doc);
  const state = EditorState.create({ doc });
  return state.apply(state.tr.setSelection(TextSelection.create(doc, map.toPos(start), map.toPos(end))));
}

function selected(text: string, start: number, end: number): string | null {
  const state = stateWithSelection(sample.text, sample.blocks, start, end);
  const range = selectionToRange(state);
  return range ? text.slice(range.start, range.end) : null;
}

describe('docFromText', () => {
  it('makes one node per block with the block text and kind', () => {
    const doc = docFromText(sample.text, sample.blocks);
    expect(doc.childCount).toBe(4);
    expect(doc.child(0).type.name).toBe('heading');
    expect(doc.child(2).type.name).toBe('list_item');
    sample.blocks.forEach((b, i) => {
      expect(doc.child(i).textContent).toBe(sample.text.slice(b.start, b.end));
      expect(doc.child(i).attrs.start).toBe(b.start);
    });
  });

  it('leaves the block separators out of the doc', () => {
    const doc = docFromText(sample.text, sample.blocks);
    expect(doc.textContent.length).toBe(sample.text.length - 2 * (sample.blocks.length - 1));
  });

  it('makes one paragraph of the whole text when there are no blocks', () => {
    const doc = docFromText('Alles in één.', []);
    expect(doc.childCount).toBe(1);
    expect(doc.textContent).toBe('Alles in één.');
  });

  it('keeps an empty block as an empty node', () => {
    const doc = docFromText('a\n\n\n\nb', [
      { kind: 'paragraph', start: 0, end: 1 },
      { kind: 'paragraph', start: 3, end: 3 },
      { kind: 'paragraph', start: 5, end: 6 },
    ]);
    expect(doc.childCount).toBe(3);
    expect(doc.child(1).content.size).toBe(0);
  });
});

describe('OffsetMap', () => {
  const doc = docFromText(sample.text, sample.blocks);
  const map = OffsetMap.of(doc);
  const inBlock = (o: number) => sample.blocks.some((b) => o >= b.start && o <= b.end);

  it('round-trips every offset inside a block of a multi-block text', () => {
    for (let o = 0; o <= sample.text.length; o++) {
      if (inBlock(o)) expect(map.toOffset(map.toPos(o))).toBe(o);
    }
  });

  it('puts every offset on the character it names', () => {
    for (let o = 0; o < sample.text.length; o++) {
      if (!inBlock(o) || sample.blocks.some((b) => b.end === o)) continue;
      expect(doc.textBetween(map.toPos(o), map.toPos(o) + 1)).toBe(sample.text[o]);
    }
  });

  it('round-trips every position inside a block', () => {
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return false;
      for (let p = pos + 1; p <= pos + 1 + node.content.size; p++) {
        expect(map.toPos(map.toOffset(p))).toBe(p);
      }
      return false;
    });
  });

  it('snaps an offset in the gap between blocks to the nearest block edge', () => {
    const wide = OffsetMap.of(
      docFromText('abc\n\n\n\n\ndef', [
        { kind: 'paragraph', start: 0, end: 3 },
        { kind: 'paragraph', start: 8, end: 11 },
      ]),
    );
    expect(wide.toOffset(wide.toPos(4))).toBe(3);
    expect(wide.toOffset(wide.toPos(5))).toBe(3);
    expect(wide.toOffset(wide.toPos(7))).toBe(8);
  });

  it('snaps a gap offset forward or backward when a bias is given', () => {
    const first = sample.blocks[0]!;
    const second = sample.blocks[1]!;
    expect(map.toOffset(map.toPos(first.end + 1, 1))).toBe(second.start);
    expect(map.toOffset(map.toPos(second.start - 1, -1))).toBe(first.end);
  });

  it('clamps offsets before and after the text to its ends', () => {
    expect(map.toOffset(map.toPos(-5))).toBe(0);
    expect(map.toOffset(map.toPos(sample.text.length + 10))).toBe(sample.text.length);
  });

  it('maps the positions between blocks to the start of the next block', () => {
    const second = doc.resolve(map.toPos(sample.blocks[1]!.start)).before();
    expect(map.toOffset(second)).toBe(sample.blocks[1]!.start);
    expect(map.toOffset(doc.content.size)).toBe(sample.text.length);
  });

  it('reads a gap between blocks as a line break', () => {
    expect(map.charAt(sample.blocks[0]!.end)).toBe('\n');
    expect(map.charAt(0)).toBe('W');
    expect(map.charAt(sample.text.length)).toBe('');
  });

  it('handles blocks that touch without a gap', () => {
    const touching = docFromText('abcdef', [
      { kind: 'paragraph', start: 0, end: 3 },
      { kind: 'paragraph', start: 3, end: 6 },
    ]);
    const m = OffsetMap.of(touching);
    expect(m.toPos(3, 1)).toBe(6);
    expect(m.toPos(3, -1)).toBe(4);
    for (let o = 0; o <= 6; o++) expect(m.toOffset(m.toPos(o))).toBe(o);
  });
});

describe('selectionToRange', () => {
  const t = sample.text;
  const at = (s: string) => t.indexOf(s);

  it('returns null for an empty selection', () => {
    expect(selected(t, at('gemeente'), at('gemeente'))).toBeNull();
  });

  it('snaps a selection inside words outward to whole words', () => {
    expect(selected(t, at('gemeente') + 3, at('zorgt') + 2)).toBe('gemeente zorgt');
  });

  it('trims surrounding whitespace and punctuation, but keeps the point that ends a sentence of several words', () => {
    expect(selected(t, at('woningen') - 1, at('iedereen.') + 'iedereen.'.length + 1)).toBe('woningen voor iedereen.');
    // Selected up to the last word only: the sentence's point comes along, as the sentence tool has it.
    expect(selected(t, at('woningen'), at('iedereen.') + 'iedereen'.length)).toBe('woningen voor iedereen.');
    expect(selected(t, at('Meer') - 1, at('huur,') + 'huur,'.length + 1)).toBe('Meer sociale huur'); // a comma stays outside
    expect(selected(t, at('iedereen.') + 1, at('iedereen.') + 2)).toBe('iedereen'); // one word stays bare
  });

  it('takes a question mark, an ellipsis and a closing quote along at a sentence end', () => {
    const { text: q, blocks } = textOf(['Hoe verhoudt de regio zich tot de wereld om haar heen? Dat is de vraag.', 'Het heet "open naar buiten." Of: "grenzeloos…" zo.']);
    const map = OffsetMap.of(docFromText(q, blocks));
    const snapped = (start: number, end: number) => {
      const r = snapToWords(map, start, end);
      return r && q.slice(r.start, r.end);
    };
    expect(snapped(q.indexOf('zich'), q.indexOf('heen') + 4)).toBe('zich tot de wereld om haar heen?');
    expect(snapped(q.indexOf('open'), q.indexOf('buiten') + 6)).toBe('open naar buiten."');
    expect(snapped(q.indexOf('Of'), q.indexOf('grenzeloos') + 10)).toBe('Of: "grenzeloos…"');
    expect(snapped(q.indexOf('Dat'), q.indexOf('de vraag') + 2)).toBe('Dat is de'); // mid-sentence: nothing to take
  });

  it('keeps apostrophes, hyphens and decimal commas inside words', () => {
    expect(selected(t, at("auto's") + 1, at("auto's") + 2)).toBe("auto's");
    expect(selected(t, at('zorg-instellingen') + 6, at('zorg-instellingen') + 7)).toBe('zorg-instellingen');
    expect(selected(t, at('1,5') + 2, at('miljoen') + 1)).toBe('1,5 miljoen');
  });

  it('keeps a selection across blocks and trims the gap off its ends', () => {
    const end = sample.blocks[0]!.end;
    expect(selected(t, at('2030') + 1, at('De') + 1)).toBe(t.slice(at('2030'), at('De') + 2));
    expect(selected(t, end - 4, sample.blocks[1]!.start)).toBe('2030');
  });

  it('returns null when only punctuation and spaces are selected', () => {
    expect(selected(t, at('; de') , at('; de') + 2)).toBeNull();
  });

  it('returns whole words for a select-all', () => {
    const doc = docFromText(sample.text, sample.blocks);
    const state = EditorState.create({ doc });
    const all = state.apply(state.tr.setSelection(TextSelection.create(doc, 1, doc.content.size - 1)));
    expect(selectionToRange(all)).toEqual({ start: 0, end: t.length }); // the last sentence's point included
  });
});

describe('snapToWords', () => {
  it('keeps symbols such as the euro sign', () => {
    const { text, blocks } = textOf(['Kosten: € 5 mln.']);
    const map = OffsetMap.of(docFromText(text, blocks));
    const range = snapToWords(map, text.indexOf('€') - 1, text.indexOf('mln') + 1);
    expect(range && text.slice(range.start, range.end)).toBe('€ 5 mln.');
  });
});

describe('a long document in sections', () => {
  // 40 blocks: more than SECTION_SIZE, so the doc groups them into sections.
  const words = ['de', 'gemeente', 'zorgt', 'voor', 'woningen'];
  const parts: string[] = [];
  const blocks: Array<{ kind: 'paragraph' | 'heading'; start: number; end: number }> = [];
  let at = 0;
  for (let b = 0; b < 40; b++) {
    const body = `${words[b % 5]} ${b} ${words[(b + 2) % 5]}.`;
    if (b > 0) at += 2;
    blocks.push({ kind: b % 10 === 0 ? 'heading' : 'paragraph', start: at, end: at + body.length });
    parts.push(body);
    at += body.length;
  }
  const text = parts.join('\n\n');
  const doc = docFromText(text, blocks);
  const map = OffsetMap.of(doc);

  it('groups the blocks into sections of SECTION_SIZE, keeping every block and its text', () => {
    expect(doc.child(0).type.name).toBe('section');
    expect(doc.childCount).toBe(Math.ceil(40 / SECTION_SIZE));
    expect(doc.child(0).childCount).toBe(SECTION_SIZE);
    const seen: string[] = [];
    doc.descendants((node) => {
      if (!node.isTextblock) return true;
      seen.push(node.textContent);
      return false;
    });
    expect(seen).toEqual(blocks.map((b) => text.slice(b.start, b.end)));
    expect(map.blockCount).toBe(40);
  });

  it('maps every offset inside a block to its own character and back', () => {
    for (const b of blocks) {
      for (let o = b.start; o < b.end; o++) {
        expect(doc.textBetween(map.toPos(o), map.toPos(o) + 1)).toBe(text[o]);
        expect(map.toOffset(map.toPos(o))).toBe(o);
      }
    }
  });

  it('reads a selection across a section boundary as the text between', () => {
    const first = blocks[SECTION_SIZE - 1]!;
    const second = blocks[SECTION_SIZE]!;
    const state = EditorState.create({ doc });
    const sel = state.apply(state.tr.setSelection(TextSelection.create(doc, map.toPos(first.start), map.toPos(second.end, -1))));
    // Selected up to the last word of "… 4 word.": the block's closing point comes along.
    expect(selectionToRange(sel)).toEqual({ start: first.start, end: second.end });
    expect(map.splitByBlocks(map.toPos(first.start), map.toPos(second.end, -1))).toHaveLength(2);
  });
});
