// The content script in Debian's Chromium with the built extension: detection in several languages, skip
// rules, opt-out, split numbers, dynamic content, open and closed shadow roots, frames, tel: links, the page
// compared with a browser without the extension (DOM, layout, pixels, mutations), synthetic events, hover
// intent, the hover card against the loopback DNS world, and switching the site off. Pages come from a loopback
// HTTP server (test/fixtures/pages).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM, launchExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { readQueryLog } from '../world/query-log.ts';
import { COUNT_MARKS, readMarks, readMarksIn, type PageMark } from './page-marks.ts';
import { expectOnlyMarksDiffer, type Box } from './page-compare.ts';

const world = inject('world');
let ext: ExtensionBrowser;
let plain: Browser;
let server: PageServer;

async function setSettings(settings: Record<string, unknown>): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((s) => chrome.storage.local.set({ settings: { version: 1, ...s } }), {
    dohUrl: world.unboundDoh,
    ...settings,
  });
}

beforeAll(async () => {
  server = await startPageServer();
  ext = await launchExtension({ spki: world.spki });
  await setSettings({});
  plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await ext?.close();
  await plain?.close();
  await server?.close();
});

/** The marks of the document or of an open shadow root, read from CSS.highlights as a page would. */
const annotatedIn = (page: Page | Frame, selector?: string) =>
  page.evaluate(readMarks(selector)) as Promise<PageMark[]>;

/** Move the mouse onto the `nth` mark in `where` the way a user does: from beside it, in several steps. */
async function hoverMark(page: Page, where: string, nth = 0): Promise<PageMark['box']> {
  const mark = (await annotatedIn(page)).filter((m) => m.where === where)[nth]!;
  const { x, y, width, height } = mark.line;
  await page.mouse.move(Math.max(1, x - 40), y + height / 2);
  await page.mouse.move(x + width / 2, y + height / 2, { steps: 5 });
  return mark.box;
}

const stateOf = async (page: Page, where: string, nth = 0) =>
  (await annotatedIn(page)).filter((m) => m.where === where)[nth]?.state;

