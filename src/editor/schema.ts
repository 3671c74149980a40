/**
 * The reader's document schema: a read-only list of text blocks (in sections when long).
 *
 * Each block node carries `start`, the UTF-16 offset of its first character in the
 * document's normalised text, so that a ProseMirror doc describes its own mapping back to
 * text offsets (see offsets.ts). There are no marks: codings, search hits and page
 * boundaries are all decorations, so the doc itself never changes.
 */
import { Schema, type NodeSpec } from 'prosemirror-model';
import type { BlockKind } from '../model/document.ts';

// A list item whose text starts with its own marker ("1.", "a)", "•", "-") needs no drawn bullet.
const OWN_MARKER = /^\s*(?:[•▪▫◦●○■□‣∙⁃➢►▶✓✔*·–—-]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])/u;

function textBlock(tag: string, className: string, bullet = false): NodeSpec {
  return {
    group: 'block',
    content: 'text*',
    // Whitespace in the normalised text is meaningful (offsets count it): keep it as is.
    whitespace: 'pre',
    attrs: { start: { default: 0 } },
    // A bullet drawn by CSS (reader.css), not text: a PDF's bullet glyphs become list structure.
    toDOM: (node) => [tag, { class: className, 'data-start': String(node.attrs.start), ...(bullet && !OWN_MARKER.test(node.textContent) ? { 'data-bullet': '' } : {}) }, 0],
    parseDOM: [
      {
        tag: `${tag}.${className}`,
        getAttrs: (dom) => ({ start: Number((dom as HTMLElement).dataset.start ?? 0) || 0 }),
      },
    ],
  };
}

/**
 * The reader schema: doc > (paragraph | heading | list_item)+, each holding plain text; a long
 * document's blocks are grouped into sections (doc > section+ > block+, see SECTION_SIZE).
 */
export const readerSchema = new Schema({
  nodes: {
    doc: { content: 'block+ | section+' },
    // A run of blocks, only in long documents: the view then walks a few hundred sections
    // instead of thousands of blocks on every update, and the browser skips whole off-screen
    // sections (content-visibility in reader.css) with one check each instead of one per block.
    section: {
      content: 'block+',
      toDOM: () => ['div', { class: 'wm-section' }, 0],
      parseDOM: [{ tag: 'div.wm-section' }],
    },
    paragraph: textBlock('p', 'wm-paragraph'),
    // h3: the reader sits under the app's own h1/h2; the source text has no heading levels.
    heading: textBlock('h3', 'wm-heading'),
    // A div, not an li: list items arrive without their list, and an li outside ul/ol is invalid.
    list_item: textBlock('div', 'wm-list-item', true),
    text: { group: 'inline' },
  },
  marks: {},
});

/** The schema node name for a model block kind. */
export function nodeNameOf(kind: BlockKind): 'paragraph' | 'heading' | 'list_item' {
  switch (kind) {
    case 'heading':
      return 'heading';
    case 'list-item':
      return 'list_item';
    default:
      return 'paragraph';
  }
}
