// The SIP WebSocket keeps Chromium's service worker alive while a subscription is wanted (README "Live presence":
// a CRLF keep-alive every KEEP_ALIVE_MS; Chromium stops an extension's worker after ~30 s without events, and
// WebSocket traffic counts as one). Two browsers side by side, both with a SIP account, driven over the raw
// DevTools protocol without attaching to their workers (test/e2e/bare-chromium.ts): browser A watches alice,
// browser B watches nothing. Nothing else happens for 45 s. A's worker must still be the same one (no target
// destroyed, its global mark intact) and get the next NOTIFY; B's worker, the control, is stopped meanwhile.
// Then with live presence switched off (nothing to watch), A's WebSocket closes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Publisher, UserAgent } from 'sip.js';
import { installWebSocket, presencePublisher, startUserAgent } from '../world/kamailio-client.ts';
import { startKamailio, type Kamailio } from '../world/kamailio.ts';
import { launchBareChromium, type BareChromium, type TargetInfo } from './bare-chromium.ts';
import { ENTRIES_KEY } from '../../src/background/presence/manager.ts';

const world = inject('world');
const IDLE_MS = 45_000;
// test/world/zones/README.md: +43 1 2345678 publishes pres:alice@example.test.
const ALICE = '+4312345678';
let sip: Kamailio;
let alice: UserAgent;
let publisher: Publisher;
let a: BareChromium;
let b: BareChromium;

const pidf = (person: string) => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@example.test">
  <tuple id="t1"><status><basic>open</basic></status></tuple>${person}
</presence>`;

/** The extension's service-worker targets as they come and go. */
async function trackWorkers(browser: BareChromium) {
  const destroyed: string[] = [];
  const workers = new Map<string, TargetInfo>();
  browser.cdp.on((method, params) => {
    const info = params.targetInfo as TargetInfo | undefined;
    if (method === 'Target.targetCreated' && info?.type === 'service_worker' && info.url.startsWith(browser.origin))
      workers.set(info.targetId, info);
    if (method === 'Target.targetDestroyed' && workers.delete(params.targetId as string))
      destroyed.push(params.targetId as string);
  });
  await browser.cdp.send('Target.setDiscoverTargets', { discover: true });
  return {
    destroyed,
    current: async () => {
      for (let i = 0; i < 100 && workers.size === 0; i++) await new Promise((r) => setTimeout(r, 100));
      return [...workers.keys()][0]!;
    },
  };
}

/** Chromium's established TCP connections to Kamailio's WebSocket port. */
const sipSockets = () =>
  execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${new URL(sip.ws).port} )`], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes('"chromium"')).length;

const settings = (presence: 'sip' | 'off') =>
  JSON.stringify({
    settings: {
      version: 1,
      dohUrl: world.unboundDoh,
      dohMethod: 'post',
      presence,
      sipServer: sip.ws,
      sipAddress: 'sip:bob@example.test',
    },
    sipPassword: sip.users.bob,
  });

beforeAll(async () => {
  sip = await startKamailio();
  installWebSocket(sip.certFile);
  alice = await startUserAgent(sip.ws, sip.aor('alice'), sip.users.alice!);
  publisher = presencePublisher(alice);
  [a, b] = await Promise.all([launchBareChromium({ spki: world.spki }), launchBareChromium({ spki: world.spki })]);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await alice?.stop().catch(() => undefined);
  await sip?.stop();
});

test('a wanted subscription keeps the worker alive for 45 s without other activity; nothing wanted: the WebSocket closes', async () => {
  const [workersA, workersB] = [await trackWorkers(a), await trackWorkers(b)];
  for (const browser of [a, b]) {
    const page = await browser.openPage(`${browser.origin}/src/popup/index.html`);
    await page.evaluate(`chrome.storage.local.set(${settings('sip')})`);
    if (browser === a) {
      const viewed = `chrome.runtime.sendMessage({ type: 'inspectNumber', payload: { input: '${ALICE}', region: '' } })
        .then(() => chrome.runtime.sendMessage({ type: 'viewPresence', payload: { e164: '${ALICE}' } }))`;
      expect(await page.evaluate(viewed)).toMatchObject({ ok: true, value: { enabled: true } });
    }
    await page.close(); // no page, no port: only the SIP WebSocket is left
  }
  await expect.poll(sipSockets, { timeout: 10_000 }).toBe(1);
  const workerA = await workersA.current();
  const mark = await a.evaluateIn<number>(workerA, '(globalThis.keepAliveMark = Date.now())');
  await workersB.current();
  const destroyedBefore = { a: workersA.destroyed.length, b: workersB.destroyed.length };

  await new Promise((r) => setTimeout(r, IDLE_MS));

  // The control: a worker with nothing to watch is stopped for being idle (so this harness lets workers stop). Its
  // last activity may come seconds after the wait began (the settings change it handles reads storage.managed,
  // which takes seconds in a fresh profile on a loaded machine) and Chromium looks for idle workers only now and
  // then: it is given up to 30 s more, during which A, checked next, has had to stay alive as well.
  await expect.poll(() => workersB.destroyed.length, { timeout: 30_000 }).toBeGreaterThan(destroyedBefore.b);
  // A's worker is the one marked 45 s ago, its socket still open, its subscription still live.
  expect(workersA.destroyed.length).toBe(destroyedBefore.a);
  expect(await a.evaluateIn(workerA, 'globalThis.keepAliveMark')).toBe(mark);
  expect(sipSockets()).toBe(1);
  await publisher.publish(
    pidf('<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>'),
  );
  const stored = `chrome.storage.session.get('${ENTRIES_KEY}').then((s) => (s['${ENTRIES_KEY}'] ?? []).find((e) => e.uri === 'pres:alice@example.test'))`;
  await expect
    .poll(() => a.evaluateIn(workerA, stored), { timeout: 5000 })
    .toMatchObject({ state: 'busy', subscribed: true });
  expect(await a.evaluateIn(workerA, 'globalThis.keepAliveMark')).toBe(mark);

  // Nothing to watch any more (live presence off): the worker unsubscribes and closes its WebSocket.
  await a.evaluateIn(workerA, `chrome.storage.local.set(${settings('off')})`);
  await expect.poll(sipSockets, { timeout: 5000 }).toBe(0);
}, 120_000);