async function openNumbersPage(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/numbers.html`);
  await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 15_000 }).toBe(18);
  return page;
}

describe('detection and annotation', () => {
  test('national and international numbers in several languages; no false positives, no editable fields', async () => {
    const page = await openNumbersPage();
    const found = (await annotatedIn(page)).map((a) => `${a.where}|${a.tag}|${a.text}|${a.state}`);
    expect(found).toEqual([
      'de|p|030 1234567|idle',
      'de|p|+49 30 7654321|idle',
      'de|p|0171 2345678|idle',
      'gb|p|020 7946 0018|idle',
      'gb|p|+44 20 7946 0019|idle',
      'fr|p|01 42 68 53 00|idle',
      'ja|p|03-5555-1234|idle',
      'fullwidth|p|＋1 (650) 253-0000|idle',
      'neighbours|p|07911 123456|idle',
      'styled|span|030 2345678|idle',
      'flex|div|0800 3301000|idle',
      'cell|td|030 3456789|idle',
      'ellipsis|div|030 4567890|idle',
      // A tel: link is one range over the link's text; the number in it is not marked a second time.
      'tel|a|030 111222|idle',
      'tel|a|Zentrale anrufen|idle',
      'enum|p|+43 1 2345678|idle',
      'enum|p|+43 1 2345679|idle',
      'enum|p|+43 1 2345676|idle',
    ]);
    expect(await page.title()).toBe('Kontakt 030 1234567');
    expect(await page.locator('#input').inputValue()).toBe('030 1234567');
    expect(await page.locator('#textarea').inputValue()).toBe('030 1234567');
    expect(await page.evaluate(() => document.getElementById('editable')!.innerHTML)).toBe('030 1234567');
    await page.close();
  });

  test('open shadow roots, a same-origin frame and an about:blank frame', async () => {
    const page = await openNumbersPage();
    await expect
      .poll(async () => (await annotatedIn(page, '#shadow-host')).map((a) => a.text), { timeout: 10_000 })
      .toEqual(['030 5678901']);
    const same = page.frames().find((f) => f.url().endsWith('/frame.html'))!;
    await expect.poll(async () => (await annotatedIn(same)).map((a) => a.text)).toEqual(['030 7890123']);
    const blank = (await (await page.$('#blank'))!.contentFrame())!;
    await expect.poll(async () => (await annotatedIn(blank)).map((a) => a.text)).toEqual(['030 6789012']);
    await page.close();
  });

  test('numbers split across inline elements are one range; block boundaries separate numbers', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/split.html`);
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 15_000 }).toBe(4);
    expect((await annotatedIn(page)).map((a) => `${a.where}|${a.tag}|${a.text}`)).toEqual([
      'bold|b|(202) 555-0143',
      'spans|span|+1 202 555 0144',
      'wbr|p|+1 2025550145',
      'shy|p|+1 202 555\u00ad0146',
    ]);
    await page.close();
  });

  test('shadow roots: closed ones, one inside another, and an open one attached after the page was scanned', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/shadow.html`);
    await expect
      .poll(async () => (await annotatedIn(page)).map((a) => a.text), { timeout: 15_000 })
      .toEqual(['030 1112223']);
    await expect
      .poll(() => page.evaluate(readMarksIn('window.closedRoots.closed')), { timeout: 10_000 })
      .toEqual([{ text: '030 4445556', state: 'idle' }]);
    await expect
      .poll(() => page.evaluate(readMarksIn('window.closedRoots.inner')), { timeout: 10_000 })
      .toEqual([{ text: '030 7778889', state: 'idle' }]);
    await page.waitForTimeout(500);
    await page.evaluate('window.attachLate()');
    const attached = Date.now();
    await expect
      .poll(async () => (await annotatedIn(page, '#late')).map((a) => a.text), { timeout: 5_000, interval: 50 })
      .toEqual(['030 2223334']);
    expect(Date.now() - attached).toBeLessThan(1500);
    await page.close();
  });

  test('the page opting out with format-detection telephone=no is left alone', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/opt-out.html`);
    await page.waitForTimeout(1500);
    expect(await annotatedIn(page)).toEqual([]);
    await page.close();
  });

  test('inserted content and changed text are marked; a rewritten or removed number leaves no stale range', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/dynamic.html`);
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => {
      const list = document.getElementById('list')!;
      for (let i = 0; i < 50; i++) {
        const row = document.createElement('div');
        row.textContent = `Filiale ${i}: 040 ${5550000 + i}`;
        list.append(row);
      }
    });
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 10_000 }).toBe(51);
    // Character data: the page rewrites a text node it holds.
    await page.evaluate(() => {
      (document.getElementById('live')!.firstChild as Text).data = 'Jetzt: 030 2223334 und 040 5556667';
    });
    await expect
      .poll(async () => (await annotatedIn(page)).filter((a) => a.where === 'live').map((a) => a.text))
      .toEqual(['030 2223334', '040 5556667']);
    // The page rewrites the text of a marked number: the old range goes, the new number is marked.
    await page.evaluate(() => {
      (document.getElementById('static')!.firstChild as Text).data = 'Zentrale neu: 030 9998887';
    });
    await expect
      .poll(async () => (await annotatedIn(page)).filter((a) => a.where === 'static').map((a) => a.text))
      .toEqual(['030 9998887']);
    // Text that is no longer a number keeps no mark; removed rows take their marks with them.
    await page.evaluate(() => {
      (document.getElementById('static')!.firstChild as Text).data = 'Zentrale: bald wieder';
      for (const row of [...document.querySelectorAll('#list div')].slice(10)) row.remove();
    });
    await expect.poll(async () => (await annotatedIn(page)).filter((a) => a.where !== 'live').length).toBe(10);
    expect((await annotatedIn(page)).every((a) => /^0[34]0 \d{7}$/.test(a.text))).toBe(true);
    expect(await page.evaluate(COUNT_MARKS)).toBe(12);
    expect(await page.locator('#static').textContent()).toBe('Zentrale: bald wieder');
    await page.close();
  });
});

describe('the page stays as it was', () => {
  test('a MutationObserver the page installed first records nothing the extension did', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/observed.html`);
    await expect
      .poll(async () => (await annotatedIn(page)).map((a) => a.text), { timeout: 15_000 })
      .toEqual(['030 1234567', '030 7654321', '030 111222']);
    await expect
      .poll(async () => (await annotatedIn(page, '#open-host')).map((a) => a.text), { timeout: 10_000 })
      .toEqual(['030 2345678']);
    await page.waitForTimeout(1500); // shadow-root polls, the report, idle work
    expect(await page.evaluate('window.mutations')).toEqual([]);
    await page.close();
  });

  test('zero layout shift, the same DOM and text, and screenshots that differ only around the numbers, light and dark', async () => {
    const viewport = { width: 1000, height: 1400 };
    const reference = await plain.newPage({ viewport });
    await reference.goto(`${server.origin}/numbers.html`);
    const page = await openNumbersPage();
    await page.setViewportSize(viewport);
    const boxes = [...(await annotatedIn(page)), ...(await annotatedIn(page, '#shadow-host'))].map((m) => m.box);
    // Caret blink aside (animations disabled), the same pixels but for the marks.
    const shot = (p: Page) => ({
      evaluate: (expression: string) => p.evaluate(expression),
      screenshot: () => p.screenshot({ animations: 'disabled' }),
    });
    await expectOnlyMarksDiffer(shot(reference), shot(page), boxes);
    await reference.close();
    await page.close();
  });

  test('switching the site off deletes every highlight; switching it on marks again', async () => {
    const page = await openNumbersPage();
    await setSettings({ disabledSites: ['127.0.0.1'] });
    await expect.poll(() => page.evaluate(COUNT_MARKS), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => [...CSS.highlights.keys()])).toEqual([]);
    await setSettings({});
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 10_000 }).toBe(18);
    await page.close();
  });
});

