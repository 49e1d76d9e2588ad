// The demo page's mark on Jordan's number (+1 202 555 0143, which has presence), read from the page's CSS
// highlights as a page or a tool reads them (README "Page annotations"; test/e2e/page-marks.ts).
import type { Page } from 'playwright-core';
import { readMarks, type PageMark } from '../test/e2e/page-marks.ts';

export async function jordanMark(page: Page): Promise<PageMark | undefined> {
  const marks = (await page.evaluate(readMarks())) as PageMark[];
  return marks.find((m) => m.text.replace(/\D/g, '').endsWith('2025550143'));
}
