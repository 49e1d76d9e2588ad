// npm run screenshots — the README's pictures, taken from the real extension against the demo world (as
// `npm start` runs it, live presence included): the hover card on the demo page, the popup with a typed lookup, the options page, and the
// popup of a browser started with --lang=de. Writes docs/screenshots/{card,popup,options,popup-de}.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemoWorld, type DemoWorld } from './demo-world.ts';
import { jordanMark, jordanStatus } from './demo-marks.ts';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs/screenshots');
const dist = join(root, 'dist/chrome');

// A test build of the Chromium extension only: it may reach the loopback DNS world without asking.
execFileSync('npx', ['vite', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ENUM_PRESENCE_TEST_BUILD: '1' },
});
mkdirSync(out, { recursive: true });
const world = await startDemoWorld();
const demo = readFileSync(join(root, 'demo/index.html'));
const server = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(demo),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const demoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;

async function launch(
  w: DemoWorld,
  lang: string,
): Promise<{ context: BrowserContext; origin: string; done(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'enum-presence-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    colorScheme: 'light',
    deviceScaleFactor: 1,
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--ignore-certificate-errors-spki-list=${w.dns.spki}`,
      `--lang=${lang}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate((items) => chrome.storage.local.set(items), w.storageItems);
  return {
    context,
    origin: `chrome-extension://${new URL(worker.url()).host}`,
    async done() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The popup as its toolbar frame shows it (380 px wide), after looking up Jordan's number. */
async function popupShot(context: BrowserContext, origin: string, file: string): Promise<void> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 420 });
  await page.goto(`${origin}/src/popup/index.html`);
  await page.locator('#inspect-input').fill('+1 202 555 0143');
  await page.keyboard.press('Enter');
  await page.locator('#inspect-result article').waitFor({ timeout: 20_000 });
  await page.locator('#inspect-input').blur();
  await shot(page, file, { fullPage: true });
  await page.close();
}

async function shot(
  page: Page,
  file: string,
  opts: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<void> {
  await page.screenshot({ path: join(out, file), animations: 'disabled', ...opts });
  console.log(`wrote docs/screenshots/${file}`);
}

try {
  const en = await launch(world, 'en-US');
  // The card: hover Jordan's number on the demo page (a fresh browser needs a moment for its first settings read).
  const page = await en.context.newPage();
  await page.setViewportSize({ width: 760, height: 400 });
  await page.goto(demoUrl);
  // The page annotations are CSS highlights (README "Page annotations"): the range over Jordan's number.
  const jordan = () => jordanMark(page);
  // Polled until his range is there: a highlight can be registered a moment before a scan has put every range in.
  for (let i = 0; i < 40 && !(await jordan()); i++) await page.waitForTimeout(500);
  // The number near the top, so that the card opens below it; then the pointer moves onto it like a user's.
  await page.evaluate((top) => window.scrollBy(0, top - 90), (await jordan())!.line.y);
  const { x, y, width, height } = (await jordan())!.line;
  await page.mouse.move(Math.max(1, x - 30), y + height / 2);
  await page.mouse.move(x + width / 2, y + height / 2, { steps: 5 });
  for (let i = 0; i < 40 && (await jordan())?.state !== 'pres'; i++) await page.waitForTimeout(500);
  // With his card open the extension watches Jordan's presence (scripts/demo-world.ts): wait for it live.
  for (let i = 0; i < 40 && (await jordanStatus(page)) !== 'available'; i++) await page.waitForTimeout(500);
  await page.waitForTimeout(800);
  await shot(page, 'card.png');
  await page.close();

  await popupShot(en.context, en.origin, 'popup.png');

  const options = await en.context.newPage();
  await options.setViewportSize({ width: 800, height: 900 });
  await options.goto(`${en.origin}/src/options/index.html`);
  await options.locator('#test-provider').waitFor();
  await shot(options, 'options.png', { fullPage: true });
  await en.done();

  const de = await launch(world, 'de');
  await popupShot(de.context, de.origin, 'popup-de.png');
  await de.done();
} finally {
  server.close();
  await world.stop();
}
