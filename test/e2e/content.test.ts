// The content script in Debian's Chromium with the built extension (README "Tests and benchmarks"):
// detection in several languages, where-not rules, opt-out, dynamic content, shadow DOM, frames, tel: links,
// layout compared with a browser without the extension, synthetic events, the hover card against the
// loopback DNS world, and switching the site off. Pages come from a loopback HTTP server (test/fixtures/pages).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, launchExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { readQueryLog } from '../world/query-log.ts';

const world = inject('world');
let ext: ExtensionBrowser;
let plain: Browser;
let server: PageServer;

async function setSettings(settings: Record<string, unknown>): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((s) => chrome.storage.local.set({ settings: { version: 1, ...s } }), { dohUrl: world.unboundDoh, ...settings });
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

type Annotated = { where: string; tag: string; text: string; e164: string; state: string };

/** Annotated elements of a document or shadow root, with the id of their nearest identified ancestor. */
const annotatedIn = (page: Page, selector?: string) =>
  page.evaluate((sel) => {
    const root: ParentNode = sel ? document.querySelector(sel)!.shadowRoot! : document;
    return [...root.querySelectorAll('[data-enum-e164]')].map((el) => ({
      where: el.closest('[id]')?.id ?? '',
      tag: el.tagName.toLowerCase(),
      text: el.textContent ?? '',
      e164: el.getAttribute('data-enum-e164') ?? '',
      state: el.getAttribute('data-enum-state') ?? '',
    }));
  }, selector) as Promise<Annotated[]>;

async function openNumbersPage(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/numbers.html`);
  await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 15_000 }).toBe(18);
  return page;
}

describe('detection and annotation', () => {
  test('national and international numbers in several languages; no false positives, no editable fields', async () => {
    const page = await openNumbersPage();
    const found = (await annotatedIn(page)).map((a) => `${a.where}|${a.tag}|${a.text}|${a.e164}|${a.state}`);
    expect(found).toEqual([
      'de|enumnumber|030 1234567|+49301234567|idle',
      'de|enumnumber|+49 30 7654321|+49307654321|idle',
      'de|enumnumber|0171 2345678|+491712345678|idle',
      'gb|enumnumber|020 7946 0018|+442079460018|idle',
      'gb|enumnumber|+44 20 7946 0019|+442079460019|idle',
      'fr|enumnumber|01 42 68 53 00|+33142685300|idle',
      'ja|enumnumber|03-5555-1234|+81355551234|idle',
      'fullwidth|enumnumber|＋1 (650) 253-0000|+16502530000|idle',
      'neighbours|enumnumber|07911 123456|+447911123456|idle',
      'styled|enumnumber|030 2345678|+49302345678|idle',
      'flex|enumnumber|0800 3301000|+498003301000|idle',
      'cell|enumnumber|030 3456789|+49303456789|idle',
      'ellipsis|enumnumber|030 4567890|+49304567890|idle',
      // tel: links carry the attributes themselves; the link text is not wrapped a second time.
      'tel|a|030 111222|+4930111222|idle',
      'tel|a|Zentrale anrufen|+4930999888|idle',
      'enum|enumnumber|+43 1 2345678|+4312345678|idle',
      'enum|enumnumber|+43 1 2345679|+4312345679|idle',
      'enum|enumnumber|+43 1 2345676|+4312345676|idle',
    ]);
    expect(await page.title()).toBe('Kontakt 030 1234567');
    expect(await page.locator('#input').inputValue()).toBe('030 1234567');
    expect(await page.locator('#textarea').inputValue()).toBe('030 1234567');
    expect(await page.evaluate(() => document.getElementById('editable')!.innerHTML)).toBe('030 1234567');
    await page.close();
  });

  test('open shadow roots, a same-origin frame and an about:blank frame', async () => {
    const page = await openNumbersPage();
    await expect.poll(async () => (await annotatedIn(page, '#shadow-host')).map((a) => a.e164), { timeout: 10_000 }).toEqual(['+49305678901']);
    const same = page.frames().find((f) => f.url().endsWith('/frame.html'))!;
    await expect.poll(() => same.evaluate(() => [...document.querySelectorAll('[data-enum-e164]')].map((e) => e.getAttribute('data-enum-e164')))).toEqual(['+49307890123']);
    const blank = page.frameLocator('#blank');
    await expect.poll(() => blank.locator('[data-enum-e164]').evaluateAll((els) => els.map((e) => e.getAttribute('data-enum-e164')))).toEqual(['+49306789012']);
    await page.close();
  });

  test('the page opting out with format-detection telephone=no is left alone', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/opt-out.html`);
    await page.waitForTimeout(1500);
    expect(await annotatedIn(page)).toEqual([]);
    await page.close();
  });

  test('inserted content and changed text are annotated; own changes cause no rescans', async () => {
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
    await expect.poll(async () => (await annotatedIn(page)).filter((a) => a.where === 'live').map((a) => a.e164)).toEqual(['+49302223334', '+49405556667']);
    // The page rewrites the text node of an already annotated number: the old number goes, the new one comes.
    await page.evaluate(() => {
      (document.getElementById('static')!.firstChild as Text).data = 'Zentrale neu: 030 9998887';
    });
    await expect.poll(async () => (await annotatedIn(page)).filter((a) => a.where === 'static').map((a) => a.text)).toEqual(['030 9998887']);
    expect(await page.locator('#static').textContent()).toBe('Zentrale neu: 030 9998887');
    await page.close();
  });
});

