// The popup's DOM: inspect form (the first text field), the current tab's numbers, the site switch and
// the clear-cache button. Pure rendering plus callbacks, so it is unit-tested without a browser.
import type { CoreError, Result } from '../core/result.ts';
import type { LookupResult } from '../core/enum/types.ts';
import { INSPECT_INPUT_MAX, type TabNumber } from '../shared/protocol.ts';
import type { PresenceEntry } from '../core/presence/entry.ts';
import { h, replace } from '../ui/dom.ts';
import { errorText, renderResult, stateBadge } from '../ui/result.ts';
import { t } from '../shared/i18n.ts';
import { errorWords } from '../shared/display.ts';

export type TabEntry = TabNumber & { result?: LookupResult };

export interface PopupModel {
  /** Region used for numbers typed without a leading +, "" when none. */
  region: string;
  /** Hostname of the current tab when it is a web page, for the site switch. */
  hostname: string | undefined;
  siteEnabled: boolean;
  /** disabledSites is fixed by an administrator. */
  siteLocked: boolean;
}

export interface PopupActions {
  /** Look up a typed number; the popup then watches its presence (viewPresence). */
  inspect(input: string): Promise<Result<LookupResult, CoreError>>;
  setSiteEnabled(hostname: string, enabled: boolean): Promise<Result<null, CoreError>>;
  clearCache(): Promise<Result<null, CoreError>>;
  openOptions(): void;
}

export interface PopupView {
  /** Show the numbers of the current tab, or why there are none (called when the background says they changed). */
  showNumbers(reply: Result<{ numbers: TabEntry[] }, CoreError> | undefined): void;
  /** Settings changed (managed values arrived, or another page saved): region hint and site switch follow. */
  setModel(model: PopupModel): void;
  /** What is known of watched presence URIs (viewPresence replies, presenceChanged events): shown live. */
  showPresence(entries: readonly PresenceEntry[]): void;
}

/** The live presence of a result's pres URIs, as far as known. */
export type PresenceOf = (uris: readonly string[]) => PresenceEntry[];

export function renderNumbers(
  reply: Result<{ numbers: TabEntry[] }, CoreError> | undefined,
  siteEnabled: boolean,
  now = Date.now(),
  presenceOf: PresenceOf = () => [],
): HTMLElement {
  if (!siteEnabled) return h('p', { class: 'muted' }, t('switchedOff'));
  if (!reply) return h('p', { class: 'muted' }, t('notWebPage'));
  if (!reply.ok) return h('p', { class: 'error' }, t('tabNumbersFailed', reply.error.message));
  if (reply.value.numbers.length === 0) return h('p', { class: 'muted' }, t('noNumbers'));
  return h(
    'div',
    { class: 'numbers' },
    ...reply.value.numbers.map((n) =>
      n.result
        ? renderResult(n.result, now, presenceOf(n.result.pres))
        : h(
            'article',
            { class: 'result', 'data-state': n.state, 'data-e164': n.e164 },
            h('header', {}, h('strong', { class: 'e164' }, n.e164), ' ', stateBadge(n.state)),
          ),
    ),
  );
}

const regionHint = (model: PopupModel) => (model.region ? t('regionHint', model.region) : t('regionHintNone'));

