// npm start — a newcomer's first run: build, start the loopback DNS world with demo ENUM records,
// run one CLI lookup against it, then open Debian's Chromium with the extension loaded on the demo page,
// already pointed at the world's validating DoH resolver. Ctrl-C stops everything.
// Headless machines (no DISPLAY) get a headless browser and a screenshot instead of a window.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorld } from '../test/world/world.ts';
import { jordanMark } from './demo-marks.ts';

const root = new URL('..', import.meta.url).pathname;
const headless = !process.env.DISPLAY;

// A test build: the extension may reach the loopback DNS world without asking (manifest.config.ts).
execFileSync('npm', ['run', 'build:test'], { cwd: root, stdio: 'inherit' });
const world = await startWorld({ demo: true });
const page = readFileSync(join(root, 'demo/index.html'));
const server = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const demoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;

console.log(
  `\nDNS world: validating DoH at ${world.unboundDoh}\n$ enum-presence lookup +1 202 555 0143 --doh ${world.unboundDoh}`,
);
execFileSync(
  'node',
  ['dist/cli/enum-presence.js', 'lookup', '+1 202 555 0143', '--doh', world.unboundDoh, '--resolve-pres'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: world.certFile },
  },
);

const dist = join(root, 'dist/chrome');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'enum-presence-')), {
  executablePath: '/usr/bin/chromium',
  headless,
  viewport: null,
  args: [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    `--ignore-certificate-errors-spki-list=${world.spki}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
// Point the extension at the world's resolver and suffixes, exactly as the options page would store it.
await worker.evaluate(
  (dohUrl) =>
    chrome.storage.local.set({
      settings: { version: 1, dohUrl, dohMethod: 'post', suffixes: ['e164.arpa', 'e164.test'] },
    }),
  world.unboundDoh,
);
const tab = context.pages()[0] ?? (await context.newPage());
await tab.goto(demoUrl);
console.log(
  `\nDemo page:  ${demoUrl}\nPopup:      chrome-extension://${extensionId}/src/popup/index.html\nOptions:    chrome-extension://${extensionId}/src/options/index.html`,
);
if (headless) {
  // Jordan's number has presence. The page annotations are CSS highlights (README "Page annotations"): find
  // the range over Jordan's number, move the pointer onto it like a user, and wait for it to be in enum-pres.
  const jordanBox = () => jordanMark(tab);
  await tab
    .waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size > 0, undefined, {
      timeout: 15_000,
    })
    .catch(() => {});
  const found = await jordanBox();
  if (found) {
    const { x, y, width, height } = found.line;
    await tab.mouse.move(Math.max(1, x - 30), y + height / 2);
    await tab.mouse.move(x + width / 2, y + height / 2, { steps: 5 });
    for (let i = 0; i < 30 && (await jordanBox())?.state !== 'pres'; i++) await tab.waitForTimeout(500);
  }
  await tab.waitForTimeout(500);
  const shot = join(root, 'dist/demo.png');
  await tab.screenshot({ path: shot });
  console.log(`No display: ran headless; screenshot of the hovered demo page in ${shot}`);
}
console.log('Ctrl-C stops the browser and the DNS world.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await context.close().catch(() => {});
  server.close();
  await world.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
context.on('close', () => void stop());
if (headless && process.env.ENUM_PRESENCE_START_ONCE) await stop();
