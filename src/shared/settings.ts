// The one settings schema: defaults, types and validation of every key, composed here from the page part
// (page-settings.ts: what the content script reads) and the rest; storage, layering and migrations in
// settings-parse.ts. Stored in storage.local under "settings" as an object holding only what differs from the
// defaults; storage.managed may fix any key (a managed value wins). A public contract: README "Settings".
import { DEFAULT_DOH_URL, DOH_METHODS, validateDohUrl, type DohMethod } from '../core/doh/provider.ts';
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import {
  defaultSipUsername,
  validateSipAddress,
  validateSipServer,
  validateSipUsername,
  type SipAccountError,
} from '../core/presence/account.ts';
import { ok, type Result } from '../core/result.ts';
import { DEFAULT_PAGE_SETTINGS, PAGE_SETTINGS_SCHEMA, type PageSettings } from './page-settings.ts';
import {
  fail,
  listOf,
  oneOf,
  readerOf,
  SETTINGS_VERSION,
  type ParsedSettings,
  type SchemaOf,
  type SettingError,
  type Validator,
} from './settings-parse.ts';

export { PRESENCE_MODES, type PresenceMode, type ResolveOn } from './page-settings.ts';
export { SETTINGS_STORAGE_KEY, SETTINGS_VERSION, type ParsedSettings, type SettingError } from './settings-parse.ts';

export interface Settings extends PageSettings {
  dohUrl: string;
  dohMethod: DohMethod;
  suffixes: string[];
  /** The SIP WebSocket server, wss:// (ws:// only on loopback); "" until set. */
  sipServer: string;
  /** The user's SIP address of record, sip:user@domain; "" until set. */
  sipAddress: string;
  /** The digest username; "" means the user part of sipAddress (sipUsernameOf). */
  sipUsername: string;
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  dohUrl: DEFAULT_DOH_URL,
  dohMethod: 'get',
  suffixes: [DEFAULT_SUFFIX],
  ...DEFAULT_PAGE_SETTINGS,
  sipServer: '',
  sipAddress: '',
  sipUsername: '',
});

/**
 * The SIP password's own storage.local key: never part of `settings`, so never managed, exported, logged or
 * sent to a page; the options page writes it and never reads it back.
 */
export const SIP_PASSWORD_STORAGE_KEY = 'sipPassword';

/** RFC 8484 §3 and the rest of the one provider-URL rule (core/doh/provider.ts), as a setting. */
const dohUrl: Validator<string> = (v) => {
  const url = validateDohUrl(v);
  return url.ok ? url : fail(url.error.reason, url.error.message, ...url.error.params);
};

/** "" (not set) or a value `rule` accepts; the rule's reason and message are the setting's. */
const emptyOr =
  (rule: (v: string) => Result<string, SipAccountError>): Validator<string> =>
  (v) => {
    if (v === '') return ok('');
    if (typeof v !== 'string') return fail('not-text', 'Expected text.');
    const r = rule(v);
    return r.ok ? r : fail(r.error.reason, r.error.message, ...r.error.params);
  };

export const SETTINGS_SCHEMA: SchemaOf<Settings> = {
  dohUrl,
  dohMethod: oneOf(DOH_METHODS),
  suffixes: listOf('domain', 10, false),
  ...PAGE_SETTINGS_SCHEMA,
  // The rules shared with the CLI's --sip-* flags (core/presence/account.ts).
  sipServer: emptyOr(validateSipServer),
  sipAddress: emptyOr(validateSipAddress),
  sipUsername: emptyOr(validateSipUsername),
};

/** Every key, for the extension pages and the background (platform/storage.ts). */
export const SETTINGS = readerOf(SETTINGS_SCHEMA, DEFAULT_SETTINGS);

/** The username to authenticate with: sipUsername, else the user part of sipAddress. */
export const sipUsernameOf = (s: Pick<Settings, 'sipUsername' | 'sipAddress'>): string =>
  s.sipUsername || defaultSipUsername(s.sipAddress);

/** Whether live presence is on and has what it needs to connect (a password aside). */
export const presenceConfigured = (s: Settings): boolean =>
  s.presence === 'sip' && s.sipServer !== '' && s.sipAddress !== '';

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];

export function validateSetting<K extends SettingKey>(key: K, value: unknown): Result<Settings[K], SettingError> {
  return SETTINGS_SCHEMA[key](value) as Result<Settings[K], SettingError>;
}

/** Merge stored overrides (and managed values, which win) over the defaults, field by field. */
export const parseSettings = (stored: unknown, managed: unknown = {}): ParsedSettings<Settings> =>
  SETTINGS.parse(stored, managed);

/** Whether two values of one setting are the same (lists compared item by item, in order). */
export function sameValue<K extends SettingKey>(a: Settings[K], b: Settings[K]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** What to store: only the keys whose value differs from the default. */
export function diffFromDefaults(settings: Settings): Partial<Settings> & { version: number } {
  const out: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const key of SETTING_KEYS) {
    if (!sameValue(settings[key], DEFAULT_SETTINGS[key])) out[key] = settings[key];
  }
  return out as Partial<Settings> & { version: number };
}

/** Managed keys (storage.managed) that are set: the options page shows these as locked. */
export const managedKeys = (managed: unknown): SettingKey[] => SETTINGS.locked(managed);