function inspectForm(
  model: PopupModel,
  actions: PopupActions,
  presenceOf: PresenceOf,
): { form: HTMLElement; redraw(): void } {
  const input = h('input', {
    id: 'inspect-input',
    type: 'text',
    inputmode: 'tel',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: String(INSPECT_INPUT_MAX),
    placeholder: '+43 1 2345678',
    'aria-describedby': 'inspect-hint inspect-error',
  });
  const error = h('p', { id: 'inspect-error', class: 'field-error', role: 'alert' });
  const out = h('div', { id: 'inspect-result', 'aria-live': 'polite' });
  let shown: LookupResult | undefined;
  const redraw = () => shown && replace(out, renderResult(shown, Date.now(), presenceOf(shown.pres)));
  const button = h('button', { type: 'submit', class: 'primary' }, t('lookUp'));
  const hint = h('p', { id: 'inspect-hint', class: 'hint' }, regionHint(model));
  const form = h(
    'form',
    { class: 'inspect', role: 'search', 'aria-label': t('inspectFormLabel') },
    h('label', { for: 'inspect-input' }, t('inspectLabel')),
    h('div', { class: 'row' }, input, button),
    hint,
    error,
    out,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    if (!value) {
      error.textContent = t('typeNumberFirst');
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    // maxlength stops typing and pasting; a longer value set otherwise would be refused as a malformed message.
    if (value.length > INSPECT_INPUT_MAX) {
      const tooLong = {
        code: 'bad-number',
        message: `The input is too long to be a phone number (${value.length} characters, at most ${INSPECT_INPUT_MAX}).`,
      };
      replace(out);
      replace(error, ...errorText(tooLong));
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    button.disabled = true;
    shown = undefined;
    replace(out, h('p', { class: 'muted' }, t('lookingUp', value)));
    void actions.inspect(value).then((r) => {
      button.disabled = false;
      if (r.ok) {
        shown = r.value;
        redraw();
      } else {
        replace(out);
        replace(error, ...errorText(r.error));
        input.setAttribute('aria-invalid', 'true');
      }
    });
  });
  return { form, redraw };
}

function siteSwitch(
  model: PopupModel,
  actions: PopupActions,
  onChange: (enabled: boolean) => void,
): HTMLElement | null {
  if (!model.hostname) return null;
  const hostname = model.hostname;
  const box = h('input', {
    id: 'site-switch',
    type: 'checkbox',
    role: 'switch',
    disabled: model.siteLocked,
    'aria-describedby': 'site-status',
  });
  box.checked = model.siteEnabled;
  const status = h(
    'p',
    { id: 'site-status', class: model.siteLocked ? 'locked-note' : 'hint' },
    model.siteLocked ? t('siteLocked') : '',
  );
  box.addEventListener('change', () => {
    const enabled = box.checked;
    box.disabled = true;
    void actions.setSiteEnabled(hostname, enabled).then((r) => {
      box.disabled = false;
      if (r.ok) {
        status.className = 'hint';
        status.textContent = enabled ? t('siteOn', hostname) : t('siteOff', hostname);
        onChange(enabled);
      } else {
        box.checked = !enabled;
        status.className = 'error';
        status.textContent = errorWords(r.error);
      }
    });
  });
  return h(
    'section',
    { class: 'site' },
    h('label', { for: 'site-switch' }, box, ` ${t('siteSwitch', hostname)}`),
    status,
  );
}

export function renderPopup(root: HTMLElement, model: PopupModel, actions: PopupActions): PopupView {
  let siteEnabled = model.siteEnabled;
  let last: Result<{ numbers: TabEntry[] }, CoreError> | undefined;
  let loaded = false;
  const presence = new Map<string, PresenceEntry>();
  const presenceOf: PresenceOf = (uris) => uris.flatMap((u) => presence.get(u) ?? []);
  const list = h('div', { id: 'numbers', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('loading')));
  const show = (reply: typeof last) => {
    last = reply;
    loaded = true;
    replace(list, renderNumbers(reply, siteEnabled, Date.now(), presenceOf));
  };
  const clearStatus = h('span', { id: 'clear-status', class: 'hint', role: 'status' });
  const clear = h('button', { type: 'button', id: 'clear-cache' }, t('clearCache'));
  clear.addEventListener('click', () => {
    void actions.clearCache().then((r) => {
      clearStatus.className = r.ok ? 'hint' : 'error';
      clearStatus.textContent = r.ok ? t('cacheCleared') : r.error.message;
    });
  });
  const options = h('button', { type: 'button', id: 'open-options' }, t('optionsButton'));
  options.addEventListener('click', () => actions.openOptions());
  const site = (m: PopupModel) =>
    siteSwitch(m, actions, (enabled) => {
      siteEnabled = enabled;
      show(last);
    });
  let switchEl = site(model);
  const inspect = inspectForm(model, actions, presenceOf);
  replace(
    root,
    h('h1', { class: 'visually-hidden' }, t('extName')),
    inspect.form,
    h(
      'section',
      { class: 'tab', 'aria-labelledby': 'tab-heading' },
      h('h2', { id: 'tab-heading' }, t('onThisPage')),
      list,
    ),
    switchEl,
    h('footer', {}, clear, ' ', options, ' ', clearStatus),
  );
  return {
    showNumbers: show,
    showPresence(entries) {
      for (const e of entries) presence.set(e.uri, e);
      inspect.redraw();
      if (loaded) show(last);
    },
    setModel(next) {
      const hint = root.querySelector('#inspect-hint');
      if (hint) hint.textContent = regionHint(next);
      // The tab (and so the hostname, and whether there is a switch) stays the popup's whole life.
      if (switchEl && (next.siteEnabled !== siteEnabled || next.siteLocked !== model.siteLocked)) {
        const fresh = site(next) as HTMLElement;
        switchEl.replaceWith(fresh);
        switchEl = fresh;
        siteEnabled = next.siteEnabled;
        if (loaded) show(last);
      }
      model = next;
    },
  };
}
