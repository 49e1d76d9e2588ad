// Launch Debian's firefox-esr headless through puppeteer-core over WebDriver BiDi with the built extension
// (dist/firefox) installed as a temporary add-on. Shared by the Firefox e2e tests.
// - acceptInsecureCerts: trusts the test world's self-signed DoH certificate, for the background's fetch too.
// - --remote-allow-system-access: without it BiDi refuses to navigate to moz-extension:// pages.
// - extensions.webextensions.uuids fixes the moz-extension UUID, so extension pages have a known origin.
// - extensions.webextOptionalPermissionPrompts=false: permissions.request() is granted without a prompt
//   (a headless browser has no doorhanger to click).
// Nothing here (nor puppeteer's profile defaults, nor the remote agent's recommended preferences) sets
// extensions.background.idle.timeout: event pages are suspended after Firefox's default 30 s.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { grantTestWorldHosts } from '../test-build.ts';

export const DIST_FIREFOX = new URL('../../../dist/firefox', import.meta.url).pathname;
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export interface FirefoxExtension {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  addonId: string;
  /**
   * Open an extension page (e.g. "src/options/index.html") in a new tab and wait until `ready` (a JS
   * expression) is true in it. Its `goto` may never settle under BiDi, so it is started, not awaited.
   */
  openPage(path: string, ready: string): Promise<Page>;
  /** Run `fn` in an extension page (storage, permissions, runtime messages); opens a blank one once. */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

/** An unpacked build is installed from a private copy granted the test world's hosts (../test-build.ts); a
 *  store zip is installed as it is (npm test builds it with npm run build:test). */
const copies: string[] = [];
function privateCopy(dist: string): string {
  if (dist.endsWith('.zip')) return dist;
  const scratch = mkdtempSync(join(tmpdir(), 'enum-presence-firefox-'));
  copies.push(scratch);
  const copy = join(scratch, 'extension');
  cpSync(dist, copy, { recursive: true });
  grantTestWorldHosts(copy);
  return copy;
}

/** `prefs`: more Firefox preferences for this profile. */
export async function launchFirefoxExtension(
  dist = process.env.EXTENSION_DIST_FIREFOX ?? DIST_FIREFOX,
  prefs: Record<string, string | number | boolean> = {},
): Promise<FirefoxExtension> {
  // `dist` is the unpacked build or a store zip (dist/enum-presence-firefox-<version>.zip).
  const manifestText = dist.endsWith('.zip')
    ? execFileSync('unzip', ['-p', dist, 'manifest.json'], { encoding: 'utf8' })
    : readFileSync(`${dist}/manifest.json`, 'utf8');
  const manifest = JSON.parse(manifestText) as { browser_specific_settings: { gecko: { id: string } } };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      'extensions.webextOptionalPermissionPrompts': false,
      ...prefs,
    },
  });
  try {
    const installed = await browser.installExtension(privateCopy(dist));
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const origin = `moz-extension://${uuid}`;

  async function openPage(path: string, ready: string): Promise<Page> {
    const page = await browser.newPage();
    page.goto(`${origin}/${path.replace(/^\//, '')}`, { timeout: 5000 }).catch(() => {});
    // Polled by hand: while the tab moves from about:blank to the extension page, Firefox's remote agent can
    // fail an evaluation ("right-hand side of 'in' should be an object"), which ends puppeteer's waitForFunction.
    const expression = `location.href.startsWith(${JSON.stringify(origin)}) && document.readyState !== 'loading' && Boolean(${ready})`;
    const deadline = Date.now() + 20_000;
    let last: unknown = 'not ready';
    for (;;) {
      try {
        if (await page.evaluate(expression)) return page;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) throw new Error(`${path} did not become ready: ${String(last)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let helper: Promise<Page> | undefined;
  return {
    browser,
    origin,
    addonId,
    openPage,
    async inExtension(fn, arg) {
      // The popup page is a plain extension page; nothing in it runs before it is used for this.
      helper ??= openPage('src/popup/index.html', 'document.readyState === "complete" && typeof browser === "object"');
      const page = await helper;
      return page.evaluate(fn as (a: unknown) => unknown, arg) as Promise<Awaited<ReturnType<typeof fn>>>;
    },
    close: async () => {
      await browser.close();
      for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
