// The "Live presence" section (README "Settings"): the switch, the SIP account fields and a Test button that
// reports "connected as … in N ms" or the exact SIP/WebSocket failure (background request testSip). The password
// is written to its own storage.local key and never read back: the field is always empty, and Test with an
// empty field uses the stored one.
import type { CoreError, Result } from '../core/result.ts';
import type { SipTestOutcome } from '../core/presence/session.ts';
import type { SettingKey } from '../shared/settings.ts';
import { formatNumber, t } from '../shared/i18n.ts';
import { h, replace } from '../ui/dom.ts';
import { errorText } from '../ui/result.ts';
import { commitTo, field, shownText, type OptionsContext } from './fields.ts';

export interface PresenceDeps {
  /** Store the SIP password under its own key ("" removes it). */
  savePassword(password: string): Promise<void>;
  testSip(account: {
    sipServer: string;
    sipAddress: string;
    sipUsername: string;
    password: string;
  }): Promise<Result<SipTestOutcome, CoreError>>;
}

function textSetting(
  ctx: OptionsContext,
  key: SettingKey & ('sipServer' | 'sipAddress' | 'sipUsername'),
  label: string,
  attrs: Record<string, string>,
  hint?: string,
): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { id: key, name: key, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  const text = shownText(input, () => ctx.settings()[key]);
  const f = field(ctx, key, label, [input], hint ? { hint } : {});
  input.addEventListener('change', () => {
    void commitTo(ctx, f, key, input.value.trim()).then((ok) => {
      if (ok) text.show();
    });
  });
  ctx.follow(key, text.follow);
  return { el: f.el, input };
}

export function presenceSection(ctx: OptionsContext, deps: PresenceDeps): HTMLElement {
  const on = h('input', { id: 'presence', name: 'presence', type: 'checkbox' });
  on.checked = ctx.settings().presence === 'sip';
  const onField = field(ctx, 'presence', t('showLivePresence'), [on], { hint: t('showLivePresenceHint') });
  // The checkbox comes before its label.
  onField.el.querySelector('label')?.before(on);
  on.addEventListener('change', () => void commitTo(ctx, onField, 'presence', on.checked ? 'sip' : 'off'));
  ctx.follow('presence', () => (on.checked = ctx.settings().presence === 'sip'));

  const server = textSetting(
    ctx,
    'sipServer',
    t('sipServerLabel'),
    { type: 'url', placeholder: 'wss://sip.example.com/ws' },
    t('sipServerHint'),
  );
  const address = textSetting(ctx, 'sipAddress', t('sipAddressLabel'), { placeholder: 'sip:you@example.com' });
  const username = textSetting(ctx, 'sipUsername', t('sipUsernameLabel'), {}, t('sipUsernameHint'));

  const password = h('input', {
    id: 'sipPassword',
    name: 'sipPassword',
    type: 'password',
    autocomplete: 'new-password',
    'aria-describedby': 'sipPassword-hint sipPassword-status',
  });
  const passwordStatus = h('p', { id: 'sipPassword-status', class: 'hint', role: 'status' });
  password.addEventListener('change', () => {
    const value = password.value;
    if (!value) return;
    void deps.savePassword(value).then(
      () => (passwordStatus.textContent = t('sipPasswordSaved')),
      (e: unknown) => (passwordStatus.textContent = e instanceof Error ? e.message : String(e)),
    );
  });
  const forget = h('button', { type: 'button', id: 'sipPassword-forget' }, t('sipPasswordForget'));
  forget.addEventListener('click', () => {
    password.value = '';
    void deps.savePassword('').then(() => (passwordStatus.textContent = t('sipPasswordRemoved')));
  });
  const passwordField = h(
    'div',
    { class: 'field', 'data-key': 'sipPassword' },
    h('label', { for: 'sipPassword' }, t('sipPasswordLabel')),
    password,
    ' ',
    forget,
    h('p', { id: 'sipPassword-hint', class: 'hint' }, t('sipPasswordHint')),
    passwordStatus,
  );

  const out = h('p', { id: 'sip-test-result', role: 'status', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', id: 'test-sip' }, t('testSipButton'));
  test.addEventListener('click', () => {
    replace(out, t('testSipRunning'));
    test.disabled = true;
    const account = {
      sipServer: server.input.value.trim(),
      sipAddress: address.input.value.trim(),
      sipUsername: username.input.value.trim(),
      password: password.value,
    };
    void deps
      .testSip(account)
      .then((r) => {
        if (!r.ok) return replace(out, h('span', { class: 'error' }, `${t('testFailed')} `, ...errorText(r.error)));
        const o = r.value;
        replace(
          out,
          o.connected
            ? h(
                'span',
                { class: 'ok' },
                t('testSipConnected', o.as, formatNumber(o.latencyMs, { style: 'unit', unit: 'millisecond' })),
              )
            : h('span', { class: 'error' }, `${t('testFailed')} `, ...errorText(o.error)),
        );
      })
      .finally(() => (test.disabled = false));
  });

  return h(
    'section',
    { 'aria-labelledby': 'presence-heading' },
    h('h2', { id: 'presence-heading' }, t('presenceHeading')),
    onField.el,
    server.el,
    address.el,
    username.el,
    passwordField,
    h('div', { class: 'field' }, test, ' ', out),
  );
}
