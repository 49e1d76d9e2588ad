import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  diffFromDefaults,
  managedKeys,
  parseSettings,
  presenceConfigured,
  SETTINGS_STORAGE_KEY,
  SIP_PASSWORD_STORAGE_KEY,
  sipUsernameOf,
  validateSetting,
} from './settings.ts';
import { normaliseSuffix } from '../core/enum/e164.ts';

describe('settings schema', () => {
  it('gives the defaults for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('merges valid stored overrides field by field', () => {
    const { settings, warnings } = parseSettings({
      version: 1,
      dohUrl: 'https://dns.google/dns-query',
      suffixes: ['E164.ARPA.', 'e164.test'],
      defaultRegion: 'gb',
    });
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      dohUrl: 'https://dns.google/dns-query',
      suffixes: ['e164.arpa', 'e164.test'],
      defaultRegion: 'GB',
    });
  });

  it('falls back to the default for each invalid value, with a warning, keeping the valid ones', () => {
    const { settings, warnings } = parseSettings({
      dohUrl: 'http://insecure.example/dns-query',
      resolveOn: 'always',
      dohMethod: 'post',
    });
    expect(settings.dohUrl).toBe(DEFAULT_SETTINGS.dohUrl);
    expect(settings.resolveOn).toBe('hover');
    expect(settings.dohMethod).toBe('post');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/dohUrl.*https/);
  });

  it('survives garbage in storage', () => {
    expect(parseSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(['x']).warnings).toHaveLength(1);
    expect(parseSettings({ suffixes: 'e164.arpa', disabledSites: [42] }).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('lets managed values win over stored ones and reports them as locked', () => {
    const managed = { dohUrl: 'https://doh.corp.example/dns-query', resolveOn: 'never' };
    const { settings } = parseSettings({ dohUrl: 'https://dns.google/dns-query', resolveOn: 'visible' }, managed);
    expect(settings.dohUrl).toBe('https://doh.corp.example/dns-query');
    expect(settings.resolveOn).toBe('never');
    expect(managedKeys(managed)).toEqual(['dohUrl', 'resolveOn']);
  });

  it('ignores invalid managed values', () => {
    expect(parseSettings({}, { dohMethod: 'carrier-pigeon' }).settings.dohMethod).toBe('get');
  });

  it("stores a provider's published URI template as the URL without it (RFC 8484 §4.1)", () => {
    expect(validateSetting('dohUrl', 'https://dns.example/dns-query{?dns}')).toEqual({
      ok: true,
      value: 'https://dns.example/dns-query',
    });
  });

  it('stores only what differs from the defaults', () => {
    expect(diffFromDefaults({ ...DEFAULT_SETTINGS, resolveOn: 'visible' })).toEqual({
      version: 1,
      resolveOn: 'visible',
    });
    expect(diffFromDefaults(DEFAULT_SETTINGS)).toEqual({ version: 1 });
  });

  it.each([
    ['dohUrl', 'https://user:pw@dns.example/q'],
    ['dohUrl', 'javascript:alert(1)'],
    ['dohUrl', ''],
    ['suffixes', []],
    ['suffixes', ['bad domain']],
    ['defaultRegion', 'GBR'],
    ['disabledSites', ['exa mple.com']],
    ['dohMethod', 'GET '],
  ] as const)('validateSetting(%s, %j) fails with a message', (key, value) => {
    const r = validateSetting(key, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
  });
});

describe('live presence settings', () => {
  it('are off by default, with no SIP account', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ presence: 'off', sipServer: '', sipAddress: '', sipUsername: '' });
    expect(presenceConfigured(DEFAULT_SETTINGS)).toBe(false);
  });

  it('accept a wss:// server anywhere, ws:// only on loopback, a sip: address, and store only what differs', () => {
    const stored = {
      version: 1,
      presence: 'sip',
      sipServer: 'wss://sip.example.com/ws',
      sipAddress: 'sip:alice@example.com',
    };
    const { settings, warnings } = parseSettings(stored);
    expect(warnings).toEqual([]);
    expect(presenceConfigured(settings)).toBe(true);
    expect(diffFromDefaults(settings)).toEqual(stored);
    expect(validateSetting('sipServer', 'ws://127.0.0.1:5066')).toEqual({ ok: true, value: 'ws://127.0.0.1:5066/' });
    expect(validateSetting('sipServer', 'ws://[::1]:5066/ws').ok).toBe(true);
    expect(validateSetting('sipServer', '')).toEqual({ ok: true, value: '' });
  });

  it.each([
    ['presence', 'xmpp'],
    ['sipServer', 'ws://sip.example.com/ws'],
    ['sipServer', 'https://sip.example.com/'],
    ['sipServer', 42],
    ['sipAddress', 'alice@example.com'],
    ['sipAddress', 'sip:alice@example.com;transport=ws'],
    ['sipUsername', ' alice'],
  ] as const)("validateSetting(%s, %j) fails with the rule's message", (key, value) => {
    const r = validateSetting(key, value);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-setting' } });
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('an invalid stored server falls back to "" with a warning; a managed one wins', () => {
    const { settings, warnings } = parseSettings(
      { presence: 'sip', sipServer: 'ws://sip.example.com/' },
      { sipServer: 'wss://sip.corp.example/' },
    );
    expect(settings.sipServer).toBe('wss://sip.corp.example/');
    expect(warnings).toEqual([expect.stringMatching(/^Ignoring stored setting sipServer: ws:\/\/ \(unencrypted\)/)]);
  });

  it('the username defaults to the user part of the address', () => {
    expect(sipUsernameOf({ sipUsername: '', sipAddress: 'sip:alice@example.com' })).toBe('alice');
    expect(sipUsernameOf({ sipUsername: 'a.smith', sipAddress: 'sip:alice@example.com' })).toBe('a.smith');
  });

  it('the password is not a setting: its own storage key, ignored if it turns up in settings or managed storage', () => {
    expect(SIP_PASSWORD_STORAGE_KEY).not.toBe(SETTINGS_STORAGE_KEY);
    const { settings } = parseSettings({ sipPassword: 'secret', password: 'secret' }, { sipPassword: 'secret' });
    expect(JSON.stringify(settings)).not.toContain('secret');
    expect(JSON.stringify(diffFromDefaults(settings))).not.toContain('secret');
  });
});

describe('the managed-storage schema (public/managed-schema.json)', () => {
  it('declares exactly the settings keys, with the same choices', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../public/managed-schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, { type: string; enum?: string[] }>;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const [key, prop] of Object.entries(schema.properties)) {
      const def = DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS];
      expect(prop.type, key).toBe(Array.isArray(def) ? 'array' : typeof def);
      for (const choice of prop.enum ?? [])
        expect(validateSetting(key as 'dohMethod', choice).ok, `${key}=${choice}`).toBe(true);
    }
  });
});

