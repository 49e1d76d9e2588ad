// The locales under public/_locales: every language has exactly the English keys, each message the same
// placeholders as its English one, and every key is used by the code (README "Languages").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PRESENCE_ERROR_CODES,
  PROTOCOL_ERROR_CODES,
  NUMBER_ERROR_CODES,
  REJECTION_CODES,
  SETTING_ERROR_CODES,
  type EnumState,
} from '../../src/shared/protocol.ts';
import { PRESENCE_STATES } from '../../src/core/presence/state.ts';
import { RPID_ACTIVITIES } from '../../src/core/presence/rpid.ts';
import { activityLabel, activityMessageKey } from '../../src/shared/presence-display.ts';
import { describeResult } from '../../src/shared/display.ts';
import { plural, t, useMessages } from '../../src/shared/i18n.ts';
import { getMessageFrom, localeNames, readLocale, type Message } from './locales.ts';

const ROOT = join(import.meta.dirname, '../..');
const en = readLocale('en');
/** Every state (a compile error when one is missing here): each has its message state_<state>. */
const STATES: Record<EnumState, true> = {
  idle: true,
  pending: true,
  pres: true,
  'no-pres': true,
  none: true,
  error: true,
};
const ENUM_STATES = Object.keys(STATES);

/** Placeholder names used in the message text, and the defined ones with their content ($1…). */
function placeholders(m: Message): { used: string[]; defined: string[] } {
  const used = [...new Set([...m.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((x) => x[1]!.toLowerCase()))].sort();
  const defined = Object.entries(m.placeholders ?? {})
    .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
    .sort();
  return { used, defined };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

describe('locales', () => {
  it('are the languages the README lists', () => {
    expect(localeNames()).toEqual(['de', 'en', 'es', 'fr', 'ja']);
  });

  for (const lang of localeNames()) {
    it(`${lang}: the same keys as English, each with English's placeholders, none empty`, () => {
      const messages = readLocale(lang);
      const keys = Object.keys(messages);
      expect(
        keys.filter((k) => !(k in en)),
        `keys English does not have`,
      ).toEqual([]);
      expect(
        Object.keys(en).filter((k) => !(k in messages)),
        `keys missing`,
      ).toEqual([]);
      for (const [key, m] of Object.entries(messages)) {
        expect(key, 'message names: letters, digits, _ and @ only').toMatch(/^[A-Za-z0-9_@]+$/);
        expect(m.message.trim(), key).not.toBe('');
        if (key === 'locale') expect(m.message, "locale: the folder's language").toBe(lang);
        const mine = placeholders(m);
        expect(mine, key).toEqual(placeholders(en[key]!));
        expect(mine.used, `${key}: every placeholder defined and used`).toEqual(
          mine.defined.map((d) => d.split('=')[0]),
        );
      }
    });
  }

  it('each RFC 4480 activity has its own words in every language, not the English ones', () => {
    const keys = RPID_ACTIVITIES.map(activityMessageKey);
    expect(new Set(keys).size).toBe(RPID_ACTIVITIES.length);
    for (const key of keys) expect(en[key]?.message.trim(), key).toBeTruthy();
    for (const lang of localeNames().filter((l) => l !== 'en')) {
      const messages = readLocale(lang);
      expect(
        keys.filter((k) => messages[k]?.message === en[k]?.message),
        `${lang}: activities left in English`,
      ).toEqual([]);
    }
  });

  it('has no unused key: each is named in the code (or is an error code, the reason a setting or a record is refused, a lookup or presence state, an activity, a plural form or a manifest field)', () => {
    const code = [...sourceFiles(join(ROOT, 'src')), readFileSync(join(ROOT, 'manifest.config.ts'), 'utf8')].join('\n');
    const errorKeys = new Set([
      ...[...PROTOCOL_ERROR_CODES, ...PRESENCE_ERROR_CODES].map((c) => `error_${c.replace(/-/g, '_')}`),
      ...SETTING_ERROR_CODES.map((c) => `setting_${c.replace(/-/g, '_')}`),
      ...NUMBER_ERROR_CODES.map((c) => c.replace(/-/g, '_')),
      ...REJECTION_CODES.map((c) => `rejection_${c.replace(/-/g, '_')}`),
      ...ENUM_STATES.map((s) => `state_${s.replace(/-/g, '_')}`),
      ...PRESENCE_STATES.map((s) => `presence_${s}`),
      ...RPID_ACTIVITIES.map(activityMessageKey),
    ]);
    const used = (key: string): boolean => {
      if (errorKeys.has(key) || code.includes(`__MSG_${key}__`)) return true;
      const quoted = (name: string) => code.includes(`'${name}'`) || code.includes(`\`${name}\``);
      const pluralBase = /^(.+)_(zero|one|two|few|many|other)$/.exec(key)?.[1];
      return quoted(key) || (pluralBase !== undefined && new RegExp(`plural\\('${pluralBase}'`).test(code));
    };
    expect(Object.keys(en).filter((k) => !used(k))).toEqual([]);
    // And each error code and state has its message (the compile-time checks in shared/display.ts say the same).
    expect([...errorKeys].filter((k) => !(k in en))).toEqual([]);
  });
});

describe('formatting in another language', () => {
  afterEach(() => useMessages(getMessageFrom(en)));

  it('German: messages, plurals and Intl ages and durations', () => {
    useMessages(getMessageFrom(readLocale('de')));
    expect(t('state_pres')).toBe('Präsenz veröffentlicht');
    expect(activityLabel('on-the-phone')).toBe('am Telefon');
    expect(plural('rejected', 1)).toBe('1 Eintrag ignoriert');
    expect(plural('rejected', 1234)).toBe('1.234 Einträge ignoriert');
    const now = 1_700_000_000_000;
    const v = describeResult(
      {
        e164: '+4312345678',
        domain: 'x',
        status: 'found',
        dnssec: true,
        uris: [],
        pres: [],
        rejected: [],
        ttl: 300,
        fetchedAt: now - 60_000,
      },
      now,
    );
    expect(v.answer?.freshness).toBe('beantwortet vor 1 Minute, noch 4 Min. gültig');
    expect(v.answer?.dnssec.label).toBe('DNSSEC geprüft');
  });

  it('Japanese has one plural form: the other form serves every count', () => {
    useMessages(getMessageFrom(readLocale('ja')));
    expect(plural('rejected', 1)).toBe('1 件のレコードを無視');
    expect(activityLabel('in-transit')).toBe('移動中');
  });
});
