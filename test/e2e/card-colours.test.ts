// The hover card's dots in Debian's Chromium (README "Page annotations"): the lookup state's dot has the lookup
// state's colour, each live presence line's dot its presence state's colour, whatever the card's lookup state, in
// light and dark — a presence that is unknown, offline or pending is never drawn in the green of "Presence
// published". The card's own markup and style (card-view.ts, card.css) in a plain page, as in a11y.test.ts: the
// shipped card lives in a closed shadow root a test cannot read styles from.
import { Window } from 'happy-dom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildCard } from '../../src/content/card/card-view.ts';
import CARD_CSS from '../../src/content/card/card.css?inline';
import type { LookupResult } from '../../src/core/enum/types.ts';
import type { PresenceEntry } from '../../src/core/presence/entry.ts';
import { PRESENCE_STATES, type PresenceState } from '../../src/core/presence/state.ts';
import { useMessages } from '../../src/shared/i18n.ts';
import type { EnumState } from '../../src/shared/protocol.ts';
import { getMessageFrom, readLocale } from '../i18n/locales.ts';
import { CHROMIUM, launchExtension, type ExtensionBrowser } from './chromium.ts';

const GREEN = 'rgb(26, 127, 55)'; // #1a7f37
const AMBER = 'rgb(191, 135, 0)'; // #bf8700
const RED = 'rgb(207, 34, 46)'; // #cf222e
const GREY = 'rgb(140, 149, 159)'; // #8c959f
const BLUE = 'rgb(9, 105, 218)'; // #0969da

/** The colour of each presence state's dot: as the popup draws it (popup.css) and the page marks (annotations.css). */
const PRESENCE_COLOUR: Record<PresenceState, string> = {
  available: GREEN,
  busy: AMBER,
  away: AMBER,
  blocked: RED,
  offline: GREY,
  pending: GREY,
  unknown: GREY,
};
const LOOKUP_COLOUR: Partial<Record<EnumState, string>> = { pres: GREEN, 'no-pres': BLUE, pending: AMBER, error: RED };

const result: LookupResult = {
  e164: '+4312345707',
  domain: '7.0.7.5.4.3.2.1.3.4.e164.arpa',
  status: 'found',
  dnssec: true,
  ttl: 300,
  fetchedAt: 0,
  pres: PRESENCE_STATES.map((s) => `pres:${s}@example.test`),
  uris: PRESENCE_STATES.map((s) => ({
    uri: `pres:${s}@example.test`,
    enumservices: ['pres'],
    order: 10,
    preference: 10,
  })),
  rejected: [],
};
const presence: PresenceEntry[] = PRESENCE_STATES.map((state) => ({
  uri: `pres:${state}@example.test`,
  target: `sip:${state}@example.test`,
  subscribed: true,
  state,
  activities: [],
  note: null,
  changedAt: null,
}));

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
afterAll(async () => {
  await browser?.close();
});

describe('dots of the hover card', () => {
  for (const dark of [false, true]) {
    for (const state of Object.keys(LOOKUP_COLOUR) as EnumState[]) {
      test(`lookup state ${state}, ${dark ? 'dark' : 'light'}: each dot has its own state's colour`, async () => {
        useMessages(getMessageFrom(readLocale('en')));
        const doc = new Window().document as unknown as Document;
        const card = buildCard(
          doc,
          { formatted: '+43 1 2345707', state, result, offerLookup: false, now: 0, presence },
          () => {},
        );
        if (dark) card.classList.add('dark');
        card.style.position = 'static';
        const page = await browser.newPage();
        await page.setContent(
          `<!doctype html><html lang="en"><head><style>${CARD_CSS}</style></head><body>${card.outerHTML}</body></html>`,
        );
        const colours = await page.evaluate(() => {
          const bg = (el: Element | null) => (el ? getComputedStyle(el).backgroundColor : 'none');
          return {
            lookup: bg(document.querySelector('.state > .dot')),
            presence: Object.fromEntries(
              [...document.querySelectorAll('[data-presence]')].map((li) => [
                li.getAttribute('data-presence'),
                bg(li.querySelector('.dot')),
              ]),
            ),
          };
        });
        await page.close();
        expect(colours.lookup).toBe(LOOKUP_COLOUR[state]);
        expect(colours.presence).toEqual(PRESENCE_COLOUR);
      });
    }
  }
});

// The popup draws the same lines from the same rules (ui/presence.css) in page.css's palette: checked in the
// built popup page itself, light and dark.
describe('dots of the popup', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtension({ spki: inject('world').spki });
  });
  afterAll(async () => {
    await ext?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`${scheme}: each presence state in its colour, unknown, offline and pending grey`, async () => {
      const page = await ext.openPage('src/popup/index.html');
      await page.emulateMedia({ colorScheme: scheme });
      const { dots, palette } = await page.evaluate((states) => {
        const list = document.createElement('ul');
        list.className = 'live';
        document.body.append(list);
        const dots: Record<string, string> = {};
        for (const state of states) {
          const li = document.createElement('li');
          li.className = `presence presence-${state}`;
          const dot = document.createElement('span');
          dot.className = 'dot';
          li.append(dot);
          list.append(li);
          dots[state] = getComputedStyle(dot).backgroundColor;
        }
        const colour = (name: string) => {
          const probe = document.createElement('span');
          probe.style.backgroundColor = `var(${name})`;
          document.body.append(probe);
          return getComputedStyle(probe).backgroundColor;
        };
        return {
          dots,
          palette: { ok: colour('--ok'), warn: colour('--warn'), error: colour('--error'), muted: colour('--muted') },
        };
      }, PRESENCE_STATES);
      await page.close();
      expect(dots).toEqual({
        available: palette.ok,
        busy: palette.warn,
        away: palette.warn,
        blocked: palette.error,
        offline: palette.muted,
        pending: palette.muted,
        unknown: palette.muted,
      });
      expect(new Set(Object.values(palette)).size).toBe(4);
    });
  }
});