describe('one domain rule', () => {
  it.each([
    'e164.arpa',
    'E164.ARPA.',
    'e164.example-1.test',
    'a..b',
    '-x.arpa',
    'exa mple.org',
    'javascript:alert(1)',
    `${'a'.repeat(64)}.arpa`,
    `${'abcdefghi.'.repeat(26)}arpa`,
    '',
    '.',
  ])('the suffixes setting and the CLI --suffix agree on %j', (name) => {
    const setting = validateSetting('suffixes', [name]);
    const cli = normaliseSuffix(name);
    expect(setting.ok).toBe(cli.ok);
    if (setting.ok && cli.ok) expect(setting.value).toEqual([cli.value]);
  });
});

describe('parseSettings: a stored version that is not a whole number from 0 up', () => {
  it.each([-1e300, -(2 ** 53), -1, 0.5, Number.NaN, '1', null, { v: 1 }])(
    '%s falls back to 0 with a warning and keeps the other keys',
    (version) => {
      const { settings, warnings } = parseSettings({ version, dohUrl: 'https://dns.google/dns-query' });
      expect(settings.dohUrl).toBe('https://dns.google/dns-query');
      expect(warnings.some((w) => w.startsWith('Ignoring stored settings version'))).toBe(true);
    },
  );

  it('a valid or later version is no warning', () => {
    expect(parseSettings({ version: 1 }).warnings).toEqual([]);
    expect(parseSettings({ version: 99 }).warnings).toEqual([]);
  });
});

