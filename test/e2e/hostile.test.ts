// The built extension in Debian's Chromium against the hostile DoH resolver of the test world
// (test/world/hostile.ts, README "Hostile zones"): the worker's real fetch, storage.session and limits.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { HOSTILE } from '../world/hostile.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;
let page: Page;
let other: Page;

type Reply = {
  ok: boolean;
  value?: {
    uris: { uri: string }[];
    rejected: { record: string; reason: string }[];
    rejectedOmitted?: number;
    ttl: number;
  };
  error?: { code: string; message: string };
};

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
  const worker = await browser.worker();
  await worker.evaluate(
    (dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl, dohMethod: 'post' } }),
    world.hostileDoh,
  );
  page = await browser.openPage('src/popup/index.html');
  other = await browser.openPage('src/popup/index.html');
});
afterAll(async () => {
  await browser?.close();
});

const inspect = (from: Page, input: string) =>
  from.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'inspectNumber',
    payload: { input, region: '' },
  }) as Promise<Reply>;

test('a body without end is dropped at 64 KB with code too-large, not read until the timeout', async () => {
  const huge = world.hostileDoh.replace('/dns-query', '/huge/dns-query');
  const r = (await page.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'testProvider',
    payload: { dohUrl: huge, dohMethod: 'post' },
  })) as Reply;
  expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
  expect(r.error?.message).toContain('more than 65535 octets');
});

test("compile bombs through ten non-terminals are refused, and another page's lookup answers meanwhile", async () => {
  const [bomb, good] = await Promise.all([inspect(page, HOSTILE.bombNonTerminals), inspect(other, HOSTILE.good)]);
  expect(good.value?.uris.map((u) => u.uri)).toEqual(['sip:good@example.test']);
  expect(bomb.ok).toBe(true);
  expect(bomb.value?.uris).toEqual([]);
  expect(bomb.value?.rejected[0]?.reason).toMatch(/expands to \d+ positions through counted repetition/);
});

test('oversized answers leave a small result and a small storage.session; TTLs are capped', async () => {
  const flood = await inspect(page, HOSTILE.flood);
  expect(flood.value?.rejected).toHaveLength(50);
  expect(flood.value?.rejectedOmitted).toBeGreaterThan(500);
  const worker = await browser.worker();
  const bytes = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
  expect(bytes).toBeLessThan(256 * 1024);
  const pinned = await inspect(page, HOSTILE.ttlMax);
  expect(pinned.value?.ttl).toBe(86_400);
});
