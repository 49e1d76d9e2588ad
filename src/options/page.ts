// The options page: every field validated and saved as it changes, locked (managed) keys disabled with a note.
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { ProtocolError } from '../shared/protocol.ts';
import { sameValue, SETTING_KEYS, validateSetting, type SettingKey, type Settings } from '../shared/settings.ts';
import { h, replace } from '../ui/dom.ts';
import { t, withNodes } from '../shared/i18n.ts';
import { FIELD_ERROR_EVENT, radioSetting, regionSetting, type OptionsContext } from './fields.ts';
import { listSetting } from './list-editor.ts';
import { providerSection, type ProviderDeps } from './provider.ts';
import { presenceSection, type PresenceDeps } from './presence.ts';

export interface OptionsDeps extends ProviderDeps, PresenceDeps {
  /** Store `settings`, leaving out the `locked` (managed) keys. */
  save(settings: Settings, locked: readonly SettingKey[]): Promise<void>;
  /** Region of the browser's locale, shown as what an empty default region means. */
  browserRegion: string;
}

export interface OptionsPage {
  /**
   * Settings changed elsewhere (popup, another options tab, policy): the fields whose value or lock differs show
   * it, in place; a field the user is editing keeps what is in it (OptionsContext.follow).
   */
  update(loaded: { settings: Settings; locked: SettingKey[] }): void;
}

/** How long "Saved." stays. */
export const SAVED_SHOWN_MS = 5000;

const RESOLVE_ON = () => [
  { value: 'hover', label: t('resolveOnHover') },
  { value: 'visible', label: t('resolveOnVisible') },
  { value: 'never', label: t('resolveOnNever') },
];

function privacyNote(): HTMLElement {
  return h(
    'section',
    { class: 'privacy', 'aria-labelledby': 'privacy-heading' },
    h('h2', { id: 'privacy-heading' }, t('privacyHeading')),
    h(
      'p',
      {},
      ...withNodes<string | HTMLElement>(
        'privacyNames',
        h('code', {}, '8.7.6.5.4.3.2.1.3.4.e164.arpa'),
        '+43 1 2345678',
      ),
    ),
    h('p', {}, t('privacyChosen')),
  );
}

export function renderOptions(
  root: HTMLElement,
  loaded: { settings: Settings; locked: SettingKey[] },
  deps: OptionsDeps,
): OptionsPage {
  let settings = loaded.settings;
  let locked = loaded.locked;
  let queue: Promise<unknown> = Promise.resolve();
  const followers = new Map<SettingKey, (() => void)[]>();
  // "Saved." says what happened last: shown in the line of the field changed (fields.ts), announced here, gone
  // after a few seconds or as soon as a change fails. In the flow of the page, never over a control.
  const saved = h('p', { id: 'save-status', class: 'visually-hidden', role: 'status' });
  let savedTimer: ReturnType<typeof setTimeout> | undefined;
  const showSaved = (key?: SettingKey) => {
    clearTimeout(savedTimer);
    for (const mark of root.querySelectorAll('.field-saved')) mark.textContent = '';
    saved.textContent = key ? t('saved') : '';
    if (!key) return;
    const mark = root.querySelector(`.field[data-key="${key}"] .field-saved`);
    if (mark) mark.textContent = t('saved');
    savedTimer = setTimeout(() => showSaved(), SAVED_SHOWN_MS);
  };
  root.addEventListener(FIELD_ERROR_EVENT, () => showSaved());

  const ctx: OptionsContext = {
    settings: () => settings,
    follow(key, refresh) {
      followers.set(key, [...(followers.get(key) ?? []), refresh]);
    },
    get locked() {
      return locked;
    },
    commit(key, value) {
      // Saves run one after another so that quick successive changes never overwrite each other.
      const run = queue.then(async (): Promise<Result<null, ProtocolError>> => {
        if (locked.includes(key)) return err('invalid-setting', t('fixedByAdmin'));
        const r = validateSetting(key, value);
        if (!r.ok) return r;
        const next = { ...settings, [key]: r.value };
        try {
          await deps.save(next, locked);
        } catch (e) {
          return err('storage', t('notSaved', e instanceof Error ? e.message : String(e)));
        }
        settings = next;
        showSaved(key);
        return ok(null);
      });
      queue = run;
      return run;
    },
  };

  function render(): void {
    followers.clear();
    replace(
      root,
      h('h1', {}, t('optionsTitle')),
      h(
        'form',
        { id: 'options', novalidate: true },
        h(
          'section',
          { 'aria-labelledby': 'provider-heading' },
          h('h2', { id: 'provider-heading' }, t('providerHeading')),
          ...providerSection(ctx, deps),
        ),
        h(
          'section',
          { 'aria-labelledby': 'lookup-heading' },
          h('h2', { id: 'lookup-heading' }, t('lookupHeading')),
          listSetting(ctx, {
            key: 'suffixes',
            label: t('suffixesLabel'),
            addLabel: t('addSuffix'),
            placeholder: DEFAULT_SUFFIX,
            reorder: true,
            empty: t('noSuffixes'),
            hint: t('suffixesHint'),
          }),
          regionSetting(ctx, deps.browserRegion),
          radioSetting(ctx, 'resolveOn', t('resolveOnLabel'), RESOLVE_ON()),
        ),
        presenceSection(ctx, deps),
        h(
          'section',
          { 'aria-labelledby': 'sites-heading' },
          h('h2', { id: 'sites-heading' }, t('sitesHeading')),
          listSetting(ctx, {
            key: 'disabledSites',
            label: t('disabledSitesLabel'),
            addLabel: t('addSite'),
            placeholder: 'www.example.com',
            reorder: false,
            empty: t('noSites'),
          }),
        ),
      ),
      saved,
      privacyNote(),
    );
    // Enter in a text field must never submit (and reload) the page: fields save on change.
    root.querySelector('form')?.addEventListener('submit', (ev) => ev.preventDefault());
  }
  render();
  return {
    update(next) {
      // Nothing differs when our own save comes back.
      const changed = SETTING_KEYS.filter(
        (k) => !sameValue(next.settings[k], settings[k]) || next.locked.includes(k) !== locked.includes(k),
      );
      settings = next.settings;
      locked = next.locked;
      for (const key of changed) for (const refresh of followers.get(key) ?? []) refresh();
    },
  };
}
