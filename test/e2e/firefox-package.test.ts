// The store packages `npm run build` writes (README: store-ready zips): each zip holds exactly its dist folder with manifest.json
// at the root, and the Firefox zip itself — not the folder — installs in firefox-esr and works: it annotates
// a page and resolves a hovered number against the loopback DNS world.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { startPageServer, type PageServer } from './firefox/page-server.ts';
import { hoverBox } from './firefox/helpers.ts';
import { readMarks, type PageMark } from './page-marks.ts';

const world = inject('world');
const DIST = new URL('../../dist', import.meta.url).pathname;
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const zipOf = (target: string) => join(DIST, `enum-presence-${target}-${version}.zip`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
const zipEntries = (zip: string) =>
  execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l && !l.endsWith('/'))
    .sort();

let ext: FirefoxExtension;
let pages: PageServer;
beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchFirefoxExtension(zipOf('firefox'));
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

test.each(['chrome', 'firefox'])('dist/enum-presence-%s-<version>.zip holds exactly dist/%s', (target) => {
  const entries = zipEntries(zipOf(target));
  expect(entries).toEqual(filesUnder(join(DIST, target)));
  const manifest = JSON.parse(
    execFileSync('unzip', ['-p', zipOf(target), 'manifest.json'], { encoding: 'utf8' }),
  ) as Record<string, unknown>;
  expect(manifest.version).toBe(version);
  expect('browser_specific_settings' in manifest).toBe(target === 'firefox');
});

test('the Firefox zip installs and works: settings, detection, hover to pres', async () => {
  await ext.inExtension((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), world.unboundDoh);
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  const maria = async () => ((await page.evaluate(readMarks())) as PageMark[]).find((m) => m.where === 'maria');
  await expect.poll(async () => (await maria())?.state, { timeout: 15_000 }).toBe('idle');
  await hoverBox(page, (await maria())!.line);
  await expect.poll(async () => (await maria())?.state, { timeout: 20_000 }).toBe('pres');
  await page.close();
});
