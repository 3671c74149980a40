/**
 * The e2e harness: serves the built app (dist/) with Vite's preview server and drives the
 * system Chromium with playwright-core. Never a downloaded browser: CHROMIUM_PATH or
 * /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const shared = join(root, '..', 'shared');
export const screenshotDir = join(root, 'tests', 'e2e', 'screenshots');

/** Path of the system Chromium. */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return p;
}

/** Starts the preview server on a free port; returns its base URL. */
export async function startServer(): Promise<{ url: string; server: PreviewServer }> {
  // WM_DIST serves another build folder, so parallel work can build and test side by side.
  const outDir = process.env.WM_DIST ?? join(root, 'dist');
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir} has no build: run \`vite build\` first (npm run test:e2e does)`);
  const server = await preview({
    root: join(root, 'src'),
    configFile: join(root, 'vite.config.ts'),
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  return { url, server };
}

/** A browser with its own fresh profile (empty IndexedDB), kept across reloads and restarts. */
export interface Session {
  context: BrowserContext;
  page: Page;
  profile: string;
  close(): Promise<void>;
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Opens Chromium with a persistent profile directory (a new one unless given). */
export async function openSession(profile = mkdtempSync(join(tmpdir(), 'worthmark-e2e-'))): Promise<Session> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Page errors and console errors are printed so a failing run says what the app said.
  page.on('pageerror', (e) => console.log(`[page error] ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon')) console.log(`[console error] ${m.text()} ${m.location().url}`);
  });
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
    },
  };
}

/** Removes a profile directory. */
export function removeProfile(profile: string): void {
  rmSync(profile, { recursive: true, force: true });
}
