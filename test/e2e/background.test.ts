// The background worker in Debian's Chromium against the loopback DNS world: stateless by design (a stopped and
// restarted worker answers from the storage.session cache without a new query), sender checks, privacy
// (nothing is queried that the user did not ask for).
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { readQueryLog } from '../world/query-log.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;
let page: Page;
let server: PageServer;

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
  const worker = await browser.worker();
  await worker.evaluate(
    (dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl, dohMethod: 'post' } }),
    world.unboundDoh,
  );
  page = await browser.openPage('src/popup/index.html');
  server = await startPageServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const send = (message: unknown) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
const enumQueries = async (name: string) => (await readQueryLog(world)).filter((n) => n === name).length;

test('a stopped and restarted service worker answers from its storage.session cache without a new query', async () => {
  // The world is shared with other e2e files: count this test's queries, not the log's total.
  const name = '9.7.6.5.4.3.2.1.3.4.e164.arpa';
  const base = await enumQueries(name);
  const first = (await send({ type: 'inspectNumber', payload: { input: '+43 1 2345679', region: '' } })) as {
    ok: boolean;
    value: { uris: { uri: string }[]; ttl: number };
  };
  expect(first.ok).toBe(true);
  expect(first.value.uris.map((u) => u.uri)).toEqual(['sip:bob@example.test']);
  expect(await enumQueries(name)).toBe(base + 1);

  // Stop the worker as Chromium does when it is idle, and watch it stop and start again through CDP.
  const cdp = await browser.context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(browser.origin)) statuses.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.at(-1), { timeout: 10_000 }).toBe('stopped');
  const stoppedAt = statuses.length;

  const again = (await send({
    type: 'inspectNumber',
    payload: { input: '+43 1 2345679', region: '' },
  })) as typeof first;
  // The same answer (same fetchedAt), its remaining TTL counted down.
  expect({ ...again.value, ttl: 0 }).toEqual({ ...first.value, ttl: 0 });
  expect(await enumQueries(name)).toBe(base + 1);
  // …and a new worker instance answered it.
  expect(statuses.slice(stoppedAt)).toContain('running');
});

test('an extension page can clear the cache; the next lookup queries again', async () => {
  const name = '8.4.1.0.6.4.9.7.0.2.4.4.e164.arpa';
  await send({ type: 'inspectNumber', payload: { input: '020 7946 0148', region: 'GB' } });
  const n = await enumQueries(name);
  expect(await send({ type: 'clearCache', payload: {} })).toEqual({ ok: true, value: null });
  await send({ type: 'inspectNumber', payload: { input: '020 7946 0148', region: 'GB' } });
  expect(await enumQueries(name)).toBe(n + 1);
});

test('invalid messages get coded errors, never exceptions', async () => {
  expect(await send({ type: 'resolveNumber', payload: { e164: 'javascript:alert(1)' } })).toMatchObject({
    ok: false,
    error: { code: 'bad-message' },
  });
  expect(await send({ type: 'nope' })).toMatchObject({ ok: false, error: { code: 'bad-message' } });
  expect(await send({ type: 'inspectNumber', payload: { input: '12', region: '' } })).toMatchObject({
    ok: false,
    error: { code: 'bad-number' },
  });
  expect(
    await send({ type: 'testProvider', payload: { dohUrl: 'http://plain.example/dns-query', dohMethod: 'get' } }),
  ).toMatchObject({ ok: false, error: { code: 'bad-url' } });
});

test('the options Test resolves the first suffix and reports DNSSEC, or the exact error', async () => {
  const good = (await send({ type: 'testProvider', payload: { dohUrl: world.unboundDoh, dohMethod: 'get' } })) as {
    ok: boolean;
    value: { latencyMs: number; dnssec: boolean };
  };
  expect(good.ok).toBe(true);
  expect(good.value.dnssec).toBe(true);
  expect(good.value.latencyMs).toBeGreaterThanOrEqual(0);
  expect(await send({ type: 'testProvider', payload: { dohUrl: world.hangingDoh, dohMethod: 'get' } })).toMatchObject({
    ok: false,
    error: { code: 'timeout' },
  });
});

/**
 * Send a message from the extension's content script in `tab` (its isolated world, found through CDP), so the
 * background sees a real content-script sender with that tab and URL.
 */
async function sendFromContentScript(tab: Page, message: unknown): Promise<unknown> {
  const cdp = await browser.context.newCDPSession(tab);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const isolated = () => contexts.find((c) => c.origin === browser.origin && c.auxData?.type === 'isolated');
  await expect.poll(isolated, { timeout: 10_000 }).toBeTruthy();
  const r = await cdp.send('Runtime.evaluate', {
    expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
    contextId: isolated()!.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  return (r.result as { value: unknown }).value;
}

test("cached answers are partitioned by top-level site: site B's lookup of a number looked up on site A goes to the network", async () => {
  const name = '4.7.6.5.4.3.2.1.3.4.e164.arpa';
  const lookup = { type: 'resolveNumber', payload: { e164: '+4312345674' } };
  const base = await enumQueries(name);
  // Two sites: the page server under two hostnames (127.0.0.1 and localhost are different origins and sites).
  const siteA = await browser.context.newPage();
  await siteA.goto(`${server.origin}/numbers.html`);
  const siteB = await browser.context.newPage();
  await siteB.goto(`${server.origin.replace('127.0.0.1', 'localhost')}/numbers.html`);

  expect(await sendFromContentScript(siteA, lookup)).toMatchObject({ ok: true, value: { status: 'not-found' } });
  expect(await enumQueries(name)).toBe(base + 1);
  expect(await sendFromContentScript(siteA, lookup)).toMatchObject({ ok: true });
  expect(await enumQueries(name)).toBe(base + 1); // site A's own cache answers site A
  expect(await sendFromContentScript(siteB, lookup)).toMatchObject({ ok: true, value: { status: 'not-found' } });
  expect(await enumQueries(name)).toBe(base + 2); // site B is not answered from site A's entry
  await siteA.close();
  await siteB.close();
});
