// @vitest-environment jsdom
/**
 * The mounted reader acts on keys at the caret the user sees. A caret move reaches
 * ProseMirror through the asynchronous `selectionchange` event; a key can come first
 * (Chromium handles input before queued tasks). jsdom fires no `selectionchange` at all,
 * which makes that gap permanent here and the test deterministic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mountReader, type Reader } from '../../../src/editor/reader-view.ts';
import { pagesOf, sample } from './fixture.ts';

let reader: Reader | undefined;
afterEach(() => {
  reader?.destroy();
  reader = undefined;
  document.body.innerHTML = '';
});

/** The DOM text node and offset just before `word` (plus `after` characters) in the reader. */
function domPoint(root: HTMLElement, word: string, after = 0): [Node, number] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const i = node.textContent!.indexOf(word);
    if (i >= 0) return [node, i + after];
  }
  throw new Error(`"${word}" is not in the reader`);
}

function mount(onKeyDown: (e: KeyboardEvent) => boolean): Reader {
  const place = document.createElement('div');
  document.body.append(place);
  const r = mountReader(place, { onKeyDown });
  r.open(sample.text, sample.blocks, pagesOf(sample.text, [0]));
  return r;
}

describe('reader keys', () => {
  it('act at the DOM caret even when no selectionchange has reached ProseMirror yet', () => {
    const seen: (number | null)[] = [];
    const r = (reader = mount(() => {
      seen.push(r.caret());
      return true;
    }));
    r.select(sample.blocks[1]!.start, sample.blocks[1]!.start);
    const target = sample.text.indexOf('betaalbare');
    const [node, offset] = domPoint(r.dom, 'betaalbare');
    document.getSelection()!.collapse(node, offset);
    expect(r.caret()).toBe(sample.blocks[1]!.start); // the state has not seen the move

    r.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true }));
    expect(seen).toEqual([target]);
    expect(r.caret()).toBe(target);
  });

  it('take a DOM range selection over as the selection the key acts on', () => {
    const seen: ({ start: number; end: number } | null)[] = [];
    const r = (reader = mount(() => {
      seen.push(r.selection());
      return true;
    }));
    const start = sample.text.indexOf('betaalbare');
    const end = start + 'betaalbare woningen'.length;
    const [a, ao] = domPoint(r.dom, 'betaalbare');
    const [b, bo] = domPoint(r.dom, 'betaalbare woningen', 'betaalbare woningen'.length);
    document.getSelection()!.setBaseAndExtent(a, ao, b, bo);
    r.dom.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true, cancelable: true }));
    expect(seen).toEqual([{ start, end }]);
  });

  it('leave the selection alone when the DOM selection is outside the reader', () => {
    const outside = document.createElement('p');
    outside.textContent = 'elders';
    document.body.append(outside);
    const seen: (number | null)[] = [];
    const r = (reader = mount(() => {
      seen.push(r.caret());
      return true;
    }));
    const at = sample.text.indexOf('gemeente');
    r.select(at, at);
    document.getSelection()!.collapse(outside.firstChild!, 3);
    r.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true }));
    expect(seen).toEqual([at]);
  });
});

describe('reader highlights', () => {
  it('draw a fragment with its look class, whose rule the reader puts into the page', () => {
    const place = document.createElement('div');
    document.body.append(place);
    const r = (reader = mountReader(place));
    const start = sample.text.indexOf('betaalbare');
    r.open(sample.text, sample.blocks, pagesOf(sample.text, [0]), {
      codings: [{ id: 'a', start, end: start + 10, colors: ['#c0392b'], keys: ['3'] }],
    });
    const span = r.dom.querySelector<HTMLElement>('.wm-fragment[data-fragment-id="a"]')!;
    expect(span.textContent).toBe('betaalbare');
    expect(span.getAttribute('style')).toBeNull();
    const look = [...span.classList].find((c) => c.startsWith('wm-look-'))!;
    const rules = [...document.querySelectorAll('style[data-wm="fragment-looks"]')].map((s) => s.textContent).join('\n');
    expect(rules).toContain(`.wm-fragment.${look} {`);
    expect(rules).toContain('#c0392b');
  });
});
