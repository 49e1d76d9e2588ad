// The DoH provider section: presets or a custom URL ("DoH server URL"), host permission for a custom server,
// the query method and a Test button that reports latency or the exact error.
import { DEFAULT_DOH_URL, type DohMethod } from '../core/doh/provider.ts';
import { ok, type CoreError, type Result } from '../core/result.ts';
import type { PermissionAnswer } from '../platform/permissions.ts';
import { validateSetting } from '../shared/settings.ts';
import { h, replace } from '../ui/dom.ts';
import { formatNumber, t } from '../shared/i18n.ts';
import { errorText } from '../ui/result.ts';
import { errorWords } from '../shared/display.ts';
import { commitTo, field, radios, shownText, type OptionsContext } from './fields.ts';
import { withheldAccess } from './withheld.ts';

export const PROVIDERS = [
  { value: 'cloudflare', name: 'Cloudflare', url: DEFAULT_DOH_URL },
  { value: 'google', name: 'Google Public DNS', url: 'https://dns.google/dns-query' },
  { value: 'quad9', name: 'Quad9', url: 'https://dns.quad9.net/dns-query' },
] as const;

export interface ProviderDeps {
  /** Must start the browser's request synchronously (it runs inside the user's click or key press). */
  requestPermission(url: string): Promise<PermissionAnswer>;
  testProvider(
    dohUrl: string,
    dohMethod: DohMethod,
  ): Promise<Result<{ latencyMs: number; dnssec: boolean }, CoreError>>;
}

const METHODS = [
  { value: 'get', label: 'method_get' },
  { value: 'post', label: 'method_post' },
  { value: 'json', label: 'method_json' },
] as const;

const hostOf = (url: string) => new URL(url).host;

/** The provider radios and the custom URL field; `chosen()` is the URL the user points at now. */
interface ProviderField {
  el: HTMLElement;
  chosen(): { url: string; custom: boolean };
  /** Show that access to `url` was withheld (`error`: the browser's reason), with a button to ask again. */
  withheld(url: string, error?: string): void;
}

/** The preset choice a stored URL is, or 'custom'. */
const presetOf = (url: string): string => PROVIDERS.find((p) => p.url === url)?.value ?? 'custom';

function providerField(ctx: OptionsContext, deps: ProviderDeps): ProviderField {
  const preset = presetOf(ctx.settings().dohUrl);
  const choices = [
    ...PROVIDERS.map((p) => ({ value: p.value as string, label: `${p.name} (${hostOf(p.url)})` })),
    { value: 'custom', label: t('customProvider') },
  ];
  const { inputs, rows } = radios('provider', choices, preset);
  const url = h('input', {
    id: 'dohUrl',
    name: 'dohUrl',
    type: 'url',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'https://dns.example/dns-query',
  });
  const customUrl = () => {
    const now = ctx.settings().dohUrl;
    return presetOf(now) === 'custom' ? now : '';
  };
  const urlText = shownText(url, customUrl);
  const permission = h('div', { id: 'dohUrl-permission', 'aria-live': 'polite' });
  const custom = h(
    'div',
    { class: 'custom', hidden: preset !== 'custom' },
    h('label', { for: 'dohUrl' }, t('dohUrlLabel')),
    url,
    permission,
  );
  const f = field(ctx, 'dohUrl', t('providerLabel'), [...rows, custom], {
    group: true,
    inputs: [...inputs, url],
    hint: t('providerHint'),
  });
  const isCustom = () => inputs.find((i) => i.checked)?.value === 'custom';

  const withheld = (target: string, error?: string) => {
    const host = new URL(target).hostname;
    replace(
      permission,
      ...withheldAccess({
        buttonId: 'dohUrl-grant',
        host,
        explanation: t('withheldProvider', host, ctx.settings().dohUrl) + (error ? ` ${t('browserSaid', error)}` : ''),
        request: () => deps.requestPermission(target),
        answered: (p) => (p.ok ? void save(target) : withheld(target, p.error.message)),
      }),
    );
  };
  const save = async (value: string) => {
    replace(permission);
    if (await commitTo(ctx, f, 'dohUrl', value)) urlText.show();
  };

  /** Runs inside a user gesture: the permission request starts before any await. */
  function tryCustom(value: string): void {
    const v = validateSetting('dohUrl', value);
    if (!v.ok) return f.setError(errorWords(v.error));
    f.setError(undefined);
    void deps.requestPermission(v.value).then((p) => (p.ok ? save(v.value) : withheld(v.value, p.error.message)));
  }

  for (const input of inputs) {
    input.addEventListener('change', () => {
      custom.hidden = !isCustom();
      const p = PROVIDERS.find((x) => x.value === input.value);
      if (p) {
        replace(permission);
        void commitTo(ctx, f, 'dohUrl', p.url);
      } else url.focus();
    });
  }
  // A change elsewhere: the preset of the new URL, or Custom with it, unless the user is typing a custom URL.
  ctx.follow('dohUrl', () => {
    if (isCustom() && urlText.editing()) return;
    const chosen = presetOf(ctx.settings().dohUrl);
    for (const i of inputs) i.checked = i.value === chosen;
    custom.hidden = chosen !== 'custom';
    urlText.follow();
  });
  let attempted = '';
  url.addEventListener('input', () => (attempted = ''));
  const onUrl = () => {
    if (url.value === attempted) return;
    attempted = url.value;
    tryCustom(url.value.trim());
  };
  url.addEventListener('change', onUrl);
  url.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    onUrl();
  });
  return {
    el: f.el,
    chosen: () => ({
      url: isCustom()
        ? url.value.trim()
        : (PROVIDERS.find((p) => inputs.some((i) => i.checked && i.value === p.value))?.url ?? ''),
      custom: isCustom(),
    }),
    withheld,
  };
}

