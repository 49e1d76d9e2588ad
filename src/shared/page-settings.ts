// The part of the settings schema (settings.ts) that the content script reads: what it does on a page. Their
// defaults and rules are written here once; settings.ts composes them into the whole schema. The content script
// parses only these (PAGE_SETTINGS), so its bundle carries no provider or SIP rule (README "How it is built").
import { fail, listOf, oneOf, readerOf, type SchemaOf } from './settings-parse.ts';
import { ok } from '../core/result.ts';
import { isPhoneRegion } from './phone-regions.ts';

export type ResolveOn = 'hover' | 'visible' | 'never';
export const PRESENCE_MODES = ['off', 'sip'] as const;
export type PresenceMode = (typeof PRESENCE_MODES)[number];

export interface PageSettings {
  /**
   * Two-letter region (ISO 3166-1 alpha-2, upper case) that libphonenumber-js has a numbering plan for (not UK,
   * which is GB), or "" for the browser's locale.
   */
  defaultRegion: string;
  resolveOn: ResolveOn;
  /** Hostnames (lower case) where the content script does nothing. */
  disabledSites: string[];
  /** Live presence: "off", or "sip" (SUBSCRIBE through the user's SIP server over WebSocket). */
  presence: PresenceMode;
}

export const DEFAULT_PAGE_SETTINGS: Readonly<PageSettings> = Object.freeze({
  defaultRegion: '',
  resolveOn: 'hover',
  disabledSites: [],
  presence: 'off',
});

export const PAGE_SETTINGS_SCHEMA: SchemaOf<PageSettings> = {
  defaultRegion: (v) => {
    if (v === '') return ok('');
    if (typeof v !== 'string' || !/^[A-Za-z]{2}$/.test(v))
      return fail('bad-region', 'Use a two-letter region such as GB, or leave empty.');
    const region = v.toUpperCase();
    // A region without a numbering plan (UK, ZZ) would leave every number without a country to parse it in.
    return isPhoneRegion(region)
      ? ok(region)
      : fail(
          'unknown-region',
          `${region} is not a region with phone numbers; use one such as GB (not UK), or leave empty.`,
          region,
        );
  },
  resolveOn: oneOf(['hover', 'visible', 'never'] as const),
  disabledSites: listOf('hostname', 10_000, true),
  presence: oneOf(PRESENCE_MODES),
};

/** The content script's settings: these keys only, parsed and layered as settings.ts parses all of them. */
export const PAGE_SETTINGS = readerOf(PAGE_SETTINGS_SCHEMA, DEFAULT_PAGE_SETTINGS);
