// resolveOn "visible" on a page with more numbers than the background's per-tab limit lets through at once (20,
// then 2 a second; README "Settings"), in Chromium against the loopback DNS world. Three tables far apart: A (60
// numbers: the crowd, +43 1 2345900…50 with presence, and 9 more with no records) in view at load, B (20) further
// down, C (20) never scrolled to. A's first 20 resolve at once and the rest wait pending (never in enum-error);
// scrolling to B before A's turn comes leaves A's waiting numbers idle and unqueried while B resolves; scrolling
// back resolves the rest of A, and the badge and the popup's list have them all. C's numbers are never queried
// (the world's query log).
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { readQueryLogEntries } from '../world/query-log.ts';
import { CROWD } from '../world/crowd.ts';
import { readMarks, type PageMark } from './page-marks.ts';

const world = inject('world');
let ext: ExtensionBrowser;
let server: PageServer;

/** +43 1 23459NN as written and as E.164. */
const vienna = (nn: number) => ({ written: `+43 1 23459${nn}`, e164: `+43123459${nn}` });
const A = [
  ...CROWD.map((m) => ({ written: m.written, e164: m.e164 })),
  ...[51, 52, 53, 54, 55, 56, 57, 58, 59].map(vienna),
];
const B = Array.from({ length: 20 }, (_, i) => vienna(60 + i));
const C = Array.from({ length: 20 }, (_, i) => vienna(80 + i));
const FINAL = ['pres', 'no-pres', 'none'];

const table = (id: string, numbers: { written: string }[]) => {
  const rows: string[] = [];
  for (let i = 0; i < numbers.length; i += 6)
    rows.push(
      `<tr>${numbers
        .slice(i, i + 6)
        .map((n) => `<td>${n.written}</td>`)
        .join('')}</tr>`,
    );
  return `<table id="${id}">${rows.join('')}</table>`;
};
const PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>many numbers</title>
<style>body { font: 13px sans-serif; margin: 8px } td { padding: 1px 6px } .gap { height: 4000px }</style></head>
<body>${table('a', A)}<div class="gap"></div>${table('b', B)}<div class="gap"></div>${table('c', C)}</body></html>`;

/** The ENUM name the background asks for (RFC 6116 §2). */
const enumName = (e164: string) => `${[...e164.slice(1)].reverse().join('.')}.e164.arpa`;

beforeAll(async () => {
  server = await startPageServer();
  server.route('/many.html', PAGE);
  ext = await launchExtension({ spki: world.spki });
  const worker = await ext.worker();
  await worker.evaluate((s) => chrome.storage.local.set({ settings: s }), {
    version: 1,
    dohUrl: world.unboundDoh,
    resolveOn: 'visible',
  });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

test('every number in view is resolved in the end, none shown as failed; numbers never in view are never queried', async () => {
  const logBefore = (await readQueryLogEntries(world)).filter((e) => e.server === 'unbound').length;
  /** Names the extension asked the resolver since the test began. */
  const queried = async () =>
    new Set(
      (await readQueryLogEntries(world))
        .filter((e) => e.server === 'unbound')
        .slice(logBefore)
        .map((e) => e.name),
    );
  const page: Page = await ext.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(`${server.origin}/many.html`);
  const errors = new Set<string>();
  /** State of each number of a table by its text; every error seen on the way is kept. */
  const states = async (where: string) => {
    const marks = ((await page.evaluate(readMarks())) as PageMark[]).filter((m) => m.where === where);
    for (const m of marks) if (m.state === 'error') errors.add(m.text);
    return new Map(marks.map((m) => [m.text, m.state]));
  };
  const count = async (where: string, wanted: string[]) =>
    [...(await states(where)).values()].filter((s) => wanted.includes(s)).length;

  await expect.poll(async () => (await states('a')).size + (await states('b')).size, { timeout: 15_000 }).toBe(80);
  expect((await states('c')).size).toBe(20);
  // The first 20 of A at once; the others wait pending, not failed.
  await expect.poll(() => count('a', FINAL), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
  const early = await states('a');
  expect([...early.values()].filter((s) => s === 'pending').length).toBeGreaterThan(0);

  // Scroll to B before A's turn comes: B resolves; A's waiting numbers go idle and are not looked up.
  await page.evaluate(() => document.getElementById('b')!.scrollIntoView());
  await expect.poll(() => count('b', FINAL), { timeout: 30_000 }).toBe(20);
  await expect.poll(() => count('a', ['pending']), { timeout: 10_000 }).toBe(0);
  const left = await states('a');
  const idle = A.filter((n) => left.get(n.written) === 'idle');
  expect(idle.length).toBeGreaterThan(0);
  expect(A.filter((n) => !['idle', ...FINAL].includes(left.get(n.written)!))).toEqual([]);
  const names = await queried();
  expect(idle.filter((n) => names.has(enumName(n.e164))).map((n) => n.written)).toEqual([]);
  expect(B.filter((n) => !names.has(enumName(n.e164)))).toEqual([]);

  // Back to A: the rest resolve too, to the state their records give (the crowd publishes presence).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => count('a', FINAL), { timeout: 60_000 }).toBe(A.length);
  const final = await states('a');
  expect(CROWD.map((m) => final.get(m.written))).toEqual(CROWD.map(() => 'pres'));
  expect(A.slice(CROWD.length).map((n) => final.get(n.written))).toEqual(A.slice(CROWD.length).map(() => 'none'));
  expect([...errors]).toEqual([]);

  // What the badge counts and the popup lists (the background's list of the tab's numbers): all of A answered.
  await page.bringToFront();
  const worker = await ext.worker();
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  expect(tabId).toBeDefined();
  await expect
    .poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!), { timeout: 10_000 })
    .toBe(String(CROWD.length));
  const popup = await ext.openPage('src/popup/index.html');
  const listed = async () => {
    const reply = (await popup.evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'getTabNumbers', payload: { tabId: id } }),
      tabId!,
    )) as { ok: boolean; value: { numbers: { e164: string; state: string }[] } };
    const listedStates = new Map(reply.value.numbers.map((n) => [n.e164, n.state]));
    return A.filter((n) => !FINAL.includes(listedStates.get(n.e164) ?? '')).length;
  };
  await expect.poll(listed, { timeout: 10_000 }).toBe(0);
  await popup.close();

  // C never came into view: its numbers are idle and none of them was asked of the resolver.
  expect([...(await states('c')).values()]).toEqual(C.map(() => 'idle'));
  const all = await queried();
  expect(C.filter((n) => all.has(enumName(n.e164))).map((n) => n.written)).toEqual([]);
  await page.close();
}, 180_000);
