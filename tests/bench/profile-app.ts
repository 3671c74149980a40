/**
 * Profiles one app action in Chromium (a tool for finding what a bench line spends, not a bench):
 * `npx tsx tests/bench/profile-app.ts tally-open|tally-filter|reader-open|reader-key`.
 * Prints the main thread's time by trace event (script, style, layout, paint) and the heaviest
 * functions by self time from a CPU profile of the same run.
 */
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { openSession, removeProfile, root, startServer } from '../e2e/harness.ts';
import { readerProject, restoreProject, tallyProject } from './bench-projects.ts';

const what = process.argv[2] ?? 'tally-open';
process.env.WM_DIST ??= join(root, 'dist');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function traced(page: Page, cdp: CDPSession, action: () => Promise<void>): Promise<void> {
  const events: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { url?: string } } }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: process.env.CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  const t0 = performance.now();
  await action();
  const wall = performance.now() - t0;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  console.log(`wall ${wall.toFixed(0)} ms`);
  (await import('node:fs')).writeFileSync('/tmp/speed-trace.json', JSON.stringify(events));
  (await import('node:fs')).writeFileSync('/tmp/speed-profile.json', JSON.stringify(profile));
  // Main thread: the thread with the most CrRendererMain-ish work — take the tid of RunTask with most time.
  const byTid = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask') byTid.set(`${e.pid}:${e.tid}`, (byTid.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...byTid].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  console.log('trace events (inclusive ms, main thread):');
  for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
  // Self time by function.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const ms = self.get(n.id) ?? 0;
    const file = n.callFrame.url.split('/').pop() || '(native)';
    const key = `${n.callFrame.functionName || '(anon)'} ${file}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  console.log('self time by function (ms):');
  for (const [k, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (!f.functionName) continue;
      seen.add(`${f.functionName} ${f.url.split('/').pop()}:${f.lineNumber + 1}`);
    }
    for (const k of seen) total.set(k, (total.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log('inclusive time by function (ms):');
  for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
  console.log('self time by file (ms):');
  for (const [k, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
}

const { url, server } = await startServer();
const session = await openSession();
const { page } = session;
const cdp = await session.context.newCDPSession(page);
try {
  if (what.startsWith('tally')) {
    const n = Number(process.env.FRAGMENTS ?? 20_000);
    await restoreProject(page, url, tallyProject(n), 100, n);
    for (let i = 0; i < 2; i++) {
      await page.evaluate(`location.hash = '#/tally'`);
      await page.locator('table.matrix tbody tr').first().waitFor({ timeout: 120_000 });
      await page.evaluate(`location.hash = '#/library'`);
      await page.getByRole('heading', { name: /Documents/ }).waitFor();
    }
    if (what === 'tally-idb') {
      for (let i = 0; i < 3; i++)
        console.log(await page.evaluate(`(async () => {
          const t0 = performance.now();
          const db = await new Promise((resolve, reject) => { const r = indexedDB.open('worthmark'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
          const t1 = performance.now();
          const all = await new Promise((resolve) => { const r = db.transaction('fragments').objectStore('fragments').getAll(); r.onsuccess = () => resolve(r.result); });
          const t2 = performance.now();
          const docs = await new Promise((resolve) => { const r = db.transaction('documents').objectStore('documents').getAll(); r.onsuccess = () => resolve(r.result); });
          const t3 = performance.now();
          db.close();
          return 'open ' + (t1 - t0).toFixed(1) + ' fragments ' + all.length + ' ' + (t2 - t1).toFixed(1) + ' ms, documents ' + (t3 - t2).toFixed(1);
        })()`));
    } else if (what === 'tally-layout') {
      await page.evaluate(`location.hash = '#/tally'`);
      await page.locator('table.matrix tbody tr').first().waitFor({ timeout: 120_000 });
      await page.waitForTimeout(500);
      for (const css of ['', '.tally table.matrix { table-layout: fixed; }', '.tally > .panel:not(:first-child) { content-visibility: auto; contain-intrinsic-size: auto 600px; }', '.tally table { contain: content; }']) {
        console.log(css || '(as is)', await page.evaluate(`(() => {
          const style = document.createElement('style'); style.textContent = ${JSON.stringify(css)}; document.head.append(style);
          document.body.offsetHeight;
          const times = [];
          for (let i = 0; i < 7; i++) {
            document.querySelectorAll('table.matrix td .cell-button').forEach((b, j) => { b.textContent = String((i * 7 + j) % 1000); });
            document.querySelectorAll('.co-table td').forEach((b, j) => { b.textContent = String((i * 3 + j) % 100); });
            const t0 = performance.now(); document.body.offsetHeight; times.push(performance.now() - t0);
          }
          style.remove();
          return times.sort((a, b) => a - b)[3].toFixed(1) + ' ms';
        })()`));
      }
    } else if (what === 'tally-open') {
      await traced(page, cdp, async () => {
        await page.evaluate(`location.hash = '#/tally'`);
        await page.locator('table.matrix tbody tr').first().waitFor({ timeout: 120_000 });
        await page.waitForTimeout(1500);
      });
    } else {
      await page.evaluate(`location.hash = '#/tally'`);
      await page.locator('table.matrix tbody tr').first().waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1000);
      await traced(page, cdp, async () => {
        await page.locator('label.field', { hasText: 'Coder' }).locator('select').first().selectOption({ label: 'Anna' });
        await page.waitForTimeout(1500);
      });
    }
  } else {
    const { json, full } = readerProject(8000);
    await restoreProject(page, url, json, 2, 8000);
    await page.goto(`${url}#/reader/${full}`);
    await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0, undefined, { timeout: 120_000 });
    if (what === 'reader-open') {
      await traced(page, cdp, async () => {
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0, undefined, { timeout: 120_000 });
        await page.waitForTimeout(500);
      });
    } else {
      const select = (n: number) =>
        page.evaluate(`(() => {
        const block = document.querySelectorAll('.ProseMirror p.wm-paragraph')[${n}];
        block.scrollIntoView({ block: 'center' });
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && (node.parentElement.closest('.wm-key, .wm-page-break') || node.textContent.length < 30)) node = walker.nextNode();
        getSelection().setBaseAndExtent(node, 3, node, 25);
      })()`);
      // Warm-up as the bench does: three actions (the first may redraw every mark: a second coder).
      for (let i = 0; i < 3; i++) {
        await select(1000 + i * 37);
        await page.waitForFunction(() => document.querySelector('.coding-panel h2')?.textContent === 'Selection');
        await page.keyboard.press('4');
        await page.waitForTimeout(300);
        await page.keyboard.press('Escape');
      }
      await select(400);
      await page.waitForFunction(() => document.querySelector('.coding-panel h2')?.textContent === 'Selection');
      await page.waitForTimeout(500);
      await traced(page, cdp, async () => {
        await page.keyboard.press('4');
        await page.waitForTimeout(800);
      });
    }
  }
} finally {
  await session.close();
  removeProfile(session.profile);
  await server.close();
}
