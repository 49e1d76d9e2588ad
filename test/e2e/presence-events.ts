// What an extension page in Chromium hears of live presence: the presenceChanged events pushed over the event
// port (shared/events.ts EVENTS_PORT), collected in the page as a view does, and requests to the background.
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

/** Look `e164` up (inspectNumber) and watch its presence (viewPresence), as the popup does for a typed number. */
export async function inspectAndView(page: Page, e164: string): Promise<void> {
  const found = (await sendFrom(page, { type: 'inspectNumber', payload: { input: e164, region: '' } })) as {
    ok: boolean;
    value?: { pres: string[] };
  };
  if (!found.ok || !found.value?.pres.length) throw new Error(`${e164}: no pres URI (${JSON.stringify(found)})`);
  // The view watches the pres URIs it was shown, whatever the answer's TTL (EnumClient.answered).
  const viewed = (await sendFrom(page, { type: 'viewPresence', payload: { e164 } })) as {
    value?: { presence?: { uri: string }[] };
  };
  const watched = viewed.value?.presence?.map((p) => p.uri) ?? [];
  if (JSON.stringify(watched) !== JSON.stringify(found.value.pres))
    throw new Error(`${e164}: shown ${JSON.stringify(found.value.pres)}, watched ${JSON.stringify(watched)}`);
}
