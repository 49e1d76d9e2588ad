// Form fields of the options page, each named after its settings key (as Dark Reader and webext-options-sync
// do), with its error next to it (aria-describedby) and a note when an administrator has locked it.
import type { Result } from '../core/result.ts';
import type { ProtocolError } from '../shared/protocol.ts';
import type { SettingKey, Settings } from '../shared/settings.ts';
import { h } from '../ui/dom.ts';
import { t } from '../shared/i18n.ts';
import { errorWords } from '../shared/display.ts';

export interface OptionsContext {
  settings(): Settings;
  readonly locked: readonly SettingKey[];
  /** Validate and save one setting; resolves once saved, or to why not. */
  commit(key: SettingKey, value: unknown): Promise<Result<null, ProtocolError>>;
  /**
   * Call `refresh` when `key`'s value or lock changed elsewhere (popup, another tab, policy), once settings() and
   * locked say so: the form is updated in place, never rebuilt, so focus and what the user is typing stay.
   */
  follow(key: SettingKey, refresh: () => void): void;
}

/**
 * A text input showing a setting. `show` puts the setting's value in (after the page saved it); `follow` does
 * too after a change elsewhere, unless the user is editing the field: focused, or holding text the page did not
 * put there (typed and not yet saved, or refused with its error).
 */
export function shownText(
  input: HTMLInputElement,
  value: () => string,
): { show(): void; editing(): boolean; follow(): void } {
  let shown = (input.value = value());
  const show = () => void (shown = input.value = value());
  const editing = () => input.ownerDocument.activeElement === input || input.value !== shown;
  return { show, editing, follow: () => void (editing() || show()) };
}

/** The documents whose pointer presses are followed (whenReleased). */
const followed = new WeakSet<Document>();
let pressed = false;
let waiting: (() => void)[] = [];

/**
 * Run `update` now, or once the mouse button (or finger) that is down is released and its click has run. A field
 * shows its error on its change, which a click on the next button fires between press and release; an error longer
 * than its kept line (options.css) would move that button down then, the release would miss it and the click be lost.
 */
function whenReleased(update: () => void): void {
  if (pressed) waiting.push(update);
  else update();
}

/** Follow the pointer presses on `doc` for whenReleased (once per document). */
function followPresses(doc: Document): void {
  if (followed.has(doc)) return;
  followed.add(doc);
  doc.addEventListener('pointerdown', () => (pressed = true), true);
  const release = () => {
    pressed = false;
    // After the click, which the browser dispatches right after the release.
    setTimeout(() => {
      const run = waiting;
      waiting = [];
      for (const f of run) f();
    });
  };
  doc.addEventListener('pointerup', release, true);
  doc.addEventListener('pointercancel', release, true);
}

/** Dispatched (bubbling) by a field that shows an error. */
export const FIELD_ERROR_EVENT = 'options-field-error';

export interface Field {
  el: HTMLElement;
  setError(message: string | undefined): void;
}

/**
 * Wrap `controls` with a label (or fieldset + legend for groups), a hint, an error slot and the locked note.
 * Every input (default: the controls) gets aria-describedby pointing at them, and is disabled when locked.
 */
