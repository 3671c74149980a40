/**
 * Synthetic projects for the Chromium benches, written as project files the app restores through
 * its own restore flow (seeded, so every run measures the same data):
 * - {@link readerProject}: one 200-page document of ~500,000 characters twice, once with
 *   `fragments` fragments and once with none (the reader and coding benches);
 * - {@link tallyProject}: 100 documents of 20 pages each with `fragments` fragments spread over
 *   them, two coders, one to three regimes per fragment, flags (the tally benches).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { toProjectFile } from '../../src/exchange/project-file.ts';
import { parseCodebook } from '../../src/exchange/codebook-file.ts';
import type { Block, Codebook, CodeId, CoderId, DocumentId, Fragment, FragmentId, Page as DocPage, PolicyDocument } from '../../src/model/index.ts';
import { anchorFromRange } from '../../src/model/index.ts';
import { root } from './material.ts';

const WORDS =
  'de gemeente zorgt voor betaalbare woningen en een efficiënte markt waarin burgers samen beslissen over hun wijk cultuur internationale samenwerking over de grenzen festival bezoekers erfgoed kunstenaars regio'.split(' ');

/** A seeded random number generator (a linear congruential one; enough for spreading data). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A text of `blockCount` paragraphs (every 40th a heading) over `pageCount` pages. */
export function bigText(blockCount: number, pageCount: number, seed = 11): { text: string; blocks: Block[]; pages: DocPage[] } {
  const rnd = seeded(seed);
  const parts: string[] = [];
  const blocks: Block[] = [];
  let length = 0;
  for (let b = 0; b < blockCount; b++) {
    const words: string[] = [];
    const n = b % 40 === 0 ? 5 : 22 + Math.floor(rnd() * 14);
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
    const body = words.join(' ') + '.';
    if (b > 0) length += 2;
    blocks.push({ kind: b % 40 === 0 ? 'heading' : 'paragraph', start: length, end: length + body.length });
    parts.push(body);
    length += body.length;
  }
  const text = parts.join('\n\n');
  const pages: DocPage[] = [];
  const per = Math.ceil(blocks.length / pageCount);
  for (let p = 0; p < pageCount; p++) {
    const first = blocks[p * per];
    if (!first) break;
    const next = blocks[(p + 1) * per];
    pages.push({ index: p + 1, label: String(p + 1), start: first.start, end: next ? next.start : text.length });
  }
  return { text, blocks, pages };
}

/** The shipped codebook. */
function shippedCodebook(): Codebook {
  const book = parseCodebook(readFileSync(join(root, 'codebooks', 'boltanski-thevenot.json'), 'utf8'));
  if (!('parsed' in book)) throw new Error('shipped codebook invalid');
  return book.parsed;
}

const NOW = '2024-05-01T10:00:00.000Z';

function documentOf(id: string, title: string, text: string, pages: DocPage[], meta: PolicyDocument['meta'] = {}): PolicyDocument {
  return {
    id: id as DocumentId,
    title,
    fileName: `${id}.txt`,
    format: 'txt',
    contentHash: `hash-${id}`,
    pages,
    charCount: text.length,
    meta,
    report: { joinedHyphens: 0, removedLines: [], pageCount: pages.length },
    createdAt: NOW,
  };
}

/** `count` fragments spread over the paragraphs of `blocks`, with one or two regimes, some flagged. */
function fragmentsOver(documentId: string, text: string, blocks: Block[], count: number, codebook: Codebook, coders: CoderId[], seed: number, idPrefix: string): Fragment[] {
  const rnd = seeded(seed);
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const out: Fragment[] = [];
  for (let i = 0; i < count; i++) {
    const block = paragraphs[Math.floor((i / count) * paragraphs.length)]!;
    const start = block.start + Math.floor(rnd() * 40);
    const end = Math.min(block.end, start + 40 + Math.floor(rnd() * 120));
    const codes = [codebook.codes[i % 7]!.id, ...(i % 5 === 0 ? [codebook.codes[(i + 3) % 7]!.id] : [])] as CodeId[];
    const at = new Date(Date.UTC(2024, 2, 1) + Math.floor(rnd() * 60) * 86_400_000).toISOString();
    out.push({
      id: `${idPrefix}${i}` as FragmentId,
      documentId: documentId as DocumentId,
      anchor: anchorFromRange(text, start, end),
      codes,
      flags: i % 9 === 0 ? ['glocalisation'] : [],
      memo: i % 4 === 0 ? 'memo' : '',
      coderId: coders[Math.floor(rnd() * coders.length)]!,
      createdAt: at,
      updatedAt: at,
    });
  }
  return out;
}

