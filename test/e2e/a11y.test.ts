// Accessibility and languages in Debian's Chromium with the built extension (README "Accessibility" and
// "Languages"): axe-core finds no WCAG 2.1 A/AA violation on the popup and the options page in light and dark,
// nor on the hover card's content in both schemes (rendered by its view module into a plain page, since the
// shipped card lives in a closed shadow root axe cannot enter); every control is reached by Tab with a visible
// focus ring; and a browser started with --lang=de shows the popup, the options page and the card in German.
import { AxeBuilder } from '@axe-core/playwright';
import { Window } from 'happy-dom';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildCard } from '../../src/content/card/card-view.ts';
import CARD_CSS from '../../src/content/card/card.css?inline';
import type { LookupResult } from '../../src/core/enum/types.ts';
import { useMessages } from '../../src/shared/i18n.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { getMessageFrom, readLocale } from '../i18n/locales.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { readMarks, type PageMark } from './page-marks.ts';

const world = inject('world');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function storeSettings(ext: ExtensionBrowser, settings: Record<string, unknown>): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((s) => chrome.storage.local.set({ settings: { version: 1, ...s } }), settings);
}

/** Tab through the page: every control it reaches shows an outline, and `expected` ids are among them. */
async function tabThrough(page: Page, expected: string[]): Promise<void> {
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      return {
        id: el.id || el.tagName.toLowerCase(),
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focus) continue;
    expect(focus.ring, `focus ring on ${focus.id}`).toBe(true);
    reached.add(focus.id);
  }
  for (const id of expected) expect([...reached], `reached by Tab: ${id}`).toContain(id);
}

describe('axe-core and keyboard, English', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtension({ spki: world.spki });
    await storeSettings(ext, { dohUrl: world.unboundDoh, defaultRegion: 'GB', suffixes: ['e164.arpa', 'e164.test'] });
  });
  afterAll(async () => {
    await ext?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`popup with a result, ${scheme}: no violations, every control reached by Tab with a focus ring`, async () => {
      const page = await ext.openPage('src/popup/index.html');
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.locator('#inspect-input').fill('020 7946 0000');
      await page.keyboard.press('Enter');
      await page.locator('#inspect-result article').waitFor({ timeout: 20_000 });
      expect(await violations(page)).toEqual([]);
      await tabThrough(page, ['inspect-input', 'clear-cache', 'open-options', 'a']);
      await page.close();
    });

    test(`options page, ${scheme}: no violations, every control reached by Tab with a focus ring`, async () => {
      const page = await ext.openPage('src/options/index.html');
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.locator('#test-provider').waitFor();
      expect(await violations(page)).toEqual([]);
      await tabThrough(page, [
        'provider-custom',
        'dohUrl',
        'dohMethod',
        'test-provider',
        'suffixes',
        'defaultRegion',
        'resolveOn-hover',
        'disabledSites',
      ]);
      await page.close();
    });
  }
});

