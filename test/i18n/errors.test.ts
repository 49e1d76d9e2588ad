// @vitest-environment happy-dom
// What a user is told when something is refused or fails, in another language (README "Languages"): a setting's
// field error, a failed SIP account test, why live presence is unknown, why a record was ignored. Core keeps its
// English `message` (the CLI's and the logs'); the views choose words by code, with the code's parameters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NaptrData } from '../../src/core/dns/types.ts';
import { toE164 } from '../../src/core/enum/e164.ts';
import { processNaptrSet } from '../../src/core/naptr/process.ts';
import { notifiedSubscription } from '../../src/core/presence/subscription.ts';
import { unknownEntry } from '../../src/core/presence/entry.ts';
import { rejectionWords, errorWords } from '../../src/shared/display.ts';
import { useMessages } from '../../src/shared/i18n.ts';
import { describePresence } from '../../src/shared/presence-display.ts';
import { DEFAULT_SETTINGS, validateSetting, type Settings } from '../../src/shared/settings.ts';
import { renderOptions, type OptionsDeps } from '../../src/options/page.ts';
import { errorText, renderResult } from '../../src/ui/result.ts';
import { getMessageFrom, readLocale } from './locales.ts';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLInputElement>(sel: string) => root.querySelector<T>(sel)!;
function change(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function render(over: Partial<OptionsDeps> = {}, settings: Partial<Settings> = {}): OptionsDeps {
  const deps: OptionsDeps = {
    save: vi.fn(async () => {}),
    browserRegion: 'DE',
    requestPermission: vi.fn(async () => ({ ok: true as const, value: null })),
    testProvider: vi.fn(async () => ({ ok: true as const, value: { latencyMs: 12, dnssec: true } })),
    savePassword: vi.fn(async () => {}),
    testSip: vi.fn(async () => ({ ok: true as const, value: { connected: true as const, as: 'bob', latencyMs: 4 } })),
    ...over,
  };
  renderOptions(root, { settings: { ...DEFAULT_SETTINGS, ...settings }, locked: [] }, deps);
  return deps;
}

beforeEach(() => {
  useMessages(getMessageFrom(readLocale('de')));
  document.body.replaceChildren();
  root = document.createElement('main');
  document.body.append(root);
});
afterEach(() => useMessages(getMessageFrom(readLocale('en'))));

describe('options page field errors, in German', () => {
  it('a suffix that is no domain, the last suffix removed, too many suffixes', async () => {
    render();
    $('#suffixes').value = 'kein domain';
    $<HTMLButtonElement>('[data-key="suffixes"] .row button').click();
    await flush();
    expect($('#suffixes-error').textContent).toBe('„kein domain“ ist keine gültige Domain.');
    $<HTMLButtonElement>('[aria-label="e164.arpa entfernen"]').click();
    await flush();
    expect($('#suffixes-error').textContent).toBe('Geben Sie mindestens eine Domain an.');
    const many = validateSetting(
      'suffixes',
      Array.from({ length: 11 }, (_, i) => `s${i}.example`),
    );
    expect(many.ok ? '' : errorWords(many.error)).toBe('Höchstens 10 Domains.');
  });

  it('a region that is not two letters', async () => {
    render();
    change($('#defaultRegion'), '1x');
    await flush();
    expect($('#defaultRegion-error').textContent).toBe(
      'Geben Sie eine Region aus zwei Buchstaben an, etwa GB, oder lassen Sie das Feld leer.',
    );
  });

  it('a DoH server URL that is not https', async () => {
    render();
    $('#provider-custom').click();
    change($('#dohUrl'), 'http://dns.example/dns-query');
    await flush();
    expect($('#dohUrl-error').textContent).toBe('Die URL des DoH-Servers muss mit https:// beginnen (RFC 8484 §3).');
  });

  it('the SIP server, address and username', async () => {
    render({}, { presence: 'sip' });
    change($('#sipServer'), 'ws://sip.example/ws');
    await flush();
    expect($('#sipServer-error').textContent).toBe(
      'ws:// (unverschlüsselt) ist nur für 127.0.0.1, localhost und ::1 erlaubt; verwenden Sie wss://sip.example/ws.',
    );
    change($('#sipAddress'), 'bob');
    await flush();
    expect($('#sipAddress-error').textContent).toBe('„bob“ ist keine SIP-Adresse der Form sip:benutzer@domain.');
    change($('#sipUsername'), 'bo\u0007b');
    await flush();
    expect($('#sipUsername-error').textContent).toBe(
      'Der SIP-Benutzername muss druckbarer Text ohne Leerzeichen am Anfang oder Ende sein.',
    );
  });
});

describe('the SIP account test, in German', () => {
  it('says what is missing in words, after the meaning of invalid-setting', async () => {
    render(
      {
        testSip: async () => ({
          ok: false,
          error: {
            code: 'invalid-setting',
            message: 'Give the SIP password.',
            reason: 'sip-password-missing',
            params: [],
          },
        }),
      },
      { presence: 'sip', sipServer: 'wss://sip.example/ws', sipAddress: 'sip:bob@example.test' },
    );
    $<HTMLButtonElement>('#test-sip').click();
    await flush();
    expect($('#sip-test-result').textContent).toBe(
      'Fehlgeschlagen: Die Einstellung wurde nicht übernommen. Geben Sie das SIP-Passwort an. (invalid-setting)',
    );
  });

  it('a server or address refused by the settings rules is in words too', () => {
    const server = validateSetting('sipServer', 'https://sip.example');
    expect(server.ok).toBe(false);
    if (server.ok) return;
    const p = document.createElement('p');
    p.append(...errorText(server.error));
    expect(p.textContent).toBe(
      'Die Einstellung wurde nicht übernommen. Der SIP-WebSocket-Server muss eine wss://-URL sein, nicht https://. (invalid-setting)',
    );
  });
});

describe('in Japanese too', () => {
  it('a refused setting and an ignored record', () => {
    useMessages(getMessageFrom(readLocale('ja')));
    const r = validateSetting('suffixes', ['not a domain']);
    expect(r.ok ? '' : errorWords(r.error)).toBe('「not a domain」は有効なドメインではありません。');
  });
});

describe('live presence, in German', () => {
  it('an unknown state says why in words (the meaning of its code)', () => {
    const status = notifiedSubscription({ state: 'active' }, false);
    const reason = status && 'reason' in status ? status.reason : undefined;
    expect(reason?.code).toBe('no-document');
    const entry = { ...unknownEntry('sip:jordan@example.test', 'sip:jordan@example.test', reason), subscribed: true };
    expect(describePresence(entry, Date.now()).reason).toBe(
      'Abonniert; für diese Person ist noch nichts veröffentlicht.',
    );
  });
});

describe('ignored records in the popup, in German', () => {
  it('a javascript: URI is ignored in words', async () => {
    const naptr: NaptrData = {
      kind: 'NAPTR',
      order: 10,
      preference: 10,
      flags: 'u',
      services: 'E2U+web:http',
      regexp: '!^.*$!javascript:alert(1)!',
      replacement: '',
    };
    const { rejected } = await processNaptrSet([naptr], '+441632960083', async () => ({ ok: true, value: [] }));
    expect(rejected[0]?.reason).toBe('the "javascript:" scheme is never usable'); // the CLI's words stay
    const el = renderResult(
      {
        e164: '+441632960083',
        domain: '3.8.0.0.6.9.2.3.6.1.4.4.e164.arpa',
        status: 'found',
        dnssec: false,
        uris: [],
        pres: [],
        rejected,
        ttl: 60,
        fetchedAt: Date.now(),
      },
      Date.now(),
    );
    expect(el.querySelector('.rejected .reason')?.textContent).toBe('Das Schema „javascript:“ ist nie verwendbar.');
  });

  it('says where a record reached through a non-terminal was found; a result cached without codes keeps its reason', () => {
    const why = { code: 'no-records' as const, params: ['b.example'], in: 'a.example' };
    expect(rejectionWords({ record: 'r', reason: 'b.example has no NAPTR records (in a.example)', why })).toBe(
      'b.example hat keine NAPTR-Einträge. (in a.example)',
    );
    expect(rejectionWords({ record: 'r', reason: 'regexp does not match' })).toBe('regexp does not match');
  });
});

describe('why a typed input is no number (core/enum/e164.ts NumberReason), as the popup shows it', () => {
  it('in German: the reason in words with the input, and neither core’s English nor the CLI’s --region hint', () => {
    const text = (input: string, region: string) => {
      const r = toE164(input, region);
      if (r.ok) throw new Error(`${input} was read as ${r.value}`);
      const p = document.createElement('p');
      p.append(...errorText(r.error));
      return p.textContent ?? '';
    };
    expect(text('12', 'DE')).toContain('„12“ ist keine gültige Nummer für DE.');
    expect(text('abc', 'DE')).toContain('In „abc“ wurde keine Telefonnummer gefunden.');
    expect(text('+999 1234567', 'DE')).toContain('„+999 1234567“: +999… beginnt mit keiner Ländervorwahl.');
    expect(text('+43 1', 'UK')).toContain('„UK“ ist kein bekannter Regionscode');
    expect(text('0301234', '')).not.toContain('--region');
    for (const input of ['12', '+999 1234567', 'abc']) expect(text(input, 'DE')).not.toMatch(/is not a phone/);
  });
});
