// The one settings schema (issue 4): defaults, types, validation and migrations in one file.
// Stored in storage.local under "settings" as an object holding only what differs from the defaults;
// storage.managed may fix any key (a managed value wins). A public contract: keys are documented in the README.

export type DohMethodSetting = 'get' | 'post' | 'json';
export type ResolveOn = 'hover' | 'visible' | 'never';

export interface Settings {
  dohUrl: string;
  dohMethod: DohMethodSetting;
  suffixes: string[];
  /** Two-letter region (ISO 3166-1 alpha-2, upper case) or "" for the browser's locale. */
  defaultRegion: string;
  resolveOn: ResolveOn;
  /** Hostnames (lower case) where the content script does nothing. */
  disabledSites: string[];
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  dohUrl: 'https://cloudflare-dns.com/dns-query',
  dohMethod: 'get',
  suffixes: ['e164.arpa'],
  defaultRegion: '',
  resolveOn: 'hover',
  disabledSites: [],
});

export const SETTINGS_STORAGE_KEY = 'settings';
export const SETTINGS_VERSION = 1;

type Validator<T> = (value: unknown) => { ok: true; value: T } | { ok: false; message: string };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const DOMAIN = HOSTNAME;

const fail = (message: string) => ({ ok: false as const, message });
const pass = <T>(value: T) => ({ ok: true as const, value });

/** RFC 8484 §3: the URI template must be https. Plain http is refused: DNS queries would travel in clear. */
export const validateDohUrl: Validator<string> = (v) => {
  if (typeof v !== 'string' || v.trim() === '') return fail('Enter the URL of a DNS-over-HTTPS server.');
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    return fail(`"${v}" is not a URL.`);
  }
  if (url.protocol !== 'https:') return fail('The DoH server URL must start with https:// (RFC 8484 §3).');
  if (url.username || url.password) return fail('The DoH server URL must not contain a user name or password.');
  if (url.hash) return fail('The DoH server URL must not contain a #fragment.');
  return pass(url.href);
};

const oneOf =
  <T extends string>(allowed: readonly T[]): Validator<T> =>
  (v) =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v) ? pass(v as T) : fail(`Choose one of: ${allowed.join(', ')}.`);

const listOf =
  (what: string, pattern: RegExp, max: number, allowEmpty: boolean): Validator<string[]> =>
  (v) => {
    if (!Array.isArray(v)) return fail(`Expected a list of ${what}s.`);
    if (v.length > max) return fail(`At most ${max} ${what}s.`);
    if (!allowEmpty && v.length === 0) return fail(`Give at least one ${what}.`);
    const out: string[] = [];
    for (const item of v) {
      if (typeof item !== 'string') return fail(`Each ${what} must be text.`);
      const norm = item.trim().toLowerCase().replace(/\.$/, '');
      if (!pattern.test(norm)) return fail(`"${item}" is not a valid ${what}.`);
      if (!out.includes(norm)) out.push(norm);
    }
    return pass(out);
  };

export const SETTINGS_SCHEMA: { [K in SettingKey]: Validator<Settings[K]> } = {
  dohUrl: validateDohUrl,
  dohMethod: oneOf(['get', 'post', 'json'] as const),
  suffixes: listOf('domain', DOMAIN, 10, false),
  defaultRegion: (v) =>
    v === '' ? pass('') : typeof v === 'string' && /^[A-Za-z]{2}$/.test(v) ? pass(v.toUpperCase()) : fail('Use a two-letter region such as GB, or leave empty.'),
  resolveOn: oneOf(['hover', 'visible', 'never'] as const),
  disabledSites: listOf('hostname', HOSTNAME, 10_000, true),
};

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];

export function validateSetting<K extends SettingKey>(key: K, value: unknown): { ok: true; value: Settings[K] } | { ok: false; message: string } {
  return SETTINGS_SCHEMA[key](value) as { ok: true; value: Settings[K] } | { ok: false; message: string };
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
  if (storedVersion !== undefined && !valid) warnings.push(`Ignoring stored settings version ${String(storedVersion).slice(0, 40)}: not a whole number from 0 up.`);
  const from = valid ? Math.min(storedVersion, SETTINGS_VERSION) : 0;
  for (let v = from; v < SETTINGS_VERSION; v++) local = MIGRATIONS[v]?.(local) ?? local;
  const settings = { ...DEFAULT_SETTINGS } as Settings;
  const layers: [string, Record<string, unknown>][] = [['stored', local], ['managed', isRecord(managed) ? managed : {}]];
  for (const [origin, layer] of layers) {
    for (const key of SETTING_KEYS) {
      if (!(key in layer)) continue;
      const r = validateSetting(key, layer[key]);
      if (r.ok) (settings as unknown as Record<string, unknown>)[key] = r.value;
      else warnings.push(`Ignoring ${origin} setting ${key}: ${r.message}`);
    }
  }
  return { settings, warnings };
}

/** What to store: only the keys whose value differs from the default. */
export function diffFromDefaults(settings: Settings): Partial<Settings> & { version: number } {
  const out: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const key of SETTING_KEYS) {
    if (JSON.stringify(settings[key]) !== JSON.stringify(DEFAULT_SETTINGS[key])) out[key] = settings[key];
  }
  return out as Partial<Settings> & { version: number };
}

/** Managed keys (storage.managed) that are set: the options page shows these as locked. */
export function managedKeys(managed: unknown): SettingKey[] {
  return isRecord(managed) ? SETTING_KEYS.filter((k) => k in managed) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
