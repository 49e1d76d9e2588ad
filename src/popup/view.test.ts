// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LookupResult } from '../core/enum/types.ts';
import { aliceResult } from '../../test/fixtures/lookup-result.ts';
import { renderNumbers, renderPopup, type PopupActions, type PopupModel } from './view.ts';
import { errorMeaning } from '../shared/display.ts';
import { INSPECT_INPUT_MAX } from '../shared/protocol.ts';

// Alice's answer with only its SIP and pres URIs, just fetched.
const result: LookupResult = {
  ...aliceResult,
  uris: aliceResult.uris.slice(0, 2),
  rejected: [],
  fetchedAt: Date.now(),
};
const model: PopupModel = { region: 'AT', hostname: 'shop.example', siteEnabled: true, siteLocked: false };
const flush = () => new Promise((r) => setTimeout(r, 0));

function actions(over: Partial<PopupActions> = {}): PopupActions {
  return {
    inspect: vi.fn(async () => ({ ok: true as const, value: result })),
    setSiteEnabled: vi.fn(async () => ({ ok: true as const, value: null })),
    clearCache: vi.fn(async () => ({ ok: true as const, value: null })),
    openOptions: vi.fn(),
    ...over,
  };
}

let root: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('main');
  document.body.append(root);
});

describe('popup', () => {
  it('has the inspect field as its first text field, labelled', () => {
    renderPopup(root, model, actions());
    const first = root.querySelector('input');
    expect(first?.id).toBe('inspect-input');
    expect(root.querySelector(`label[for="${first?.id}"]`)?.textContent).toBe('Look up a phone number');
    expect(root.querySelector('#inspect-hint')?.textContent).toContain('region AT');
  });

  it('Enter in the inspect field shows the result in the same form', async () => {
    const a = actions();
    renderPopup(root, model, a);
    const input = root.querySelector<HTMLInputElement>('#inspect-input')!;
    input.value = ' +43 1 2345678 ';
    input.form!.requestSubmit();
    await flush();
    expect(a.inspect).toHaveBeenCalledWith('+43 1 2345678');
    const out = root.querySelector('#inspect-result article')!;
    expect(out.getAttribute('data-state')).toBe('pres');
    expect(out.querySelector('.pres a')?.textContent).toBe('pres:alice@example.test');
  });

  it('shows bad input next to the field (aria-describedby, aria-invalid)', async () => {
    renderPopup(
      root,
      model,
      actions({ inspect: async () => ({ ok: false, error: { code: 'bad-number', message: 'Not a phone number.' } }) }),
    );
    const input = root.querySelector<HTMLInputElement>('#inspect-input')!;
    input.form!.requestSubmit();
    expect(root.querySelector('#inspect-error')?.textContent).toBe('Type a phone number first.');
    input.value = 'abc';
    input.form!.requestSubmit();
    await flush();
    // The code's meaning in the UI's language, then the core's own message and the code (README "Languages").
    expect(root.querySelector('#inspect-error')?.textContent).toBe(
      `${errorMeaning('bad-number')} Not a phone number. (bad-number)`,
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('inspect-error');
  });

  it('refuses an input too long to send, in words, without asking the background', async () => {
    const a = actions();
    renderPopup(root, model, a);
    const input = root.querySelector<HTMLInputElement>('#inspect-input')!;
    // Typing and pasting stop at the protocol's limit; a longer value set otherwise is refused before sending.
    expect(input.maxLength).toBe(INSPECT_INPUT_MAX);
    for (const value of ['1'.repeat(150), '1'.repeat(500)]) {
      input.value = value;
      // The submit event itself: happy-dom counts a value set by script as tooLong and would not submit (a
      // browser checks maxlength on the user's edits only).
      input.form!.dispatchEvent(new Event('submit', { cancelable: true }));
      await flush();
      expect(a.inspect).not.toHaveBeenCalled();
      const error = root.querySelector('#inspect-error')!;
      expect(error.textContent).toMatch(new RegExp(`^${errorMeaning('bad-number')} .*too long.*\\(bad-number\\)$`));
      expect(error.textContent).not.toContain('Invalid payload');
      expect(input.getAttribute('aria-invalid')).toBe('true');
    }
    // At the limit it is sent: what is wrong with it is the core's to say.
    input.value = '1'.repeat(INSPECT_INPUT_MAX);
    input.form!.requestSubmit();
    await flush();
    expect(a.inspect).toHaveBeenCalledWith('1'.repeat(INSPECT_INPUT_MAX));
  });

  it('lists the tab numbers with their state, and explains an empty list', () => {
    const view = renderPopup(root, model, actions());
    view.showNumbers({
      ok: true,
      value: {
        numbers: [
          { e164: '+4312345678', state: 'pres', result },
          { e164: '+4312345679', state: 'idle' },
        ],
      },
    });
    const items = root.querySelectorAll('#numbers article');
    expect([...items].map((i) => i.getAttribute('data-state'))).toEqual(['pres', 'idle']);
    expect(items[1]?.textContent).toContain('Not looked up yet');
    view.showNumbers({ ok: true, value: { numbers: [] } });
    expect(root.querySelector('#numbers')?.textContent).toBe('No phone numbers found on this page.');
    expect(renderNumbers({ ok: false, error: { code: 'unreachable', message: 'gone' } }, true).textContent).toContain(
      'gone',
    );
  });

  it('the site switch turns the site off and shows it', async () => {
    const a = actions();
    const view = renderPopup(root, model, a);
    view.showNumbers({ ok: true, value: { numbers: [] } });
    const box = root.querySelector<HTMLInputElement>('#site-switch')!;
    expect(box.getAttribute('role')).toBe('switch');
    expect(box.checked).toBe(true);
    box.click();
    await flush();
    expect(a.setSiteEnabled).toHaveBeenCalledWith('shop.example', false);
    expect(root.querySelector('#numbers')?.textContent).toBe('Switched off on this site.');
  });

  it('the site switch is disabled with a note when disabledSites is locked, absent on non-web tabs', () => {
    renderPopup(root, { ...model, siteLocked: true }, actions());
    expect(root.querySelector<HTMLInputElement>('#site-switch')?.disabled).toBe(true);
    expect(root.querySelector('#site-status')?.textContent).toBe('Set by your administrator.');
    renderPopup(root, { ...model, hostname: undefined }, actions());
    expect(root.querySelector('#site-switch')).toBeNull();
  });

  it('Clear cache reports the outcome', async () => {
    const a = actions();
    renderPopup(root, model, a);
    root.querySelector<HTMLButtonElement>('#clear-cache')!.click();
    await flush();
    expect(a.clearCache).toHaveBeenCalled();
    expect(root.querySelector('#clear-status')?.textContent).toBe('Cache cleared.');
  });
});
