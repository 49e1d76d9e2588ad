// An editable list setting: suffixes (add, remove, reorder) and disabledSites (remove; add too).
// Every change is validated and saved at once; a refused change leaves the list as it was, with the reason.
import { parseHostName } from '../core/dns/name.ts';
import type { SettingKey } from '../shared/settings.ts';
import { h, replace } from '../ui/dom.ts';
import { t } from '../shared/i18n.ts';
import { commitTo, field, type OptionsContext } from './fields.ts';

export interface ListOptions {
  key: Extract<SettingKey, 'suffixes' | 'disabledSites'>;
  label: string;
  /** Label of the "add" text field, e.g. "Add a suffix". */
  addLabel: string;
  placeholder: string;
  reorder: boolean;
  empty: string;
  hint?: string;
}

export function listSetting(ctx: OptionsContext, o: ListOptions): HTMLElement {
  const locked = () => ctx.locked.includes(o.key);
  const list = h('ul', { class: 'list', id: `${o.key}-list`, 'aria-label': o.label });
  const addInput = h('input', {
    id: o.key,
    name: o.key,
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: o.placeholder,
  });
  const addButton = h('button', { type: 'button' }, t('add'));
  const addRow = h(
    'div',
    { class: 'row' },
    h('label', { for: o.key, class: 'visually-hidden' }, o.addLabel),
    addInput,
    addButton,
  );
  const f = field(ctx, o.key, o.label, [list, addRow], {
    group: true,
    inputs: [addInput, addButton],
    ...(o.hint ? { hint: o.hint } : {}),
  });

  const items = () => ctx.settings()[o.key];
  /** Save `next`; on success re-render and focus the first enabled button matching `focus`, else the add field. */
  const save = async (next: string[], focus: string[] = []) => {
    if (!(await commitTo(ctx, f, o.key, next))) return false;
    render();
    const target = focus.map((sel) => list.querySelector<HTMLButtonElement>(sel)).find((b) => b && !b.disabled);
    (target ?? addInput).focus();
    return true;
  };

  function button(
    text: string,
    label: string,
    action: string,
    index: number,
    disabled: boolean,
    onClick: () => void,
  ): HTMLButtonElement {
    const b = h(
      'button',
      {
        type: 'button',
        'aria-label': label,
        'data-action': action,
        'data-index': String(index),
        disabled: disabled || locked(),
      },
      text,
    );
    b.addEventListener('click', onClick);
    return b;
  }

  function render(): void {
    const current = items();
    if (current.length === 0) return replace(list, h('li', { class: 'muted' }, o.empty));
    replace(
      list,
      ...current.map((item, i) => {
        const without = current.filter((_, j) => j !== i);
        const move = (to: number) => {
          const next = [...without];
          next.splice(to, 0, item);
          const [same, other] = to < i ? ['up', 'down'] : ['down', 'up'];
          void save(next, [
            `[data-action="${same}"][data-index="${to}"]`,
            `[data-action="${other}"][data-index="${to}"]`,
          ]);
        };
        return h(
          'li',
          { 'data-item': item },
          h('span', { class: 'item' }, item),
          ' ',
          o.reorder ? button('↑', t('moveUp', item), 'up', i, i === 0, () => move(i - 1)) : null,
          o.reorder ? button('↓', t('moveDown', item), 'down', i, i === current.length - 1, () => move(i + 1)) : null,
          button(
            t('remove'),
            t('removeItem', item),
            'remove',
            i,
            false,
            () => void save(without, [`[data-action="remove"][data-index="${Math.min(i, without.length - 1)}"]`]),
          ),
        );
      }),
    );
  }

  /** Mark the entry `item` as the one the add field repeats (undefined: none). */
  const markDuplicate = (item: string | undefined) => {
    for (const li of list.querySelectorAll('li')) li.toggleAttribute('data-duplicate', li.dataset.item === item);
  };
  addInput.addEventListener('input', () => markDuplicate(undefined));

  const add = () => {
    const value = addInput.value.trim();
    if (!value) return f.setError(t('typeName'));
    // The same name in another spelling (case, a final dot) is already listed: saving would drop it without a
    // word (settings-parse.ts listOf keeps each name once), so nothing is saved and the typed text stays, focused,
    // with the entry it repeats marked in the list.
    const name = parseHostName(value);
    if (name.ok && items().includes(name.value)) {
      f.setError(t('alreadyListed', name.value));
      markDuplicate(name.value);
      addInput.focus();
      return;
    }
    void save([...items(), value]).then((ok) => {
      if (ok) addInput.value = '';
    });
  };
  addButton.addEventListener('click', add);
  addInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      add();
    }
  });
  render();
  // A change elsewhere redraws the entries only: the add field keeps what is typed in it; a focused entry's
  // button keeps focus when it is still there.
  ctx.follow(o.key, () => {
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const again =
      focused &&
      `[data-action="${focused.getAttribute('data-action')}"][data-index="${focused.getAttribute('data-index')}"]`;
    render();
    const target = again ? list.querySelector<HTMLButtonElement>(again) : null;
    if (again) (target && !target.disabled ? target : addInput).focus();
  });
  return f.el;
}