describe('why a value is refused, as data (README "Languages": the options page says it in words)', () => {
  const reasonOf = (key: Parameters<typeof validateSetting>[0], value: unknown) => {
    const r = validateSetting(key, value);
    return r.ok ? undefined : { reason: r.error.reason, params: r.error.params, code: r.error.code };
  };

  it('each refusal has a reason and the values its words need; the English message stays for the logs', () => {
    expect(reasonOf('suffixes', ['not a domain'])).toEqual({
      code: 'invalid-setting',
      reason: 'bad-domain',
      params: ['not a domain'],
    });
    expect(reasonOf('suffixes', [])?.reason).toBe('no-domain');
    expect(
      reasonOf(
        'suffixes',
        Array.from({ length: 11 }, (_, i) => `s${i}.example`),
      ),
    ).toMatchObject({
      reason: 'too-many-domains',
      params: ['10'],
    });
    expect(reasonOf('disabledSites', ['a b'])).toMatchObject({ reason: 'bad-hostname', params: ['a b'] });
    expect(reasonOf('disabledSites', 'x')?.reason).toBe('not-a-list');
    expect(reasonOf('disabledSites', [1])?.reason).toBe('item-not-text');
    expect(reasonOf('defaultRegion', '1x')?.reason).toBe('bad-region');
    expect(reasonOf('resolveOn', 'always')).toMatchObject({
      reason: 'not-a-choice',
      params: ['hover, visible, never'],
    });
    expect(reasonOf('sipAddress', 42)?.reason).toBe('not-text');
    const r = validateSetting('suffixes', ['not a domain']);
    expect(r.ok ? '' : r.error.message).toBe('"not a domain" is not a valid domain.');
  });

  it("carries validateDohUrl's reasons (core/doh/provider.ts DohUrlReason), each shown in the user's words", () => {
    expect(reasonOf('dohUrl', '')?.reason).toBe('doh-url-missing');
    expect(reasonOf('dohUrl', 'not a url')).toMatchObject({ reason: 'doh-url-not-url', params: ['not a url'] });
    expect(reasonOf('dohUrl', 'http://dns.example/dns-query')?.reason).toBe('doh-url-not-https');
    expect(reasonOf('dohUrl', 'https://u:p@dns.example/dns-query')?.reason).toBe('doh-url-credentials');
    expect(reasonOf('dohUrl', 'https://dns.example/dns-query#x')?.reason).toBe('doh-url-fragment');
    expect(reasonOf('dohUrl', 'https://dns.example/{name}')?.reason).toBe('doh-url-template');
  });

  it('the SIP fields carry the reasons of the rules they share with the CLI (core/presence/account.ts)', () => {
    expect(reasonOf('sipServer', 'nope')).toMatchObject({ reason: 'sip-server-not-url', params: ['nope'] });
    expect(reasonOf('sipServer', 'https://sip.example')).toMatchObject({
      reason: 'sip-server-not-websocket',
      params: ['https:'],
    });
    expect(reasonOf('sipServer', 'ws://sip.example:8080/ws')).toMatchObject({
      reason: 'sip-server-unencrypted',
      params: ['wss://sip.example:8080/ws'],
    });
    expect(reasonOf('sipServer', 'wss://a:b@sip.example')?.reason).toBe('sip-server-credentials');
    expect(reasonOf('sipServer', 'wss://sip.example/#x')?.reason).toBe('sip-server-fragment');
    expect(reasonOf('sipAddress', 'bob')).toMatchObject({ reason: 'sip-address-invalid', params: ['bob'] });
    expect(reasonOf('sipUsername', 'b\u0007ob')?.reason).toBe('sip-username-invalid');
  });
});
