// A page with the extension against the same page in a browser without it (README "Page annotations": the DOM is
// never changed, marks draw no box): the DOM, text and element boxes as the page sees them, and the pixels that
// differ between two screenshots, on the page as it is and made dark. In-page scripts are strings, as in
// page-marks.ts, so Playwright (Chromium) and puppeteer (Firefox over WebDriver BiDi) run the same code; both await
// a promise the expression gives.
import { expect } from 'vitest';

/** What the comparison needs of a browser tab, whichever library drives it. */
export interface ComparedPage {
  evaluate(expression: string): Promise<unknown>;
  screenshot(): Promise<Uint8Array>;
}

/**
 * `page` (with the extension, its numbers marked at `numbers`) against `reference` (the same page in the same
 * browser without it): the same DOM, text and boxes (zero layout shift); then, light and dark, screenshots whose
 * differences are all on or just under a number (the marks), and some (the marks show).
 */
export async function expectOnlyMarksDiffer(
  reference: ComparedPage,
  page: ComparedPage,
  numbers: readonly Box[],
): Promise<void> {
  const [a, b] = (await Promise.all([reference.evaluate(PAGE_GEOMETRY), page.evaluate(PAGE_GEOMETRY)])) as [
    PageGeometry,
    PageGeometry,
  ];
  expect(b.text).toBe(a.text);
  expect(b.innerText).toBe(a.innerText);
  expect(b.html).toBe(a.html);
  expect(b.boxes).toEqual(a.boxes);
  const frames = (await page.evaluate(FRAME_BOXES)) as Box[];
  for (const scheme of ['light', 'dark']) {
    if (scheme === 'dark') for (const p of [reference, page]) await p.evaluate(DARK_PAGE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const diff = (await page.evaluate(
      differingPixels(await reference.screenshot(), await page.screenshot()),
    )) as Point[];
    expect(diff.length, scheme).toBeGreaterThan(0);
    expect(awayFromNumbers(diff, numbers, frames), scheme).toEqual([]);
  }
}

interface PageGeometry {
  /** Every element's tag, id and border box, in document order. */
  boxes: string[];
  text: string;
  innerText: string;
  html: string;
}

const PAGE_GEOMETRY = `(function () {
  var boxes = Array.prototype.map.call(document.querySelectorAll('body *'), function (el) {
    var r = el.getBoundingClientRect();
    return el.tagName + '#' + el.id + ' ' + r.x.toFixed(2) + ',' + r.y.toFixed(2) + ' ' + r.width.toFixed(2) + 'x' + r.height.toFixed(2);
  });
  return {
    boxes: boxes,
    text: document.body.textContent,
    innerText: document.body.innerText,
    html: document.documentElement.outerHTML,
  };
})()`;

/** A dark page: light text on a near-black background (the marks take the text's colour, README "Page annotations"). */
const DARK_PAGE = `document.body.style.background = '#111'; document.body.style.color = '#eee';`;

interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  width: number;
  height: number;
}

/** The pixels that differ between two PNG screenshots of the same size, decoded by the page's browser. */
function differingPixels(a: Buffer | Uint8Array, b: Buffer | Uint8Array): string {
  const [pa, pb] = [a, b].map((png) => JSON.stringify(Buffer.from(png).toString('base64')));
  return `(async function () {
    async function decode(b64) {
      var bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      var canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      var ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    }
    var x = await decode(${pa}), y = await decode(${pb});
    var out = [];
    for (var i = 0; i < x.data.length; i += 4) {
      if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2])
        out.push({ x: (i / 4) % x.width, y: Math.floor(i / 4 / x.width) });
    }
    return out;
  })()`;
}

/** The boxes of the page's frames (their content is another document, painted on its own schedule). */
const FRAME_BOXES = `Array.prototype.map.call(document.querySelectorAll('iframe'), function (f) {
  var r = f.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
})`;

/**
 * The differing pixels that are neither on or just under a number's box (its underline is drawn up to a few pixels
 * below the text) nor inside a frame: what a test expects to be none.
 */
function awayFromNumbers(diff: readonly Point[], numbers: readonly Box[], frames: readonly Box[]): Point[] {
  const near = (p: Point) =>
    numbers.some((r) => p.x >= r.x - 2 && p.x <= r.x + r.width + 2 && p.y >= r.y - 2 && p.y <= r.y + r.height + 4);
  const inFrame = (p: Point) =>
    frames.some((r) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height);
  return diff.filter((p) => !near(p) && !inFrame(p));
}
