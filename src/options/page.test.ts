// @vitest-environment happy-dom
// The options page against fake saving, permissions and background. Managed (locked) settings are tested here
// by rendering with a `locked` list: Chromium cannot be given storage.managed values headless without root-owned
// policy files, and chrome.storage.managed is read-only.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SettingKey, type Settings } from '../shared/settings.ts';
import type { PermissionAnswer } from '../platform/permissions.ts';
import { renderOptions, type OptionsDeps, type OptionsPage } from './page.ts';
import { errorMeaning } from '../shared/display.ts';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
let root: HTMLElement;
let saved: Settings[];

function deps(over: Partial<OptionsDeps> = {}): OptionsDeps {
  return {
    save: vi.fn(async (s: Settings) => void saved.push(s)),
    browserRegion: 'US',
    requestPermission: vi.fn(async () => ({ ok: true as const, value: null })),
    testProvider: vi.fn(async () => ({ ok: true as const, value: { latencyMs: 12.4, dnssec: true } })),
    savePassword: vi.fn(async () => {}),
    testSip: vi.fn(async () => ({
      ok: true as const,
      value: { connected: true as const, as: 'bob (sip:bob@example.test)', latencyMs: 42 },
    })),
    ...over,
  };
}
let page: OptionsPage;
function render(d = deps(), settings: Partial<Settings> = {}, locked: SettingKey[] = []) {
  page = renderOptions(root, { settings: { ...DEFAULT_SETTINGS, ...settings }, locked }, d);
  return d;
}
const $ = <T extends HTMLElement = HTMLInputElement>(sel: string) => root.querySelector<T>(sel)!;
function change(el: HTMLInputElement | HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}
const last = () => saved[saved.length - 1]!;

beforeEach(() => {
  saved = [];
  document.body.replaceChildren();
  root = document.createElement('main');
  document.body.append(root);
});

describe('provider', () => {
  it('selects the preset of the stored URL; choosing another preset saves it', async () => {
    render();
    expect($('#provider-cloudflare').checked).toBe(true);
    expect($('.custom').hidden).toBe(true);
    $('#provider-quad9').click();
    await flush();
    expect(last().dohUrl).toBe('https://dns.quad9.net/dns-query');
    expect($('#save-status').textContent).toBe('Saved.');
  });

  it('Custom shows the "DoH server URL" field; a valid URL is saved once access is granted', async () => {
    const d = render();
    $('#provider-custom').click();
    expect($('.custom').hidden).toBe(false);
    expect(root.querySelector('label[for="dohUrl"]')?.textContent).toBe('DoH server URL');
    change($('#dohUrl'), 'https://127.0.0.1:8443/dns-query');
    await flush();
    expect(d.requestPermission).toHaveBeenCalledWith('https://127.0.0.1:8443/dns-query');
    expect(last().dohUrl).toBe('https://127.0.0.1:8443/dns-query');
  });

  it('shows an invalid URL next to the field and saves nothing', async () => {
    render();
    $('#provider-custom').click();
    const url = $('#dohUrl');
    change(url, 'http://dns.example/dns-query');
    await flush();
    expect(saved).toEqual([]);
    const errorId = url
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('-error'))!;
    expect(root.querySelector(`#${errorId}`)?.textContent).toMatch(/must start with https/);
    expect(url.getAttribute('aria-invalid')).toBe('true');
  });

  it('explains a withheld permission, keeps the old provider and offers to ask again', async () => {
    const request = vi.fn(async (): Promise<PermissionAnswer> => ({
      ok: false,
      error: { code: 'no-host-permission', message: 'the browser did not grant it' },
    }));
    render(deps({ requestPermission: request }));
    $('#provider-custom').click();
    change($('#dohUrl'), 'https://dns.example/dns-query');
    await flush();
    expect(saved).toEqual([]);
    expect($('#dohUrl-permission').textContent).toContain('has not allowed this extension to contact dns.example');
    expect($('#dohUrl-permission').textContent).toContain('still https://cloudflare-dns.com/dns-query');
    request.mockResolvedValueOnce({ ok: true, value: null });
    $<HTMLButtonElement>('#dohUrl-grant').click();
    await flush();
    expect(last().dohUrl).toBe('https://dns.example/dns-query');
    expect($('#dohUrl-permission').textContent).toBe('');
  });

  it('Test shows the latency, or the exact error', async () => {
    const d = render();
    $<HTMLButtonElement>('#test-provider').click();
    await flush();
    expect(d.testProvider).toHaveBeenCalledWith('https://cloudflare-dns.com/dns-query', 'get');
    expect($('#test-result').textContent).toBe('Works: answered in 12 ms, DNSSEC validated.');
    render(
      deps({
        testProvider: async () => ({ ok: false, error: { code: 'http-status', message: 'HTTP 501 from dns.example' } }),
      }),
    );
    $<HTMLButtonElement>('#test-provider').click();
    await flush();
    expect($('#test-result').textContent).toBe(
      'Failed: The DNS-over-HTTPS server answered with an HTTP error. HTTP 501 from dns.example (http-status)',
    );
  });

  it('saves the method', async () => {
    render();
    change($<HTMLSelectElement>('#dohMethod') as unknown as HTMLInputElement, 'post');
    await flush();
    expect(last().dohMethod).toBe('post');
  });
});

