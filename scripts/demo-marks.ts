// The demo page's mark on Jordan's number (+1 202 555 0143, which has presence), read from the page's CSS
// highlights as a page or a tool reads them (README "Page annotations"; test/e2e/page-marks.ts).
import type { Page } from 'playwright-core';
import { readMarks, type PageMark } from '../test/e2e/page-marks.ts';

export async function jordanMark(page: Page): Promise<PageMark | undefined> {
  const marks = (await page.evaluate(readMarks())) as PageMark[];
  return marks.find((m) => m.text.replace(/\D/g, '').endsWith('2025550143'));
}

/** Jordan's live presence state on the page: the `enum-status-<state>` highlight that holds his number, if any. */
export function jordanStatus(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const states = ['available', 'busy', 'away', 'offline', 'pending', 'blocked', 'unknown'];
    return states.find((state) => {
      let found = false;
      CSS.highlights.get(`enum-status-${state}`)?.forEach((r) => {
        const range = document.createRange();
        range.setStart((r as StaticRange).startContainer, (r as StaticRange).startOffset);
        range.setEnd((r as StaticRange).endContainer, (r as StaticRange).endOffset);
        if (range.toString().replace(/\D/g, '').endsWith('2025550143')) found = true;
      });
      return found;
    });
  });
}
