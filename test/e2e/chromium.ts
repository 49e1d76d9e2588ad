// Launch Debian's Chromium headless with the built extension (dist/chrome) loaded, trusting the test world's
// self-signed DoH certificate by its SPKI hash (feasibility §2). Shared by the e2e tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const DIST_CHROME = new URL('../../dist/chrome', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** chrome-extension://<id> */
  origin: string;
  /** The extension's service worker (it may be restarted: use `worker()` for the current one). */
  worker(): Promise<Worker>;
  /** Open an extension page, e.g. "src/options/index.html", in a new tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchExtension(opts: { spki: string; dist?: string }): Promise<ExtensionBrowser> {
  const dist = opts.dist ?? process.env.EXTENSION_DIST ?? DIST_CHROME;
  const profile = mkdtempSync(join(tmpdir(), 'enum-presence-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--ignore-certificate-errors-spki-list=${opts.spki}`,
    ],
  });
  const worker = async () => context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? context.waitForEvent('serviceworker');
  // Node gives non-special schemes an opaque origin ("null"): build it from the host.
  const origin = `chrome-extension://${new URL((await worker()).url()).host}`;
  return {
    context,
    origin,
    worker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
