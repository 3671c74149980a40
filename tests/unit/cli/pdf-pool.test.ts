/**
 * The CLI's PDF pool (src/cli/pdf-pool.ts): files read in several threads, the pages of one file
 * split over them, give exactly what the one-thread reader gives; every failure keeps its reason;
 * a thread past the time budget is ended and the next job gets a new one. And the search
 * command's file scheduler (inOrder) runs files at once but reports them in the order given.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { defaultThreads, pooledPdfSource } from '../../../src/cli/pdf-pool.ts';
import { inOrder } from '../../../src/cli/search-command.ts';
import { textPdf } from '../../fixtures/make-fixtures.ts';
import { columnsPdf, damagedPdf } from '../../fixtures/make-pdf-faults.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sample = new Uint8Array(readFileSync(root + 'samples/' + readdirSync(root + 'samples').find((f) => f.endsWith('.pdf'))!));
const fixture = (name: string) => new Uint8Array(readFileSync(root + 'tests/fixtures/pdf/' + name));

// Two threads, and one page per first job, so every file of more than one page is split.
const pool = pooledPdfSource({ threads: 2, firstPages: 1 });
const serial = nodePdfSource();
afterAll(() => pool.close());

describe('pooledPdfSource', { timeout: 60_000 }, () => {
  it('gives the same documents as the one-thread reader, also with the pages of a file split over threads and files read at once', async () => {
    const files: Array<[string, Uint8Array]> = [
      ['sample.pdf', sample],
      ['drie.pdf', await textPdf('Drie')],
      ['kolommen.pdf', (await columnsPdf()).bytes],
    ];
    const pooled = await Promise.all(files.map(([name, bytes]) => extractFile(name, bytes, pool)));
    for (const [i, [name, bytes]] of files.entries()) {
      const one = await extractFile(name, bytes, serial);
      expect(one.ok, name).toBe(true);
      expect(pooled[i], name).toEqual(one);
    }
    // The split did happen: the sample has more pages than the first job reads.
    expect(pooled[0]!.ok && pooled[0]!.value.pages.length).toBeGreaterThan(2);
  });

  it('reports progress over the whole file, page by page', async () => {
    const seen: Array<[number, number]> = [];
    const r = await pool.extract(sample, (done, total) => seen.push([done, total]));
    expect(seen.length).toBe(r.pageCount - 1); // the first job's pages arrive before the count is known
    expect(seen[seen.length - 1]).toEqual([r.pageCount, r.pageCount]);
  });

  it('keeps the reason of every failure: encrypted, damaged, without a text layer', async () => {
    const reasons = await Promise.all(
      [fixture('encrypted.pdf'), await damagedPdf(), fixture('no-text.pdf'), fixture('truncated.pdf')].map((b) => extractFile('x.pdf', b, pool)),
    );
    const serialReasons = await Promise.all(
      [fixture('encrypted.pdf'), await damagedPdf(), fixture('no-text.pdf'), fixture('truncated.pdf')].map((b) => extractFile('x.pdf', b, serial)),
    );
    expect(reasons.map((r) => (r.ok ? 'ok' : r.error.reason))).toEqual(serialReasons.map((r) => (r.ok ? 'ok' : r.error.reason)));
    expect(reasons.map((r) => (r.ok ? 'ok' : r.error.reason)).slice(0, 3)).toEqual(['encrypted', 'corrupt', 'no-text']);
  });

  it('ends a thread that sends nothing within the budget (too-slow), and the next file gets a new thread', async () => {
    const strict = pooledPdfSource({ threads: 1, stepBudgetMs: 0 });
    try {
      // A budget of 0 ms: the new thread cannot even load pdf.js in time.
      await expect(strict.extract(sample)).rejects.toMatchObject({ reason: 'too-slow', detail: expect.stringContaining('opening the file') });
    } finally {
      strict.close();
    }
    const r = await pool.extract(sample);
    expect(r.pages.length).toBe(r.pageCount);
  });

  it('starts a thread ahead of the first file with warm(), which that file then uses', async () => {
    const p = pooledPdfSource({ threads: 1 });
    try {
      p.warm();
      const r = await p.extract(sample);
      expect(r.pages.length).toBe(r.pageCount);
    } finally {
      p.close();
    }
  });

  it('fails the jobs under way when closed, and works again afterwards', async () => {
    const p = pooledPdfSource({ threads: 1 });
    const pending = p.extract(sample);
    p.close();
    await expect(pending).rejects.toMatchObject({ reason: 'read-error' });
    const again = await p.extract(sample);
    expect(again.pageCount).toBeGreaterThan(0);
    p.close();
  });
});

describe('inOrder', () => {
  it('runs at most `limit` tasks at once, starts them in order, and returns their results by index', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = inOrder(7, 3, async (i) => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      // Later tasks finish first, so completion order differs from index order.
      await new Promise((r) => setTimeout(r, (7 - i) * 3));
      running -= 1;
      if (i === 4) throw new Error('four');
      return i * 10;
    });
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([0, 10, 20, 30, 'four', 50, 60]);
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('defaultThreads', () => {
  it('leaves one core to the main thread: at least one thread, at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultThreads(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
