/**
 * The reader's document schema: a flat, read-only list of text blocks.
 *
 * Each block node carries `start`, the UTF-16 offset of its first character in the
 * document's normalised text, so that a ProseMirror doc describes its own mapping back to
 * text offsets (see offsets.ts). There are no marks: codings, search hits and page
 * boundaries are all decorations, so the doc itself never changes.
 */
import { Schema, type NodeSpec } from 'prosemirror-model';
import type { BlockKind } from '../model/document.ts';

function textBlock(tag: string, className: string): NodeSpec {
  return {
    group: 'block',
    content: 'text*',
    // Whitespace in the normalised text is meaningful (offsets count it): keep it as is.
    whitespace: 'pre',
    attrs: { start: { default: 0 } },
    toDOM: (node) => [tag, { class: className, 'data-start': String(node.attrs.start) }, 0],
    parseDOM: [
      {
        tag: `${tag}.${className}`,
        getAttrs: (dom) => ({ start: Number((dom as HTMLElement).dataset.start ?? 0) || 0 }),
      },
    ],
  };
}

/** The reader schema: doc > (paragraph | heading | list_item)+, each holding plain text. */
export const readerSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: textBlock('p', 'wm-paragraph'),
    // h3: the reader sits under the app's own h1/h2; the source text has no heading levels.
    heading: textBlock('h3', 'wm-heading'),
    // A div, not an li: list items arrive without their list, and an li outside ul/ol is invalid.
    list_item: textBlock('div', 'wm-list-item'),
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
