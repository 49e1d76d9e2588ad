// npm start — a newcomer's first run: build, start the loopback DNS world with demo ENUM records and a Kamailio
// presence server, run one CLI lookup against it, then open Debian's Chromium with the extension loaded on the
// demo page, already pointed at the world's validating DoH resolver and signed in to a demo SIP account, so a
// hovered number with presence shows its live state. Jordan (+1 202 555 0143, pres:jordan@example.test) changes
// state every DEMO_STEP_MS. Ctrl-C stops everything.
// Headless machines (no DISPLAY) get a headless browser and a screenshot instead of a window.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoWorld } from './demo-world.ts';
import { jordanMark, jordanStatus } from './demo-marks.ts';

const root = new URL('..', import.meta.url).pathname;
const headless = !process.env.DISPLAY;

// A test build: the extension may reach the loopback DNS world without asking (manifest.config.ts).
execFileSync('npm', ['run', 'build:test'], { cwd: root, stdio: 'inherit' });
const demo = await startDemoWorld();
const { dns: world, presence } = demo;
/** How often Jordan's presence changes (scripts/demo-world.ts), so a user sees it change live. */
const DEMO_STEP_MS = 15_000;
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
// Point the extension at the world's resolver and suffixes and at the demo SIP account, exactly as the options
// page would store them.
await worker.evaluate((items) => chrome.storage.local.set(items), demo.storageItems);
const tab = context.pages()[0] ?? (await context.newPage());
await tab.goto(demoUrl);
console.log(
  `\nDemo page:  ${demoUrl}\nPopup:      chrome-extension://${extensionId}/src/popup/index.html\nOptions:    chrome-extension://${extensionId}/src/options/index.html\nPresence:   Kamailio at ${presence.sip.ws}, watched as ${presence.sip.aor('you')}; Jordan's state changes every ${DEMO_STEP_MS / 1000} s (available, busy, away, offline)`,
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
    // The card subscribes once it shows the answer; Jordan's live state then marks the number (enum-status-*).
    for (let i = 0; i < 30 && (await jordanStatus(tab)) !== 'available'; i++) await tab.waitForTimeout(500);
  }
  await tab.waitForTimeout(500);
  const shot = join(root, 'dist/demo.png');
  await tab.screenshot({ path: shot });
  console.log(`No display: ran headless; screenshot of the hovered demo page in ${shot}`);
}
console.log('Ctrl-C stops the browser, Kamailio and the DNS world.');
const cycle = setInterval(() => {
  demo.nextJordanState().catch((e: unknown) => console.error(`Jordan's PUBLISH failed: ${String(e)}`));
}, DEMO_STEP_MS);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(cycle);
  await context.close().catch(() => {});
  server.close();
  await demo.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
context.on('close', () => void stop());
if (headless && process.env.ENUM_PRESENCE_START_ONCE) await stop();