function methodField(ctx: OptionsContext): { el: HTMLElement; method(): DohMethod } {
  const method = h(
    'select',
    { id: 'dohMethod', name: 'dohMethod' },
    ...METHODS.map((m) => h('option', { value: m.value }, t(m.label))),
  );
  method.value = ctx.settings().dohMethod;
  const mf = field(ctx, 'dohMethod', t('methodLabel'), [method], { hint: t('methodHint') });
  method.addEventListener('change', () => void commitTo(ctx, mf, 'dohMethod', method.value));
  ctx.follow('dohMethod', () => (method.value = ctx.settings().dohMethod));
  return { el: mf.el, method: () => method.value as DohMethod };
}

/** "Test": resolve with the chosen provider and method, asking for access to a custom server first. */
function testRow(provider: ProviderField, method: () => DohMethod, deps: ProviderDeps): HTMLElement {
  const out = h('p', { id: 'test-result', role: 'status', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', id: 'test-provider' }, t('testButton'));
  test.addEventListener('click', () => {
    const { url, custom } = provider.chosen();
    const v = validateSetting('dohUrl', url);
    if (!v.ok) return replace(out, h('span', { class: 'error' }, errorWords(v.error)));
    const access: Promise<PermissionAnswer> = custom ? deps.requestPermission(v.value) : Promise.resolve(ok(null));
    replace(out, t('testing', hostOf(v.value)));
    test.disabled = true;
    void access
      .then(async (p) => {
        if (!p.ok) {
          provider.withheld(v.value, p.error.message);
          return replace(out, h('span', { class: 'error' }, t('notTested', new URL(v.value).hostname)));
        }
        const r = await deps.testProvider(v.value, method());
        replace(
          out,
          r.ok
            ? h(
                'span',
                { class: 'ok' },
                t(
                  'testWorks',
                  formatNumber(Math.round(r.value.latencyMs), { style: 'unit', unit: 'millisecond' }),
                  t(r.value.dnssec ? 'dnssecValidated' : 'dnssecNotValidated'),
                ),
              )
            : h('span', { class: 'error' }, `${t('testFailed')} `, ...errorText(r.error)),
        );
      })
      .finally(() => (test.disabled = false));
  });
  return h('div', { class: 'field' }, test, ' ', out);
}

export function providerSection(ctx: OptionsContext, deps: ProviderDeps): HTMLElement[] {
  const provider = providerField(ctx, deps);
  const method = methodField(ctx);
  return [provider.el, method.el, testRow(provider, method.method, deps)];
}
