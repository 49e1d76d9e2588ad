// How stored settings become values, for any part of the one settings schema (settings.ts composes the whole;
// page-settings.ts holds the part the content script reads, so its bundle carries no other rule: README "How it
// is built"). Stored in storage.local under "settings" as an object holding only what differs from the defaults;
// storage.managed may fix any key (a managed value wins). A public contract: README "Settings".
import { parseHostName } from '../core/dns/name.ts';
import { isRecord } from '../core/guards.ts';
import { ok, refuse, type ReasonedError, type Result } from '../core/result.ts';
import type { SettingErrorCode } from './protocol.ts';

export const SETTINGS_STORAGE_KEY = 'settings';
export const SETTINGS_VERSION = 1;

/**
 * A setting's value refused: why, as a stable `reason` and the values its words need (`params`: the value given,
 * a limit), which the options page shows next to its field in the user's language (shared/display.ts
 * errorWords); `message` is the same in English, for the logs.
 */
export type SettingError = ReasonedError<'invalid-setting', SettingErrorCode>;
export type Validator<T> = (value: unknown) => Result<T, SettingError>;
/** One validator per key of `S`. */
export type SchemaOf<S> = { [K in keyof S]: Validator<S[K]> };

export const fail = (reason: SettingErrorCode, message: string, ...params: string[]) =>
  refuse('invalid-setting', reason, message, ...params);

export const oneOf =
  <T extends string>(allowed: readonly T[]): Validator<T> =>
  (v) =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v)
      ? ok(v as T)
      : fail('not-a-choice', `Choose one of: ${allowed.join(', ')}.`, allowed.join(', '));

export const listOf =
  (what: 'domain' | 'hostname', max: number, allowEmpty: boolean): Validator<string[]> =>
  (v) => {
    if (!Array.isArray(v)) return fail('not-a-list', `Expected a list of ${what}s.`);
    if (v.length > max) return fail(`too-many-${what}s`, `At most ${max} ${what}s.`, String(max));
    if (!allowEmpty && v.length === 0) return fail(`no-${what}`, `Give at least one ${what}.`);
    const out: string[] = [];
    for (const item of v) {
      if (typeof item !== 'string') return fail('item-not-text', `Each ${what} must be text.`);
      // The one domain rule (core/dns/name.ts) for suffixes and sites alike.
      const name = parseHostName(item);
      if (!name.ok) return fail(`bad-${what}`, `"${item}" is not a valid ${what}.`, item);
      if (!out.includes(name.value)) out.push(name.value);
    }
    return ok(out);
  };

/** Migrations from older stored shapes, keyed by the version they upgrade from. */
const MIGRATIONS: Record<number, (stored: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 0 (unversioned) had nothing to rename; kept as the template for the next change.
  0: (stored) => stored,
};

export interface ParsedSettings<S> {
  settings: S;
  /** One message per stored value that was invalid and fell back to its default. */
  warnings: string[];
}

/** The keys of `schema` that managed storage sets: shown as locked. */
export const lockedKeys = <S>(schema: SchemaOf<S>, managed: unknown): (keyof S)[] =>
  isRecord(managed) ? (Object.keys(schema) as (keyof S)[]).filter((k) => (k as string) in managed) : [];

/** Merge stored overrides (and managed values, which win) over the defaults, key by key of `schema`. */
export function parseLayers<S extends object>(
  schema: SchemaOf<S>,
  defaults: Readonly<S>,
  stored: unknown,
  managed: unknown,
): ParsedSettings<S> {
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
  const settings = { ...defaults } as Record<string, unknown>;
  const validators = schema as Record<string, Validator<unknown>>;
  const layers: [string, Record<string, unknown>][] = [
    ['stored', local],
    ['managed', isRecord(managed) ? managed : {}],
  ];
  for (const [origin, layer] of layers) {
    for (const key of Object.keys(validators)) {
      if (!(key in layer)) continue;
      const r = validators[key]!(layer[key]);
      if (r.ok) settings[key] = r.value;
      else warnings.push(`Ignoring ${origin} setting ${key}: ${r.error.message}`);
    }
  }
  return { settings: settings as S, warnings };
}

/** What a context needs to read its settings from storage (platform/any-api.ts): the whole schema or a part. */
export interface SettingsReader<S> {
  parse(stored: unknown, managed: unknown): ParsedSettings<S>;
  locked(managed: unknown): (keyof S)[];
}

export const readerOf = <S extends object>(schema: SchemaOf<S>, defaults: Readonly<S>): SettingsReader<S> => ({
  parse: (stored, managed) => parseLayers(schema, defaults, stored, managed),
  locked: (managed) => lockedKeys(schema, managed),
});