/** Boxes of every page element (not our wrappers) and the page text, for comparing with a plain browser. */
const pageGeometry = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('body *')]
      .filter((el) => el.tagName !== 'ENUMNUMBER')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName}#${el.id} ${r.x.toFixed(2)},${r.y.toFixed(2)} ${r.width.toFixed(2)}x${r.height.toFixed(2)}`;
      });
    return { boxes, text: document.body.textContent, innerText: document.body.innerText };
  });

describe('the page stays as it was', () => {
  test('zero layout shift and byte-identical text compared with a browser without the extension', async () => {
    const reference = await plain.newPage({ viewport: { width: 1000, height: 800 } });
    await reference.goto(`${server.origin}/numbers.html`);
    const page = await openNumbersPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    const [a, b] = [await pageGeometry(reference), await pageGeometry(page)];
    expect(b.text).toBe(a.text);
    expect(b.innerText).toBe(a.innerText);
    expect(b.boxes).toEqual(a.boxes);
    // Every wrapper sits exactly on the text it wraps (inline, no padding or border of its own).
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('enumnumber')].every((el) => getComputedStyle(el).display === 'inline' && getComputedStyle(el).paddingLeft === '0px'),
    );
    expect(inline).toBe(true);
    await reference.close();
    await page.close();
  });

  test('switching the site off restores the original DOM; switching it on annotates again', async () => {
    const reference = await plain.newPage();
    await reference.goto(`${server.origin}/numbers.html`);
    const original = await reference.evaluate(() => document.body.innerHTML);
    const page = await openNumbersPage();
    expect(await page.evaluate(() => document.body.innerHTML)).not.toBe(original);
    await setSettings({ disabledSites: ['127.0.0.1'] });
    await expect.poll(() => page.evaluate(() => document.body.innerHTML), { timeout: 10_000 }).toBe(original);
    expect(await page.evaluate(() => document.getElementById('shadow-host')!.shadowRoot!.innerHTML)).toBe('<p>Im Schatten: 030 5678901</p>');
    await setSettings({});
    await expect.poll(async () => (await annotatedIn(page)).length, { timeout: 10_000 }).toBe(18);
    await reference.close();
    await page.close();
  });
});

type CdpNode = { nodeId: number; nodeType: number; nodeValue?: string; nodeName: string; attributes?: string[]; children?: CdpNode[]; shadowRoots?: (CdpNode & { shadowRootType?: string })[] };