/** One document (200 pages, 3,000 paragraphs unless told) twice: `full` with `fragments` fragments, `empty` with none. */
export function readerProject(fragments: number, blockCount = 3000, pageCount = 200): { json: string; full: string; empty: string } {
  const codebook = shippedCodebook();
  const { text, blocks, pages } = bigText(blockCount, pageCount);
  const coderId = 'bench-coder' as CoderId;
  const json = toProjectFile({
    documents: [documentOf('big', `Bench: ${pageCount} pages, ${fragments} fragments`, text, pages), documentOf('empty', `Bench: ${pageCount} pages, no fragments`, text, pages)],
    texts: [
      { documentId: 'big' as DocumentId, text, blocks },
      { documentId: 'empty' as DocumentId, text, blocks },
    ],
    codebooks: [codebook],
    fragments: fragmentsOver('big', text, blocks, fragments, codebook, [coderId], 5, 'f-'),
    searches: [],
    coders: [{ id: coderId, name: 'Bench', initials: 'B' }],
    settings: { coderId, codebookId: codebook.id, initialized: true, lang: 'en' },
    hits: [],
  });
  return { json, full: 'big', empty: 'empty' };
}

/** 100 documents of 20 pages, `fragments` fragments spread evenly over them, two coders. */
export function tallyProject(fragments: number): string {
  const codebook = shippedCodebook();
  const coders = [
    { id: 'anna' as CoderId, name: 'Anna', initials: 'A' },
    { id: 'bram' as CoderId, name: 'Bram', initials: 'B' },
  ];
  const documents: PolicyDocument[] = [];
  const texts: { documentId: DocumentId; text: string; blocks: Block[] }[] = [];
  const all: Fragment[] = [];
  const perDoc = Math.ceil(fragments / 100);
  for (let d = 0; d < 100; d++) {
    const { text, blocks, pages } = bigText(300, 20, 100 + d);
    const id = `doc-${d}`;
    documents.push(documentOf(id, `Regioprofiel ${d}`, text, pages, { region: `Regio ${d % 12}`, year: 2021 + (d % 2) * 4 }));
    texts.push({ documentId: id as DocumentId, text, blocks });
    all.push(...fragmentsOver(id, text, blocks, Math.min(perDoc, fragments - all.length), codebook, coders.map((c) => c.id), 1000 + d, `f-${d}-`));
  }
  return toProjectFile({
    documents,
    texts,
    codebooks: [codebook],
    fragments: all,
    searches: [],
    coders,
    settings: { coderId: coders[0]!.id, codebookId: codebook.id, initialized: true, lang: 'en' },
    hits: [],
  });
}

/**
 * Restores a project file (JSON text) into the app open on `url` in `page` through the library's
 * restore flow, and waits until it is in: `documents` documents and `fragments` fragments.
 */
export async function restoreProject(page: Page, url: string, json: string, documents: number, fragments: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-bench-'));
  const file = join(dir, 'bench.worthmark.json');
  writeFileSync(file, json);
  try {
    await page.goto(url);
    page.on('dialog', (d) => void d.accept());
    await page.getByLabel('Restore project from file').waitFor({ timeout: 120_000 });
    await page.getByLabel('Restore project from file').setInputFiles(file);
    // Over a project (the sample) the restore first shows what it would replace.
    const replace = page.getByRole('button', { name: 'Replace this project' });
    const restored = page.getByRole('status').filter({ hasText: new RegExp(`restored: ${documents} documents?, ${fragments} fragments?`) });
    await restored.or(replace).first().waitFor({ timeout: 300_000 });
    if (await replace.isVisible()) await replace.click();
    await restored.waitFor({ timeout: 300_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
