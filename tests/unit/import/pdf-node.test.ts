import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const samplePdf = root + 'samples/' + readdirSync(root + 'samples').find((f) => f.endsWith('.pdf'))!;

/** Runs pdf-node.ts in plain Node (tsx only to load the TypeScript) in a fresh process, whose built-ins are untouched. */
function extractInPlainNode(): { pages: number; same: boolean[] } {
  // The built-ins are taken before pdf.js is loaded and compared by identity: core-js makes its
  // replacements' toString() claim "[native code]", so the source text proves nothing.
  const script = `
    const before = [Array.prototype.push, JSON.stringify, JSON.parse];
    const { nodePdfSource } = await import(${JSON.stringify(root + 'src/import/pdf-node.ts')});
    const { readFileSync } = await import('node:fs');
    const r = await nodePdfSource().extract(new Uint8Array(readFileSync(${JSON.stringify(samplePdf)})));
    const after = [Array.prototype.push, JSON.stringify, JSON.parse];
    console.log(JSON.stringify({ pages: r.pages.filter((p) => p.lines.length > 0).length, same: after.map((f, i) => f === before[i]) }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { pages: number; same: boolean[] };
}

describe('nodePdfSource in plain Node (the CLI)', () => {
  it('extracts text and leaves Array.prototype.push, JSON.stringify and JSON.parse as the engine’s own', () => {
    const { pages, same } = extractInPlainNode();
    expect(pages).toBeGreaterThan(0);
    // pdf.js's legacy build swaps these for slow JavaScript versions on Node 20; pdf-node.ts puts them back.
    expect(same).toEqual([true, true, true]);
  }, 30_000);
});
