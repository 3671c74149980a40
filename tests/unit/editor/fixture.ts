import type { Block, BlockKind, Page } from '../../../src/model/document.ts';

/** A text made of blocks joined by "\n\n", as the importer makes it. */
export function textOf(parts: readonly (string | [BlockKind, string])[]): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  let text = '';
  for (const part of parts) {
    const [kind, body] = typeof part === 'string' ? (['paragraph', part] as const) : part;
    if (text.length > 0) text += '\n\n';
    blocks.push({ kind, start: text.length, end: text.length + body.length });
    text += body;
  }
  return { text, blocks };
}

export const sample = textOf([
  ['heading', 'Woonvisie 2030'],
  'De gemeente zorgt voor betaalbare woningen voor iedereen.',
  ['list-item', "Meer sociale huur, o.a. 1,5 miljoen euro voor auto's en zorg-instellingen."],
  'Marktpartijen bouwen efficiënt; de burger beslist mee.',
]);

/** Pages whose boundaries fall at a block start and inside a block. */
export function pagesOf(text: string, starts: readonly number[]): Page[] {
  return starts.map((start, i) => ({
    index: i + 1,
    label: String(i + 1),
    start,
    end: starts[i + 1] ?? text.length,
  }));
}
