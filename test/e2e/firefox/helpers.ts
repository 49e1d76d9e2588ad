// Small puppeteer helpers for the Firefox e2e tests (puppeteer's ARIA selectors need CDP; these work over BiDi).
import type { ElementHandle, Page } from 'puppeteer-core';
import { readQueryLog } from '../../world/query-log.ts';
import type { FirefoxExtension } from './launch.ts';

/** The form control whose <label> reads exactly `text` (as a user finds it). */
export async function byLabel(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.evaluateHandle((t) => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === t);
    return (label?.control ?? null) as HTMLInputElement | null;
  }, text);
  const el = handle.asElement() as ElementHandle<HTMLInputElement> | null;
  if (!el) throw new Error(`no control labelled "${text}"`);
  return el;
}

/** Text content of `selector`, or "" when absent. */
export const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');

/** How often the resolver was asked for `name` so far (the world's query log is shared by every e2e file). */
export async function timesQueried(world: Parameters<typeof readQueryLog>[0], name: string): Promise<number> {
  return (await readQueryLog(world)).filter((n) => n === name).length;
}

/** Move the real (BiDi) pointer onto the middle of `box` (a number's range, in viewport coordinates). */
export async function hoverBox(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
): Promise<void> {
  await page.mouse.move(1, 1);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
}

/**
 * In an extension page of `ext`, collect every pushed event into `window.pushed`, as a view does (shared/events.ts
 * EVENTS_PORT): the Firefox twin of presence-events.ts listenForPresence.
 */
export const collectPushedEvents = (ext: FirefoxExtension): Promise<void> =>
  ext.inExtension(() => {
    const w = window as unknown as { pushed: unknown[] };
    w.pushed = [];
    browser.runtime
      .connect({ name: 'enum-presence-events' })
      .onMessage.addListener((m: unknown) => void w.pushed.push(m));
  }, null);
