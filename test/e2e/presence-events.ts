// What an extension page in Chromium hears of live presence: the presenceChanged events pushed over the event
// port (shared/events.ts EVENTS_PORT), collected in the page as a view does, and requests to the background.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface PushedEntry {
  uri: string;
  state: string;
  subscribed: boolean;
  activities: string[];
  note: string | null;
  error?: { code: string; message: string };
}

/** Start collecting pushed events in `page` (again after a worker restart: the old port closed with it). */
export const listenForPresence = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { pushed: unknown[] };
    w.pushed ??= [];
    chrome.runtime.connect({ name: 'enum-presence-events' }).onMessage.addListener((m) => w.pushed.push(m));
  });

export const pushedEntries = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { pushed: { type: string; payload: { entry: unknown } }[] }).pushed
      .filter((e) => e.type === 'presenceChanged')
      .map((e) => e.payload.entry),
  ) as Promise<PushedEntry[]>;

/** The latest pushed entry of each URI. */
export const latestEntries = async (page: Page): Promise<Map<string, PushedEntry>> =>
  new Map((await pushedEntries(page)).map((e) => [e.uri, e]));

export const latestEntry = async (page: Page, uri: string) => (await latestEntries(page)).get(uri);

/** A request to the background (shared/protocol.ts), sent from `page`. */
export const sendFrom = (page: Page, message: unknown) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);

/**
 * Look a number up (inspectNumber) and watch its presence (viewPresence), as the popup does for a typed number,
 * through `send` (a page's runtime.sendMessage, in either browser): the lookup gives its pres URI, and the view
 * watches that URI whatever the answer's TTL (EnumClient.answered).
 */
export async function inspectAndViewVia(
  send: (message: unknown) => Promise<unknown>,
  { e164, pres }: { e164: string; pres: string },
): Promise<void> {
  expect(await send({ type: 'inspectNumber', payload: { input: e164, region: '' } })).toMatchObject({
    ok: true,
    value: { pres: [pres] },
  });
  expect(await send({ type: 'viewPresence', payload: { e164 } })).toMatchObject({
    ok: true,
    value: { enabled: true, presence: [{ uri: pres }] },
  });
}

/** inspectAndViewVia from an extension page in Chromium. */
export const inspectAndView = (page: Page, number: { e164: string; pres: string }) =>
  inspectAndViewVia((m) => sendFrom(page, m), number);
