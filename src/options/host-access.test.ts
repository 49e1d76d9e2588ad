// @vitest-environment happy-dom
// The options page's host-permission notice against fake settings and permissions.
import { beforeEach, expect, it, vi } from 'vitest';

const state = { dohUrl: 'https://doh.example/dns-query', granted: false, grantOnRequest: true };
const changed: (() => void)[] = [];
const requestHostPermission = vi.fn((_url: string) => {
  state.granted = state.grantOnRequest;
  return Promise.resolve(
    state.grantOnRequest
      ? { ok: true, value: null }
      : { ok: false, error: { code: 'no-host-permission', message: 'refused' } },
  );
});
vi.mock('../platform/permissions.ts', () => ({
  hostAccess: async (url: string) =>
    state.granted ? { granted: true } : { granted: false, host: new URL(url).hostname, pattern: 'x' },
  onPermissionsChanged: (f: () => void) => void changed.push(f),
  requestHostPermission: (url: string) => requestHostPermission(url),
}));
vi.mock('../platform/storage.ts', () => ({
  loadSettings: async () => ({ settings: { dohUrl: state.dohUrl }, locked: [] }),
  onSettingsChanged: (f: () => void) => void changed.push(f),
}));
const { mountHostAccessNotice } = await import('./host-access.ts');

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
let notice: HTMLElement;

beforeEach(async () => {
  Object.assign(state, { dohUrl: 'https://doh.example/dns-query', granted: false, grantOnRequest: true });
  changed.length = 0;
  requestHostPermission.mockClear();
  document.body.replaceChildren();
  const app = document.createElement('main');
  document.body.append(app);
  mountHostAccessNotice(app);
  notice = document.getElementById('host-access')!;
  await flush();
});

it('explains a withheld permission above the form and offers to ask again', () => {
  expect(notice.nextElementSibling?.tagName).toBe('MAIN');
  expect(notice.hidden).toBe(false);
  expect(notice.getAttribute('role')).toBe('alert');
  expect(notice.textContent).toContain('ENUM Presence may not contact doh.example');
  expect(notice.querySelector('button')?.textContent).toBe('Allow access to doh.example');
});

it('asks inside the click (no await before the request) and hides once granted', async () => {
  notice.querySelector('button')!.click();
  expect(requestHostPermission).toHaveBeenCalledWith('https://doh.example/dns-query');
  await flush();
  expect(notice.hidden).toBe(true);
});

it('says so when the browser refuses again', async () => {
  state.grantOnRequest = false;
  notice.querySelector('button')!.click();
  await flush();
  expect(notice.hidden).toBe(false);
  expect(notice.textContent).toContain('(Not allowed: refused)');
});

it('follows permission and settings changes', async () => {
  state.granted = true;
  changed.forEach((f) => f());
  await flush();
  expect(notice.hidden).toBe(true);
  state.granted = false;
  state.dohUrl = 'https://other.example/dns-query';
  changed.forEach((f) => f());
  await flush();
  expect(notice.textContent).toContain('other.example');
});