type CdpNode = {
  nodeId: number;
  nodeType: number;
  nodeValue?: string;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
};

/** The hover card, read through CDP (its shadow root is closed to the page): its texts and its box. */
async function readCard(page: Page): Promise<{ texts: string[]; box?: Box; button?: Box }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const texts: string[] = [];
    let card: CdpNode | undefined;
    let button: CdpNode | undefined;
    const collect = (n: CdpNode) => {
      if (n.nodeName === 'BUTTON') button = n;
      if (n.nodeType === 3 && n.nodeValue?.trim()) texts.push(n.nodeValue.trim());
      if (n.nodeName === 'STYLE') return;
      if (
        !card &&
        n.attributes?.includes('class') &&
        /\bcard\b/.test(n.attributes[n.attributes.indexOf('class') + 1] ?? '')
      )
        card = n;
      for (const c of n.children ?? []) collect(c);
    };
    const walk = (n: CdpNode) => {
      for (const sr of n.shadowRoots ?? []) if (sr.shadowRootType === 'closed') collect(sr);
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    if (!card) return { texts };
    const boxOf = async (n: CdpNode): Promise<Box> => {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: n.nodeId })) as {
        model: { border: number[]; width: number; height: number };
      };
      return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
    };
    return { texts, box: await boxOf(card), button: button && (await boxOf(button)) };
  } finally {
    await cdp.detach();
  }
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('hover card and lookups', () => {
  test('synthetic events from page scripts show nothing and resolve nothing', async () => {
    const page = await openNumbersPage();
    const before = await readQueryLog(world);
    await page.evaluate(() => {
      const el = document.getElementById('enum')!;
      const r = el.getBoundingClientRect();
      for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'pointermove', 'mousemove']) {
        el.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            composed: true,
            pointerType: 'mouse',
            clientX: r.x + 60,
            clientY: r.y + 8,
            movementX: 5,
            movementY: 5,
          }),
        );
      }
      el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, clientX: r.x + 60, clientY: r.y + 8 }));
    });
    await page.waitForTimeout(1200);
    expect((await annotatedIn(page)).every((a) => a.state === 'idle')).toBe(true);
    expect((await readCard(page)).texts).toEqual([]);
    expect((await readQueryLog(world)).filter((n) => !before.includes(n) && n.endsWith('e164.arpa'))).toEqual([]);
    await page.close();
  });

  test('a trusted hover resolves the number (pres) and the card shows what ENUM says', async () => {
    // Nothing is looked up before the hover (privacy default resolveOn = hover). The world is shared by the
    // e2e files: compare with the count before the page loaded, after giving the page time to misbehave.
    const aliceQueries = async () =>
      (await readQueryLog(world)).filter((n) => n.startsWith('8.7.6.5.4.3.2.1.3.4.')).length;
    const before = await aliceQueries();
    const page = await openNumbersPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForTimeout(500);
    expect(await aliceQueries()).toBe(before);
    await page.locator('#enum').scrollIntoViewIfNeeded();
    const numberBox = await hoverMark(page, 'enum', 0);
    await expect.poll(() => stateOf(page, 'enum', 0), { timeout: 20_000 }).toBe('pres');
    await expect
      .poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 5_000 })
      .toContain('pres:alice@example.test');
    const card = await readCard(page);
    const text = card.texts.join(' | ');
    expect(text).toContain('+43 1 2345678');
    expect(text).toContain('Presence published');
    expect(text).toContain('sip:alice@example.test');
    expect(text).toContain('(sip)');
    expect(text).toContain('mailto:alice@example.test');
    expect(text).toContain('DNSSEC validated');
    expect(text).toMatch(/answered (just now|\d+ seconds ago), valid/);
    // The card is visible, inside the viewport and never covers its number.
    expect(card.box).toBeDefined();
    expect(overlaps(card.box!, numberBox)).toBe(false);
    expect(card.box!.x).toBeGreaterThanOrEqual(0);
    expect(card.box!.x + card.box!.width).toBeLessThanOrEqual(900);
    const clip = card.box!;
    const withCard = await page.screenshot({ clip });
    await page.screenshot({ path: `${process.env.CONTENT_ARTIFACTS ?? '/tmp'}/content-hover-card.png` });
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await readCard(page)).texts).toEqual([]);
    expect(Buffer.compare(withCard, await page.screenshot({ clip }))).not.toBe(0);
    // Only this number was looked up; the other numbers are still idle.
    expect((await annotatedIn(page)).filter((a) => a.text !== '+43 1 2345678').every((a) => a.state === 'idle')).toBe(
      true,
    );
    await page.close();
  });

  test('a small viewport: the card fits and still leaves the number uncovered', async () => {
    const page = await openNumbersPage();
    await page.setViewportSize({ width: 320, height: 480 });
    await page.locator('#enum').scrollIntoViewIfNeeded();
    const box = await hoverMark(page, 'enum', 1);
    await expect.poll(() => stateOf(page, 'enum', 1), { timeout: 20_000 }).toBe('no-pres');
    await expect.poll(async () => (await readCard(page)).texts.join(' | ')).toContain('sip:bob@example.test');
    const card = await readCard(page);
    expect(overlaps(card.box!, box)).toBe(false);
    expect(card.box!.x).toBeGreaterThanOrEqual(0);
    expect(card.box!.x + card.box!.width).toBeLessThanOrEqual(320);
    expect(card.texts.join(' | ')).toContain('ENUM records, no presence');
    await page.close();
  });

  test('a number scrolled under a resting pointer, and an invisible full-viewport number, are never looked up', async () => {
    // Our own numbers: +1 202 555 0161 (under) and the trap numbers 0162-0164; count only their queries.
    const names = [
      '1.6.1.0.5.5.5.2.0.2.1.',
      '2.6.1.0.5.5.5.2.0.2.1.',
      '3.6.1.0.5.5.5.2.0.2.1.',
      '4.6.1.0.5.5.5.2.0.2.1.',
    ];
    const ours = async () => (await readQueryLog(world)).filter((n) => names.some((p) => n.startsWith(p))).length;
    const before = await ours();
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`${server.origin}/trap.html`);
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 15_000 }).toBe(1);
    // The pointer comes to rest at (60, 150), over nothing.
    await page.mouse.move(20, 120);
    await page.mouse.move(60, 150, { steps: 4 });
    // The page scrolls the number under the resting pointer.
    const under = (await annotatedIn(page))[0]!.box;
    await page.evaluate((dy) => scrollBy(0, dy), under.y + under.height / 2 - 150);
    await page.waitForTimeout(800);
    // The page stretches invisible numbers over the whole viewport, one after another, and scrolls a pixel.
    for (const [number, how] of [
      ['+1 202 555 0162', ''],
      ['+1 202 555 0163', 'transparent'],
    ] as const) {
      await page.evaluate(([n, h]) => (window as unknown as { showTrap(n: string, h: string): void }).showTrap(n, h), [
        number,
        how,
      ] as const);
      await expect
        .poll(async () => (await annotatedIn(page)).some((a) => a.where === 'trap' && a.text === number), {
          timeout: 10_000,
        })
        .toBe(true);
      await page.evaluate(() => scrollBy(0, 1));
      await page.waitForTimeout(500);
    }
    // Even real movement over an invisible viewport-sized number resolves nothing.
    await page.evaluate(() =>
      (window as unknown as { showTrap(n: string, h: string): void }).showTrap('+1 202 555 0164', ''),
    );
    await expect
      .poll(async () => (await annotatedIn(page)).some((a) => a.text === '+1 202 555 0164'), { timeout: 10_000 })
      .toBe(true);
    await page.mouse.move(200, 200, { steps: 5 });
    await page.waitForTimeout(800);
    expect((await annotatedIn(page)).map((a) => a.state)).toEqual(['idle', 'idle']);
    expect((await readCard(page)).texts).toEqual([]);
    expect(await ours()).toBe(before);
    // The visible number, once the trap is gone and the user really moves onto it, is looked up (the test can fail).
    await page.evaluate(() => (window as unknown as { removeTrap(): void }).removeTrap());
    await hoverMark(page, 'under');
    await expect.poll(() => stateOf(page, 'under'), { timeout: 20_000 }).toMatch(/^(pres|no-pres|none|error)$/);
    await expect.poll(ours, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.close();
  });
});

