// Launch Debian's Chromium headless with the built extension (dist/chrome) loaded, trusting the test world's
// self-signed DoH certificate by its SPKI hash (--ignore-certificate-errors-spki-list). Shared by the e2e tests.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { grantTestWorldHosts } from './test-build.ts';

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

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits mapped to a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const POLICY_DIR = '/etc/chromium/policies/managed';

/** `args`: extra Chromium switches, e.g. `--lang=de` for the browser's UI language (the extension's locale). */
export async function launchExtension(opts: {
  spki: string;
  dist?: string;
  managed?: Record<string, unknown>;
  args?: string[];
}): Promise<ExtensionBrowser> {
  const scratch = mkdtempSync(join(tmpdir(), 'enum-presence-chromium-'));
  const profile = join(scratch, 'profile');
  // A private copy: a rebuild of dist/chrome during the run (other work in the same tree) cannot pull files
  // from under the running extension.
  const source = opts.dist ?? process.env.EXTENSION_DIST ?? DIST_CHROME;
  const dist = join(scratch, 'extension');
  cpSync(source, dist, { recursive: true });
  grantTestWorldHosts(dist);
  // An administrator's policy for storage.managed, the way Chromium on Linux reads it: a "3rdparty" policy
  // file for this extension's id. The id is unique to this copy, so no other browser is affected.
  const policyFile = opts.managed
    ? join(POLICY_DIR, `enum-presence-test-${unpackedExtensionId(dist)}.json`)
    : undefined;
  if (policyFile) {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      policyFile,
      JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(dist)]: opts.managed } } }),
    );
  }
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
      ...(opts.args ?? []),
    ],
  });
  // The worker may be (re)starting: return one that answers, or fail within 30 s saying why.
  const worker = async (): Promise<Worker> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const w =
        context.serviceWorkers().find((x) => x.url().startsWith('chrome-extension://')) ??
        (await context
          .waitForEvent('serviceworker', { timeout: Math.max(1, deadline - Date.now()) })
          .catch(() => undefined));
      if (w && (await w.evaluate(() => true).catch(() => false))) return w;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`The extension's service worker did not start: is ${source} a complete build (npx vite build)?`);
  };
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
      if (policyFile) rmSync(policyFile, { force: true });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