export function field(
  ctx: OptionsContext,
  key: SettingKey,
  label: string,
  controls: HTMLElement[],
  opts: { hint?: string | Node; group?: boolean; inputs?: HTMLElement[] } = {},
): Field {
  const hintId = `${key}-hint`;
  const errorId = `${key}-error`;
  const lockedId = `${key}-locked`;
  const hint = opts.hint ? h('p', { id: hintId, class: 'hint' }, opts.hint) : null;
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert' });
  // The error's line, kept free when empty (options.css); "Saved." shows there after a change of this field
  // (page.ts; announced by the page's one status, #save-status, so hidden from screen readers here).
  const message = h(
    'div',
    { class: 'field-message' },
    error,
    h('span', { class: 'field-saved', 'aria-hidden': 'true' }),
  );
  const note = h('p', { id: lockedId, class: 'locked-note' }, t('lockedNote'));
  const inputs = opts.inputs ?? controls;
  const el = opts.group
    ? h('fieldset', { class: 'field', 'data-key': key }, h('legend', {}, label), ...controls, hint, message)
    : h('div', { class: 'field', 'data-key': key }, h('label', { for: key }, label), ...controls, hint, message);
  /** Disable the inputs and show the note while an administrator fixes the setting. */
  const lock = () => {
    const locked = ctx.locked.includes(key);
    const describedBy = [hint && hintId, errorId, locked && lockedId].filter(Boolean).join(' ');
    for (const c of inputs) {
      c.setAttribute('aria-describedby', describedBy);
      if ('disabled' in c) (c as HTMLInputElement).disabled = locked;
    }
    if (opts.group) el.setAttribute('aria-describedby', describedBy);
    if (locked) message.before(note);
    else note.remove();
    el.toggleAttribute('data-locked', locked);
  };
  lock();
  ctx.follow(key, lock);
  followPresses(el.ownerDocument);
  return {
    el,
    setError(text) {
      whenReleased(() => {
        error.textContent = text ?? '';
        // The page's "Saved." must not stand beside a change that failed (page.ts).
        if (text) el.dispatchEvent(new CustomEvent(FIELD_ERROR_EVENT, { bubbles: true }));
        for (const c of inputs) {
          if (text) c.setAttribute('aria-invalid', 'true');
          else c.removeAttribute('aria-invalid');
        }
      });
    },
  };
}

/** A group of radio buttons named `name`; returns the inputs and their labelled rows. */
export function radios<T extends string>(
  name: string,
  choices: readonly { value: T; label: string }[],
  checked: T,
): { inputs: HTMLInputElement[]; rows: HTMLElement[] } {
  const inputs: HTMLInputElement[] = [];
  const rows = choices.map((c) => {
    const input = h('input', { type: 'radio', name, id: `${name}-${c.value}`, value: c.value });
    input.checked = c.value === checked;
    inputs.push(input);
    return h('div', { class: 'choice' }, input, h('label', { for: input.id }, c.label));
  });
  return { inputs, rows };
}

/** Save a setting from a control's change and show the outcome next to it. */
export async function commitTo(ctx: OptionsContext, f: Field, key: SettingKey, value: unknown): Promise<boolean> {
  const saved = await ctx.commit(key, value);
  f.setError(saved.ok ? undefined : errorWords(saved.error));
  return saved.ok;
}

/** A radio-group setting (resolveOn). */
export function radioSetting<K extends SettingKey>(
  ctx: OptionsContext,
  key: K,
  label: string,
  choices: readonly { value: string; label: string }[],
): HTMLElement {
  const { inputs, rows } = radios(key, choices, String(ctx.settings()[key]));
  const f = field(ctx, key, label, rows, { group: true, inputs });
  for (const i of inputs) i.addEventListener('change', () => void commitTo(ctx, f, key, i.value));
  ctx.follow(key, () => inputs.forEach((i) => (i.checked = i.value === String(ctx.settings()[key]))));
  return f.el;
}

/** The default region: two letters or empty (the browser's locale). */
export function regionSetting(ctx: OptionsContext, browserRegion: string): HTMLElement {
  const input = h('input', {
    id: 'defaultRegion',
    name: 'defaultRegion',
    type: 'text',
    maxlength: '2',
    size: '4',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const text = shownText(input, () => ctx.settings().defaultRegion);
  const hint = browserRegion ? t('regionFieldHintWith', browserRegion) : t('regionFieldHint');
  const f = field(ctx, 'defaultRegion', t('defaultRegion'), [input], { hint });
  input.addEventListener('change', () => {
    void commitTo(ctx, f, 'defaultRegion', input.value.trim()).then((ok) => {
      if (ok) text.show();
    });
  });
  ctx.follow('defaultRegion', text.follow);
  return f.el;
}