describe('"Saved."', () => {
  /** The keys of the fields that show "Saved.". */
  const shownSaved = () =>
    [...root.querySelectorAll('.field-saved')]
      .filter((e) => e.textContent)
      .map((e) => e.closest('[data-key]')?.getAttribute('data-key'));

  it('says what happened last, next to the field changed: cleared when a later change fails', async () => {
    render();
    $('#provider-quad9').click();
    await flush();
    expect($('#save-status').textContent).toBe('Saved.');
    expect($('[data-key="dohUrl"] .field-saved').textContent).toBe('Saved.');
    $('#suffixes').value = 'bad_suffix';
    $<HTMLButtonElement>('[data-key="suffixes"] .row button').click();
    await flush();
    expect($('#suffixes-error').textContent).toBe('"bad_suffix" is not a valid domain.');
    expect($('#save-status').textContent).toBe('');
    expect(shownSaved()).toEqual([]);
    $('#resolveOn-never').click();
    await flush();
    expect($('#save-status').textContent).toBe('Saved.');
    expect(shownSaved()).toEqual(['resolveOn']);
  });

  it('goes after a few seconds', async () => {
    vi.useFakeTimers();
    try {
      render();
      $('#provider-quad9').click();
      await vi.advanceTimersByTimeAsync(10);
      expect($('#save-status').textContent).toBe('Saved.');
      await vi.advanceTimersByTimeAsync(6000);
      expect($('#save-status').textContent).toBe('');
      expect($('[data-key="dohUrl"] .field-saved').textContent).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('lists', () => {
  it('adds, reorders and removes suffixes; refuses to remove the last one', async () => {
    render();
    change($('#suffixes'), 'e164.test');
    $('#suffixes').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await flush();
    expect(last().suffixes).toEqual(['e164.arpa', 'e164.test']);
    $<HTMLButtonElement>('[aria-label="Move e164.test up"]').click();
    await flush();
    expect(last().suffixes).toEqual(['e164.test', 'e164.arpa']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move e164.test down');
    $<HTMLButtonElement>('[aria-label="Remove e164.arpa"]').click();
    await flush();
    expect(last().suffixes).toEqual(['e164.test']);
    $<HTMLButtonElement>('[aria-label="Remove e164.test"]').click();
    await flush();
    expect(last().suffixes).toEqual(['e164.test']);
    expect($('#suffixes-error').textContent).toBe('Give at least one domain.');
  });

  it('shows an invalid suffix next to the field', async () => {
    render();
    $('#suffixes').value = 'not a domain';
    $<HTMLButtonElement>('[data-key="suffixes"] .row button').click();
    await flush();
    expect(saved).toEqual([]);
    expect($('#suffixes-error').textContent).toBe('"not a domain" is not a valid domain.');
  });

  it.each([
    ['suffixes', {}, ['e164.arpa', 'E164.ARPA', 'e164.arpa.', ' e164.arpa ']],
    ['disabledSites', { disabledSites: ['example.com'] }, ['example.com', 'EXAMPLE.com', 'Example.Com.']],
  ] as const)(
    '%s: adding a name already listed saves nothing and keeps it in the field',
    async (key, settings, dups) => {
      render(deps(), settings as Partial<Settings>);
      const listed = key === 'suffixes' ? 'e164.arpa' : 'example.com';
      for (const dup of dups) {
        const input = $(`#${key}`);
        input.focus();
        input.value = dup;
        $<HTMLButtonElement>(`[data-key="${key}"] .row button`).click();
        await flush();
        expect(saved, dup).toEqual([]);
        expect($('#save-status').textContent, dup).toBe('');
        expect(input.value, dup).toBe(dup);
        expect(document.activeElement, dup).toBe(input);
        // The field says so, and the entry it repeats is marked in the list.
        expect(root.querySelector(`[data-key="${key}"] .field-message`)?.textContent, dup).toBe(
          `${listed} is already in the list.`,
        );
        expect(root.querySelector(`#${key}-list li[data-duplicate]`)?.getAttribute('data-item'), dup).toBe(listed);
      }
      // Typing again drops the mark; a new name is added.
      $(`#${key}`).value = 'new.example';
      $(`#${key}`).dispatchEvent(new Event('input', { bubbles: true }));
      expect(root.querySelector(`#${key}-list li[data-duplicate]`)).toBeNull();
      $<HTMLButtonElement>(`[data-key="${key}"] .row button`).click();
      await flush();
      expect(last()[key]).toEqual([listed, 'new.example']);
    },
  );

  it('removes switched-off sites', async () => {
    render(deps(), { disabledSites: ['a.example', 'b.example'] });
    $<HTMLButtonElement>('[aria-label="Remove a.example"]').click();
    await flush();
    expect(last().disabledSites).toEqual(['b.example']);
  });
});

describe('other fields', () => {
  it('default region: normalised, or an error next to it', async () => {
    render();
    expect($('#defaultRegion-hint').textContent).toContain('(US)');
    change($('#defaultRegion'), 'gb');
    await flush();
    expect(last().defaultRegion).toBe('GB');
    expect($('#defaultRegion').value).toBe('GB');
    change($('#defaultRegion'), '1x');
    await flush();
    expect($('#defaultRegion-error').textContent).toBe('Use a two-letter region such as GB, or leave empty.');
    change($('#defaultRegion'), 'uk');
    await flush();
    expect($('#defaultRegion-error').textContent).toBe(
      'UK is not a region with phone numbers; use one such as GB (not UK), or leave empty.',
    );
    expect(last().defaultRegion).toBe('GB');
  });

  it('when to resolve', async () => {
    render();
    $('#resolveOn-visible').click();
    await flush();
    expect(last().resolveOn).toBe('visible');
  });

  it('has a privacy note', () => {
    render();
    expect(root.querySelector('.privacy')?.textContent).toContain(
      'Only the ENUM names of the phone numbers you chose to look up',
    );
  });
});

describe('settings changed elsewhere', () => {
  it('keep what the user is typing, its focus and caret, and an invalid value with its error', async () => {
    render();
    const form = root.querySelector('form');
    change($('#defaultRegion'), '1');
    await flush();
    expect($('#defaultRegion-error').textContent).not.toBe('');
    const site = $('#disabledSites');
    site.focus();
    site.value = 'my-typed-site.example';
    site.setSelectionRange(3, 3);
    page.update({ settings: { ...DEFAULT_SETTINGS, resolveOn: 'visible' }, locked: [] });
    expect($('#resolveOn-visible').checked).toBe(true);
    expect(root.querySelector('form')).toBe(form); // not rebuilt
    expect(document.activeElement).toBe(site);
    expect([site.value, site.selectionStart]).toEqual(['my-typed-site.example', 3]);
    expect($('#defaultRegion').value).toBe('1');
    expect($('#defaultRegion-error').textContent).toBe('Use a two-letter region such as GB, or leave empty.');
  });

  it('show the new values of fields not being edited, and never overwrite the one focused', () => {
    render();
    $('#sipAddress').focus();
    $('#sipAddress').value = 'sip:me@exa';
    page.update({
      settings: {
        ...DEFAULT_SETTINGS,
        defaultRegion: 'DE',
        sipAddress: 'sip:other@example.test',
        sipServer: 'wss://sip.example.test/ws',
        presence: 'sip',
        dohMethod: 'post',
        dohUrl: 'https://dns.google/dns-query',
        disabledSites: ['b.example'],
      },
      locked: [],
    });
    expect($('#defaultRegion').value).toBe('DE');
    expect($('#sipServer').value).toBe('wss://sip.example.test/ws');
    expect($('#sipAddress').value).toBe('sip:me@exa');
    expect($('#presence').checked).toBe(true);
    expect($('#dohMethod').value).toBe('post');
    expect($('#provider-google').checked).toBe(true);
    expect(root.querySelector('[data-item="b.example"]')).not.toBeNull();
  });

  it('lock and unlock managed fields in place', () => {
    render();
    const form = root.querySelector('form');
    page.update({ settings: { ...DEFAULT_SETTINGS, resolveOn: 'never' }, locked: ['resolveOn', 'suffixes'] });
    expect(root.querySelector('form')).toBe(form);
    expect($('#resolveOn-never').checked).toBe(true);
    expect($('#resolveOn-hover').disabled).toBe(true);
    expect($('#resolveOn-hover').getAttribute('aria-describedby')).toContain('resolveOn-locked');
    expect($('#resolveOn-locked').textContent).toBe('Set by your administrator; it cannot be changed here.');
    expect($<HTMLButtonElement>('[aria-label="Remove e164.arpa"]').disabled).toBe(true);
    expect($('#suffixes').disabled).toBe(true);
    page.update({ settings: { ...DEFAULT_SETTINGS, resolveOn: 'never' }, locked: [] });
    expect($('#resolveOn-hover').disabled).toBe(false);
    expect(root.querySelector('#resolveOn-locked')).toBeNull();
    expect($('#resolveOn-hover').getAttribute('aria-describedby')).not.toContain('resolveOn-locked');
    expect($('#suffixes').disabled).toBe(false);
  });
});

describe('managed (locked) settings', () => {
  it('disables locked fields and says why', () => {
    render(deps(), { dohUrl: 'https://dns.google/dns-query' }, ['dohUrl', 'suffixes', 'resolveOn']);
    for (const id of [
      'provider-cloudflare',
      'provider-google',
      'provider-custom',
      'dohUrl',
      'suffixes',
      'resolveOn-hover',
    ]) {
      expect($(`#${id}`).disabled, id).toBe(true);
      expect($(`#${id}`).getAttribute('aria-describedby'), id).toContain('-locked');
    }
    expect($<HTMLButtonElement>('[aria-label="Remove e164.arpa"]').disabled).toBe(true);
    expect($('#dohUrl-locked').textContent).toBe('Set by your administrator; it cannot be changed here.');
    expect($('#provider-google').checked).toBe(true);
    expect($('#dohMethod').disabled).toBe(false);
    expect($('#defaultRegion').disabled).toBe(false);
    expect(root.querySelector('#dohMethod-locked')).toBeNull();
  });
});

describe('live presence', () => {
  it('the switch and the account fields save settings; the password goes to its own key and is never shown back', async () => {
    const d = render();
    expect(root.querySelector('#presence-heading')?.textContent).toBe('Live presence');
    expect(root.querySelector('label[for="presence"]')?.textContent).toBe('Show live presence');
    expect(
      ['sipServer', 'sipAddress', 'sipUsername', 'sipPassword'].map(
        (k) => root.querySelector(`label[for="${k}"]`)?.textContent,
      ),
    ).toEqual(['SIP WebSocket server', 'SIP address', 'Username', 'Password']);
    $('#presence').click();
    await flush();
    expect(last().presence).toBe('sip');
    change($('#sipServer'), 'ws://sip.example.test/');
    await flush();
    expect($('#sipServer-error').textContent).toContain('ws:// (unencrypted) is allowed only for 127.0.0.1');
    change($('#sipServer'), 'wss://sip.example.test/ws');
    change($('#sipAddress'), 'sip:bob@example.test');
    await flush();
    expect([last().sipServer, last().sipAddress]).toEqual(['wss://sip.example.test/ws', 'sip:bob@example.test']);
    change($('#sipPassword'), 'secret');
    await flush();
    expect(d.savePassword).toHaveBeenCalledWith('secret');
    expect(saved.every((s) => !JSON.stringify(s).includes('secret'))).toBe(true);
    expect($('#sipPassword').value).toBe('secret'); // what the user typed stays; a new page never has it
    render(d, last());
    expect($('#sipPassword').value).toBe('');
  });

  it('Test reports "connected as … in N ms" or the exact SIP failure with its meaning', async () => {
    const d = render(deps(), { sipServer: 'ws://127.0.0.1:5066', sipAddress: 'sip:bob@example.test' });
    $<HTMLButtonElement>('#test-sip').click();
    await flush();
    expect(d.testSip).toHaveBeenCalledWith({
      sipServer: 'ws://127.0.0.1:5066',
      sipAddress: 'sip:bob@example.test',
      sipUsername: '',
      password: '',
    });
    expect($('#sip-test-result').textContent).toBe('Connected as bob (sip:bob@example.test) in 42 ms.');
    render(
      deps({
        testSip: async () => ({
          ok: true,
          value: {
            connected: false,
            latencyMs: 9,
            error: {
              code: 'sip-auth-failed',
              message: 'The SIP server refused the username or password (407 Proxy Authentication Required).',
            },
          },
        }),
      }),
    );
    $<HTMLButtonElement>('#test-sip').click();
    await flush();
    // The code's meaning in words (errorMeaning), the server's exact answer, the code.
    expect(errorMeaning('sip-auth-failed')).toBe('The SIP server refused the username or password (401/407).');
    expect($('#sip-test-result').textContent).toBe(
      `Failed: ${errorMeaning('sip-auth-failed')} The SIP server refused the username or password (407 Proxy Authentication Required). (sip-auth-failed)`,
    );
  });
});