/** The hover card, read through CDP (its shadow root is closed to the page): its texts and its box. */
type Box = { x: number; y: number; width: number; height: number };
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
      if (!card && n.attributes?.includes('class') && /\bcard\b/.test(n.attributes[n.attributes.indexOf('class') + 1] ?? '')) card = n;
      for (const c of n.children ?? []) collect(c);
    };
    const walk = (n: CdpNode) => {
      for (const sr of n.shadowRoots ?? []) if (sr.shadowRootType === 'closed') collect(sr);
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    if (!card) return { texts };
    const boxOf = async (n: CdpNode): Promise<Box> => {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: n.nodeId })) as { model: { border: number[]; width: number; height: number } };
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
      const el = document.querySelector('#enum enumnumber')!;
      for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove']) {
        el.dispatchEvent(new PointerEvent(type, { bubbles: type.endsWith('over') || type === 'mousemove', pointerType: 'mouse' }));
      }
      el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
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
    const aliceQueries = async () => (await readQueryLog(world)).filter((n) => n.startsWith('8.7.6.5.4.3.2.1.3.4.')).length;
    const before = await aliceQueries();
    const page = await openNumbersPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForTimeout(500);
    expect(await aliceQueries()).toBe(before);
    const number = page.locator('#enum enumnumber').first();
    await number.scrollIntoViewIfNeeded();
    await number.hover();
    await expect.poll(() => number.getAttribute('data-enum-state'), { timeout: 20_000 }).toBe('pres');
    await expect.poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 5_000 }).toContain('pres:alice@example.test');
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
    const numberBox = (await number.boundingBox())!;
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
    expect((await annotatedIn(page)).filter((a) => a.e164 !== '+4312345678').every((a) => a.state === 'idle')).toBe(true);
    await page.close();
  });

  test('a small viewport: the card fits and still leaves the number uncovered', async () => {
    const page = await openNumbersPage();
    await page.setViewportSize({ width: 320, height: 480 });
    const number = page.locator('#enum enumnumber').nth(1);
    await number.scrollIntoViewIfNeeded();
    await number.hover();
    await expect.poll(() => number.getAttribute('data-enum-state'), { timeout: 20_000 }).toBe('no-pres');
    await expect.poll(async () => (await readCard(page)).texts.join(' | ')).toContain('sip:bob@example.test');
    const card = await readCard(page);
    const box = (await number.boundingBox())!;
    expect(overlaps(card.box!, box)).toBe(false);
    expect(card.box!.x).toBeGreaterThanOrEqual(0);
    expect(card.box!.x + card.box!.width).toBeLessThanOrEqual(320);
    expect(card.texts.join(' | ')).toContain('ENUM records, no presence');
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
    await expect.poll(async () => (await annotatedIn(page)).find((a) => a.where === 'de')?.state, { timeout: 20_000 }).not.toBe('idle');
    expect((await annotatedIn(page)).filter((a) => a.where === 'enum').map((a) => a.state)).toEqual(['idle', 'idle', 'idle']);
    await page.locator('#enum').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await annotatedIn(page)).find((a) => a.e164 === '+4312345678')?.state, { timeout: 20_000 }).toBe('pres');
    await page.close();
  });

  test('"never" resolves nothing on hover; the card offers a lookup that a trusted click starts', async () => {
    await setSettings({ resolveOn: 'never' });
    const page = await openNumbersPage();
    const number = page.locator('#enum enumnumber').nth(2);
    await number.scrollIntoViewIfNeeded();
    await number.hover();
    await expect.poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 5_000 }).toContain('Not looked up yet');
    expect(await number.getAttribute('data-enum-state')).toBe('idle');
    const { button } = await readCard(page);
    expect(button).toBeDefined();
    await page.mouse.move(button!.x + button!.width / 2, button!.y + button!.height / 2, { steps: 4 });
    await page.mouse.click(button!.x + button!.width / 2, button!.y + button!.height / 2);
    await expect.poll(() => number.getAttribute('data-enum-state'), { timeout: 20_000 }).toBe('none');
    await page.close();
  });

  test('the background\'s context-menu message opens the card for the selected number (keyboard path)', async () => {
    await setSettings({ resolveOn: 'never' });
    const page = await openNumbersPage();
    await page.evaluate(() => {
      const el = document.querySelectorAll('#enum enumnumber')[1]!;
      const range = document.createRange();
      range.selectNodeContents(el);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const worker = await ext.worker();
    await worker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url) ?? (await chrome.tabs.query({ active: true }))[0];
      await chrome.tabs.sendMessage(tab!.id!, { type: 'showCardForSelection', payload: { text: '+43 1 2345679' } }, { frameId: 0 });
    }, `${server.origin}/numbers.html`);
    // An explicit request resolves even with "never".
    await expect.poll(async () => (await readCard(page)).texts.join(' | '), { timeout: 20_000 }).toContain('sip:bob@example.test');
    expect(await page.locator('#enum enumnumber').nth(1).getAttribute('data-enum-state')).toBe('no-pres');
    await page.close();
  });
});