describe('axe-core on the hover card content', () => {
  let server: PageServer;
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    server = await startPageServer();
    ext = await launchExtension({ spki: world.spki });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const result: LookupResult = {
    e164: '+4312345678',
    domain: '8.7.6.5.4.3.2.1.3.4.e164.arpa',
    status: 'found',
    dnssec: true,
    ttl: 300,
    fetchedAt: 0,
    pres: ['pres:alice@example.test'],
    uris: [
      { uri: 'pres:alice@example.test', enumservices: ['pres'], order: 10, preference: 10 },
      { uri: 'sip:alice@example.test', enumservices: ['sip'], order: 10, preference: 20 },
      { uri: 'h323:alice@example.test', enumservices: ['h323'], order: 10, preference: 30 },
    ],
    rejected: [],
  };

  for (const [scheme, background] of [
    ['light', '#ffffff'],
    ['dark', '#0d1117'],
  ] as const) {
    test(`card, ${scheme} page: no violations (found, failed with a button)`, async () => {
      useMessages(getMessageFrom(readLocale('en')));
      const doc = new Window().document as unknown as Document;
      const cards = [
        buildCard(
          doc,
          { formatted: '+43 1 2345678', state: 'pres', result, offerLookup: false, now: 60_000 },
          () => {},
        ),
        buildCard(
          doc,
          {
            formatted: '+43 1 2345679',
            state: 'error',
            error: { code: 'timeout', message: 'No answer in 5 s' },
            offerLookup: true,
            now: 0,
          },
          () => {},
        ),
      ];
      // The card's own markup and style, each card in normal flow so that axe sees both.
      const body = cards
        .map((c) => {
          if (scheme === 'dark') c.classList.add('dark');
          c.style.position = 'static';
          c.style.margin = '8px';
          return c.outerHTML;
        })
        .join('');
      server.route(
        '/card.html',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card</title><style>${CARD_CSS}</style></head>` +
          `<body style="background:${background}"><main>${body}</main></body></html>`,
      );
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}/card.html`);
      expect(await page.locator('.card').count()).toBe(2);
      expect(await violations(page)).toEqual([]);
      await page.close();
    });
  }
});

describe('German (--lang=de)', () => {
  let server: PageServer;
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    server = await startPageServer();
    server.route(
      '/de.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Call</title></head><body><p id="n">Call +43 1 2345678 today.</p></body></html>',
    );
    ext = await launchExtension({ spki: world.spki, args: ['--lang=de'] });
    await storeSettings(ext, { dohUrl: world.unboundDoh });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  test('popup and options page speak German, with German numbers', async () => {
    const popup = await ext.openPage('src/popup/index.html');
    expect(await popup.locator('label[for="inspect-input"]').textContent()).toBe('Telefonnummer nachschlagen');
    expect(await popup.locator('#clear-cache').textContent()).toBe('Cache leeren');
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    expect(await popup.evaluate(() => document.title)).toBe('ENUM Presence');
    await popup.close();
    const options = await ext.openPage('src/options/index.html');
    await options.locator('#test-provider').waitFor();
    expect(await options.locator('h1').textContent()).toBe('ENUM Presence – Einstellungen');
    expect(await options.locator('#privacy-heading').textContent()).toBe('Was Ihren Browser verlässt');
    expect(await violations(options)).toEqual([]);
    await options.close();
  });

  test('the card on an English page follows the browser: German', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/de.html`);
    // The number is marked with a CSS highlight (README "Page annotations"): move onto it like a user.
    const marks = () => page.evaluate(readMarks()) as Promise<PageMark[]>;
    await expect.poll(async () => (await marks()).length, { timeout: 15_000 }).toBe(1);
    const { x, y, width, height } = (await marks())[0]!.line;
    await page.mouse.move(Math.max(1, x - 40), y + height / 2);
    await page.mouse.move(x + width / 2, y + height / 2, { steps: 5 });
    await expect.poll(() => cardText(page), { timeout: 20_000 }).toContain('Präsenz veröffentlicht');
    expect(await cardText(page)).toContain('DNSSEC geprüft');
    await page.close();
  });
});

/** The text of the hover card, read through CDP (its shadow root is closed to the page). */
async function cardText(page: Page): Promise<string> {
  type Node = {
    nodeType: number;
    nodeName: string;
    nodeValue?: string;
    children?: Node[];
    shadowRoots?: (Node & { shadowRootType?: string })[];
  };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const texts: string[] = [];
    const collect = (n: Node) => {
      if (n.nodeName === 'STYLE') return;
      if (n.nodeType === 3 && n.nodeValue?.trim()) texts.push(n.nodeValue.trim());
      for (const c of n.children ?? []) collect(c);
    };
    const walk = (n: Node) => {
      for (const sr of n.shadowRoots ?? []) if (sr.shadowRootType === 'closed') collect(sr);
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    return texts.join(' | ');
  } finally {
    await cdp.detach();
  }
}
