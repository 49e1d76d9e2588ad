// @vitest-environment happy-dom
// No cold-start wait: the options form is drawn from storage.local while storage.managed has not answered (in a
// fresh Chromium profile its first read takes seconds), and a managed value, once it arrives, wins and is locked.
import { beforeEach, expect, it, vi } from 'vitest';
import { watchSettingsIn, type StorageAreas } from '../platform/any-api.ts';
import { DEFAULT_SETTINGS, SETTINGS } from '../shared/settings.ts';
import { startOptions } from './start.ts';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Storage areas whose managed read answers only when the test says so. */
function slowPolicy(local: Record<string, unknown>) {
  let answer!: (v: Record<string, unknown>) => void;
  const managed = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
  const areas: StorageAreas = {
    local: { get: async () => ({ settings: local }) },
    managed: { get: () => managed },
    onChanged: { addListener: () => {}, removeListener: () => {} },
  };
  return { areas, answer };
}

let root: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('main');
  document.body.append(root);
});

it('shows the form from storage.local before storage.managed answers, then applies and locks managed values', async () => {
  const { areas, answer } = slowPolicy({ version: 1, dohUrl: 'https://dns.quad9.net/dns-query', resolveOn: 'visible' });
  startOptions(root, {
    watchSettings: (listener) => watchSettingsIn(areas, SETTINGS, listener),
    save: vi.fn(async () => {}),
    browserRegion: 'US',
    requestPermission: async () => ({ ok: true, value: null }),
    testProvider: async () => ({ ok: true, value: { latencyMs: 1, dnssec: true } }),
    savePassword: async () => {},
    testSip: async () => ({ ok: true, value: { connected: true, as: 'bob', latencyMs: 1 } }),
  });
  await flush();
  expect(root.querySelector('form#options')).not.toBeNull();
  expect(root.querySelector<HTMLInputElement>('#provider-quad9')?.checked).toBe(true);
  expect(root.querySelector<HTMLInputElement>('#resolveOn-visible')?.checked).toBe(true);
  expect(root.querySelector<HTMLInputElement>('#provider-quad9')?.disabled).toBe(false);

  answer({ dohUrl: 'https://dns.google/dns-query' });
  await flush();
  expect(root.querySelector<HTMLInputElement>('#provider-google')?.checked).toBe(true);
  expect(root.querySelector<HTMLInputElement>('#provider-google')?.disabled).toBe(true);
  expect(root.querySelector('#dohUrl-locked')).not.toBeNull();
  expect(root.querySelector<HTMLInputElement>('#resolveOn-visible')?.checked).toBe(true);
});

it('calls once when storage.managed answers first, and not again for an empty policy', async () => {
  const { areas, answer } = slowPolicy({});
  answer({});
  const seen = vi.fn();
  watchSettingsIn(areas, SETTINGS, seen);
  await flush();
  expect(seen).toHaveBeenCalledTimes(1);
  expect(seen).toHaveBeenCalledWith({ settings: DEFAULT_SETTINGS, locked: [] });
});
