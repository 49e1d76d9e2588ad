// The one settings schema: defaults, types, validation and migrations in one file.
// Stored in storage.local under "settings" as an object holding only what differs from the defaults;
// storage.managed may fix any key (a managed value wins). A public contract: README "Settings".
import { parseHostName } from '../core/dns/name.ts';
import { DEFAULT_DOH_URL, DOH_METHODS, validateDohUrl, type DohMethod } from '../core/doh/provider.ts';
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import { isRecord } from '../core/guards.ts';
import {
  defaultSipUsername,
  validateSipAddress,
  validateSipServer,
  validateSipUsername,
} from '../core/presence/account.ts';
import { err, ok, type CoreError, type Result } from '../core/result.ts';

export type ResolveOn = 'hover' | 'visible' | 'never';
export const PRESENCE_MODES = ['off', 'sip'] as const;
export type PresenceMode = (typeof PRESENCE_MODES)[number];

export interface Settings {
  dohUrl: string;
  dohMethod: DohMethod;
  suffixes: string[];
  /** Two-letter region (ISO 3166-1 alpha-2, upper case) or "" for the browser's locale. */
  defaultRegion: string;
  resolveOn: ResolveOn;
  /** Hostnames (lower case) where the content script does nothing. */
  disabledSites: string[];
  /** Live presence: "off", or "sip" (SUBSCRIBE through the user's SIP server over WebSocket). */
  presence: PresenceMode;
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
  defaultRegion: '',
  resolveOn: 'hover',
  disabledSites: [],
  presence: 'off',
  sipServer: '',
  sipAddress: '',
  sipUsername: '',
});

export const SETTINGS_STORAGE_KEY = 'settings';
export const SETTINGS_VERSION = 1;
/**
 * The SIP password's own storage.local key: never part of `settings`, so never managed, exported, logged or
 * sent to a page; the options page writes it and never reads it back.
 */
export const SIP_PASSWORD_STORAGE_KEY = 'sipPassword';

/** A setting's value refused, with the reason shown next to its field. */
export type SettingError = CoreError<'invalid-setting'>;
type Validator<T> = (value: unknown) => Result<T, SettingError>;

const fail = (message: string) => err('invalid-setting', message);

/** RFC 8484 §3 and the rest of the one provider-URL rule (core/doh/provider.ts), as a setting. */
const dohUrl: Validator<string> = (v) => {
  const url = validateDohUrl(v);
  return url.ok ? url : fail(url.error.message);
};

const oneOf =
  <T extends string>(allowed: readonly T[]): Validator<T> =>
  (v) =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v)
      ? ok(v as T)
      : fail(`Choose one of: ${allowed.join(', ')}.`);

const listOf =
  (what: string, max: number, allowEmpty: boolean): Validator<string[]> =>
  (v) => {
    if (!Array.isArray(v)) return fail(`Expected a list of ${what}s.`);
    if (v.length > max) return fail(`At most ${max} ${what}s.`);
    if (!allowEmpty && v.length === 0) return fail(`Give at least one ${what}.`);
    const out: string[] = [];
    for (const item of v) {
      if (typeof item !== 'string') return fail(`Each ${what} must be text.`);
      // The one domain rule (core/dns/name.ts) for suffixes and sites alike.
      const name = parseHostName(item);
      if (!name.ok) return fail(`"${item}" is not a valid ${what}.`);
      if (!out.includes(name.value)) out.push(name.value);
    }
    return ok(out);
  };

/** "" (not set) or a value `rule` accepts; the rule's message is the setting's. */
const emptyOr =
  (rule: (v: string) => Result<string>): Validator<string> =>
  (v) => {
    if (v === '') return ok('');
    if (typeof v !== 'string') return fail('Expected text.');
    const r = rule(v);
    return r.ok ? r : fail(r.error.message);
  };

export const SETTINGS_SCHEMA: { [K in SettingKey]: Validator<Settings[K]> } = {
  dohUrl,
  dohMethod: oneOf(DOH_METHODS),
  suffixes: listOf('domain', 10, false),
  defaultRegion: (v) =>
    v === ''
      ? ok('')
      : typeof v === 'string' && /^[A-Za-z]{2}$/.test(v)
        ? ok(v.toUpperCase())
        : fail('Use a two-letter region such as GB, or leave empty.'),
  resolveOn: oneOf(['hover', 'visible', 'never'] as const),
  disabledSites: listOf('hostname', 10_000, true),
  presence: oneOf(PRESENCE_MODES),
  // The rules shared with the CLI's --sip-* flags (core/presence/account.ts).
  sipServer: emptyOr(validateSipServer),
  sipAddress: emptyOr(validateSipAddress),
  sipUsername: emptyOr(validateSipUsername),
};

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

/** Migrations from older stored shapes, keyed by the version they upgrade from. */
const MIGRATIONS: Record<number, (stored: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 0 (unversioned) had nothing to rename; kept as the template for the next change.
  0: (stored) => stored,
};

export interface ParsedSettings {
  settings: Settings;
  /** One message per stored value that was invalid and fell back to its default. */
  warnings: string[];
}

/** Merge stored overrides (and managed values, which win) over the defaults, field by field. */
export function parseSettings(stored: unknown, managed: unknown = {}): ParsedSettings {
  const warnings: string[] = [];
  let local: Record<string, unknown> = isRecord(stored) ? { ...stored } : {};
  if (stored !== undefined && !isRecord(stored)) warnings.push('Stored settings were not an object; using defaults.');
  // Only a whole number from 0 up is a version (a later one than ours needs no migration); anything else falls
  // back to 0 like any invalid value. The loop below must end: `v++` cannot move -1e300 or 2^53 (README "Settings").
  const storedVersion = local.version;
  const valid = typeof storedVersion === 'number' && Number.isSafeInteger(storedVersion) && storedVersion >= 0;
  if (storedVersion !== undefined && !valid)
    warnings.push(
      `Ignoring stored settings version ${String(storedVersion).slice(0, 40)}: not a whole number from 0 up.`,
    );
  const from = valid ? Math.min(storedVersion, SETTINGS_VERSION) : 0;
  for (let v = from; v < SETTINGS_VERSION; v++) local = MIGRATIONS[v]?.(local) ?? local;
  const settings = { ...DEFAULT_SETTINGS } as Settings;
  const layers: [string, Record<string, unknown>][] = [
    ['stored', local],
    ['managed', isRecord(managed) ? managed : {}],
  ];
  for (const [origin, layer] of layers) {
    for (const key of SETTING_KEYS) {
      if (!(key in layer)) continue;
      const r = validateSetting(key, layer[key]);
      if (r.ok) (settings as unknown as Record<string, unknown>)[key] = r.value;
      else warnings.push(`Ignoring ${origin} setting ${key}: ${r.error.message}`);
    }
  }
  return { settings, warnings };
}

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
export function managedKeys(managed: unknown): SettingKey[] {
  return isRecord(managed) ? SETTING_KEYS.filter((k) => k in managed) : [];
}
