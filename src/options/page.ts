// The options page: every field validated and saved as it changes, locked (managed) keys disabled with a note.
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { ProtocolError } from '../shared/protocol.ts';
import { sameValue, SETTING_KEYS, validateSetting, type SettingKey, type Settings } from '../shared/settings.ts';
import { h, replace } from '../ui/dom.ts';
import { radioSetting, regionSetting, type OptionsContext } from './fields.ts';
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
  /** Settings changed elsewhere (popup, another options tab, policy): re-render when a value or a lock differs. */
  update(loaded: { settings: Settings; locked: SettingKey[] }): void;
}

const RESOLVE_ON = [
  { value: 'hover', label: 'When I point at a number (or focus it)' },
  { value: 'visible', label: 'As soon as numbers appear on a page' },
  { value: 'never', label: 'Only when I ask (in the toolbar popup or with the context menu)' },
] as const;

function privacyNote(): HTMLElement {
  return h(
    'section',
    { class: 'privacy', 'aria-labelledby': 'privacy-heading' },
    h('h2', { id: 'privacy-heading' }, 'What leaves your browser'),
    h('p', {}, 'Only the ENUM names of the phone numbers you chose to look up — for example ',
      h('code', {}, '8.7.6.5.4.3.2.1.3.4.e164.arpa'), ' for +43 1 2345678 — sent to the DNS-over-HTTPS provider chosen above. ',
      'Nothing else from the pages you visit is sent, and nothing is sent to the makers of this extension.'),
    h('p', {}, 'Which numbers count as chosen depends on "When to look numbers up": the ones you point at, every number shown on a page, or only the ones you ask about.'),
  );
}

export function renderOptions(root: HTMLElement, loaded: { settings: Settings; locked: SettingKey[] }, deps: OptionsDeps): OptionsPage {
  let settings = loaded.settings;
  let locked = loaded.locked;
  let queue: Promise<unknown> = Promise.resolve();
  const saved = h('p', { id: 'save-status', class: 'hint', role: 'status' });

  const ctx: OptionsContext = {
    settings: () => settings,
    get locked() {
      return locked;
    },
    commit(key, value) {
      // Saves run one after another so that quick successive changes never overwrite each other.
      const run = queue.then(async (): Promise<Result<null, ProtocolError>> => {
        if (locked.includes(key)) return err('invalid-setting', 'This setting is fixed by your administrator.');
        const r = validateSetting(key, value);
        if (!r.ok) return r;
        const next = { ...settings, [key]: r.value };
        try {
          await deps.save(next, locked);
        } catch (e) {
          return err('storage', `Not saved: ${e instanceof Error ? e.message : String(e)}`);
        }
        settings = next;
        saved.textContent = 'Saved.';
        return ok(null);
      });
      queue = run;
      return run;
    },
  };

  function render(): void {
    replace(
      root,
      h('h1', {}, 'ENUM Presence options'),
      h('form', { id: 'options', novalidate: true },
        h('section', { 'aria-labelledby': 'provider-heading' }, h('h2', { id: 'provider-heading' }, 'Provider'), ...providerSection(ctx, deps)),
        h('section', { 'aria-labelledby': 'lookup-heading' },
          h('h2', { id: 'lookup-heading' }, 'Looking numbers up'),
          listSetting(ctx, {
            key: 'suffixes', label: 'ENUM suffixes', addLabel: 'Add a suffix', placeholder: DEFAULT_SUFFIX, reorder: true,
            empty: 'No suffixes.', hint: 'Asked in this order; the first that has records for a number answers.',
          }),
          regionSetting(ctx, deps.browserRegion),
          radioSetting(ctx, 'resolveOn', 'When to look numbers up', RESOLVE_ON)),
        presenceSection(ctx, deps),
        h('section', { 'aria-labelledby': 'sites-heading' },
          h('h2', { id: 'sites-heading' }, 'Sites'),
          listSetting(ctx, {
            key: 'disabledSites', label: 'Switched-off sites', addLabel: 'Switch off a site', placeholder: 'www.example.com', reorder: false,
            empty: 'None: the extension works on every site. Switch a site off from the popup.',
          }))),
      saved,
      privacyNote(),
    );
    // Enter in a text field must never submit (and reload) the page: fields save on change.
    root.querySelector('form')?.addEventListener('submit', (ev) => ev.preventDefault());
  }
  render();
  return {
    update(next) {
      const changed = SETTING_KEYS.some((k) => !sameValue(next.settings[k], settings[k]) || next.locked.includes(k) !== locked.includes(k));
      if (!changed) return; // our own save coming back: re-rendering would move focus
      settings = next.settings;
      locked = next.locked;
      render();
    },
  };
}
