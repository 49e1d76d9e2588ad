// The "Live presence" section (README "Settings"): the switch, the SIP account fields and a Test button that
// reports "connected as … in N ms" or the exact SIP/WebSocket failure (background request testSip). The password
// is written to its own storage.local key and never read back: the field is always empty, and Test with an
// empty field uses the stored one.
import type { CoreError, Result } from '../core/result.ts';
import type { SipTestOutcome } from '../core/presence/session.ts';
import type { SettingKey } from '../shared/settings.ts';
import { h, replace } from '../ui/dom.ts';
import { errorText } from '../ui/result.ts';
import { commitTo, field, type OptionsContext } from './fields.ts';

export interface PresenceDeps {
  /** Store the SIP password under its own key ("" removes it). */
  savePassword(password: string): Promise<void>;
  testSip(account: { sipServer: string; sipAddress: string; sipUsername: string; password: string }): Promise<Result<SipTestOutcome, CoreError>>;
}

/** Every word of this section (one place, for i18n). */
export const PRESENCE_OPTION_WORDS = {
  heading: 'Live presence',
  show: 'Show live presence',
  showHint: 'Watch whether the people behind the numbers you look at are available, busy, away or offline, through your own SIP server.',
  server: 'SIP WebSocket server',
  serverHint: 'wss://… (ws:// only for this computer).',
  address: 'SIP address',
  username: 'Username',
  usernameHint: 'Leave empty to use the user part of the SIP address.',
  password: 'Password',
  passwordHint: 'Stored in this browser only and never shown again. Leave empty to keep the stored one.',
  passwordSaved: 'Password saved.',
  forget: 'Forget the password',
  forgotten: 'Password removed.',
  test: 'Test SIP account',
  testing: 'Connecting…',
  connected: (as: string, ms: number) => `Connected as ${as} in ${ms} ms.`,
  failed: 'Failed: ',
} as const;
const W = PRESENCE_OPTION_WORDS;

function textSetting(ctx: OptionsContext, key: SettingKey & ('sipServer' | 'sipAddress' | 'sipUsername'), label: string, attrs: Record<string, string>, hint?: string): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { id: key, name: key, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  input.value = ctx.settings()[key];
  const f = field(ctx, key, label, [input], hint ? { hint } : {});
  input.addEventListener('change', () => {
    void commitTo(ctx, f, key, input.value.trim()).then((ok) => {
      if (ok) input.value = ctx.settings()[key];
    });
  });
  return { el: f.el, input };
}

export function presenceSection(ctx: OptionsContext, deps: PresenceDeps): HTMLElement {
  const on = h('input', { id: 'presence', name: 'presence', type: 'checkbox' });
  on.checked = ctx.settings().presence === 'sip';
  const onField = field(ctx, 'presence', W.show, [on], { hint: W.showHint });
  // The checkbox comes before its label.
  onField.el.querySelector('label')?.before(on);
  on.addEventListener('change', () => void commitTo(ctx, onField, 'presence', on.checked ? 'sip' : 'off'));

  const server = textSetting(ctx, 'sipServer', W.server, { type: 'url', placeholder: 'wss://sip.example.com/ws' }, W.serverHint);
  const address = textSetting(ctx, 'sipAddress', W.address, { placeholder: 'sip:you@example.com' });
  const username = textSetting(ctx, 'sipUsername', W.username, {}, W.usernameHint);

  const password = h('input', { id: 'sipPassword', name: 'sipPassword', type: 'password', autocomplete: 'new-password', 'aria-describedby': 'sipPassword-hint sipPassword-status' });
  const passwordStatus = h('p', { id: 'sipPassword-status', class: 'hint', role: 'status' });
  password.addEventListener('change', () => {
    const value = password.value;
    if (!value) return;
    void deps.savePassword(value).then(
      () => (passwordStatus.textContent = W.passwordSaved),
      (e: unknown) => (passwordStatus.textContent = e instanceof Error ? e.message : String(e)),
    );
  });
  const forget = h('button', { type: 'button', id: 'sipPassword-forget' }, W.forget);
  forget.addEventListener('click', () => {
    password.value = '';
    void deps.savePassword('').then(() => (passwordStatus.textContent = W.forgotten));
  });
  const passwordField = h('div', { class: 'field', 'data-key': 'sipPassword' },
    h('label', { for: 'sipPassword' }, W.password), password, ' ', forget,
    h('p', { id: 'sipPassword-hint', class: 'hint' }, W.passwordHint), passwordStatus);

  const out = h('p', { id: 'sip-test-result', role: 'status', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', id: 'test-sip' }, W.test);
  test.addEventListener('click', () => {
    replace(out, W.testing);
    test.disabled = true;
    const account = { sipServer: server.input.value.trim(), sipAddress: address.input.value.trim(), sipUsername: username.input.value.trim(), password: password.value };
    void deps.testSip(account).then((r) => {
      if (!r.ok) return replace(out, h('span', { class: 'error' }, W.failed, ...errorText(r.error)));
      const o = r.value;
      replace(out, o.connected
        ? h('span', { class: 'ok' }, W.connected(o.as, o.latencyMs))
        : h('span', { class: 'error' }, W.failed, ...errorText(o.error)));
    }).finally(() => (test.disabled = false));
  });

  return h('section', { 'aria-labelledby': 'presence-heading' },
    h('h2', { id: 'presence-heading' }, W.heading),
    onField.el, server.el, address.el, username.el, passwordField,
    h('div', { class: 'field' }, test, ' ', out));
}