describe('resolveOn and the context-menu path', () => {
  afterAll(() => setSettings({}));

  test('"visible" resolves the numbers in the viewport only', async () => {
    await setSettings({ resolveOn: 'visible' });
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1000, height: 260 });
    await page.goto(`${server.origin}/numbers.html`);
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 15_000 }).toBe(18);
    await expect
      .poll(async () => (await annotatedIn(page)).find((a) => a.where === 'de')?.state, { timeout: 20_000 })
      .not.toBe('idle');
    expect((await annotatedIn(page)).filter((a) => a.where === 'enum').map((a) => a.state)).toEqual([
      'idle',
      'idle',
      'idle',
    ]);
    await page.locator('#enum').scrollIntoViewIfNeeded();
    await expect.poll(() => stateOf(page, 'enum', 0), { timeout: 20_000 }).toBe('pres');
    await page.close();
  });

  test('"never" resolves nothing on hover; the card offers a lookup that a trusted click starts', async () => {
    await setSettings({ resolveOn: 'never' });
    const page = await openNumbersPage();
    await page.locator('#enum').scrollIntoViewIfNeeded();
    await hoverMark(page, 'enum', 2);
    await expect
      .poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 5_000 })
      .toContain('Not looked up yet');
    expect(await stateOf(page, 'enum', 2)).toBe('idle');
    const { button } = await readCard(page);
    expect(button).toBeDefined();
    await page.mouse.move(button!.x + button!.width / 2, button!.y + button!.height / 2, { steps: 4 });
    await page.mouse.click(button!.x + button!.width / 2, button!.y + button!.height / 2);
    await expect.poll(() => stateOf(page, 'enum', 2), { timeout: 20_000 }).toBe('none');
    await page.close();
  });

  test("the background's context-menu message opens the card for the selected number (keyboard path)", async () => {
    await setSettings({ resolveOn: 'never' });
    const page = await openNumbersPage();
    await page.evaluate(() => {
      const text = document.getElementById('enum')!.firstChild as Text;
      const at = text.data.indexOf('+43 1 2345679');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + '+43 1 2345679'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const worker = await ext.worker();
    await worker.evaluate(async (url) => {
      const tab =
        (await chrome.tabs.query({})).find((t) => t.url === url) ?? (await chrome.tabs.query({ active: true }))[0];
      await chrome.tabs.sendMessage(
        tab!.id!,
        { type: 'showCardForSelection', payload: { text: '+43 1 2345679' } },
        { frameId: 0 },
      );
    }, `${server.origin}/numbers.html`);
    // An explicit request resolves even with "never".
    await expect
      .poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 20_000 })
      .toContain('sip:bob@example.test');
    expect(await stateOf(page, 'enum', 1)).toBe('no-pres');
    await page.close();
  });
});
