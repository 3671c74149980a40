/**
 * The material the benches read: Dutch policy text from ../shared/seeds (repeated to a size),
 * the corpus PDFs in ../shared/corpus, and temporary files for the processes to read. Each bench
 * that needs it returns {@link NO_SHARED} (and is skipped) when ../shared is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** ../shared beside the repository. */
export const sharedDir = resolve(root, '../shared');
export const seedDir = join(sharedDir, 'seeds');
export const corpusDir = join(sharedDir, 'corpus');
/** Why a bench that needs ../shared is skipped. */
export const NO_SHARED = `no seed texts or corpus PDFs in ${sharedDir}`;

/** The seed texts (raw, as written), in name order; empty when absent. */
export function seedTexts(): string[] {
  if (!existsSync(seedDir)) return [];
  return readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt') && f !== 'README.txt')
    .sort()
    .map((f) => readFileSync(join(seedDir, f), 'utf8'));
}

/** The corpus PDFs' paths, in name order; empty when absent. */
export function corpusPdfs(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => join(corpusDir, f));
}

const rawCache = new Map<number, string>();
/** The seed texts joined by blank lines and repeated to exactly `size` characters (raw: with line-end hyphenation). */
export function rawText(size: number): string | undefined {
  const hit = rawCache.get(size);
  if (hit !== undefined) return hit;
  const texts = seedTexts();
  if (texts.length === 0) return undefined;
  const one = texts.join('\n\n');
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    parts.push(one);
    length += one.length + 2;
  }
  const text = parts.join('\n\n').slice(0, size);
  rawCache.set(size, text);
  return text;
}

let dir: string | undefined;
/** A file in the benches' temporary folder (removed when the process exits). */
export function tempFile(name: string, content: string | Uint8Array): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'worthmark-bench-'));
    const made = dir;
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
