// Host permission helpers against a fake browser.permissions.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const granted = new Set<string>();
const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() };
const event = (set: Set<() => void>) => ({
  addListener: (f: () => void) => set.add(f),
  removeListener: (f: () => void) => set.delete(f),
});
let failing = false;
let asked = 0;
let extensionUrl = 'moz-extension://5c6b2a1e/';
vi.mock('./browser.ts', () => ({
  default: {
    runtime: { getURL: (path: string) => extensionUrl + path },
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => {
        asked++;
        if (failing) throw new Error('no permissions API');
        return origins.every((o) => granted.has(o));
      },
      onAdded: event(listeners.added),
      onRemoved: event(listeners.removed),
    },
  },
}));
const { checkHostPermission, hostAccess, noHostPermissionError, onPermissionsChanged, NO_HOST_PERMISSION } =
  await import('./permissions.ts');

/** The user revokes access: the browser fires permissions.onRemoved. */
const revoke = (pattern: string) => {
  granted.delete(pattern);
  for (const f of listeners.removed) f();
};

beforeEach(() => {
  for (const pattern of granted) revoke(pattern);
  asked = 0;
  failing = false;
  extensionUrl = 'moz-extension://5c6b2a1e/';
});

describe('hostAccess', () => {
  it('in Chromium asks for the origin pattern with its port, so other ports of the host stay closed', async () => {
    extensionUrl = 'chrome-extension://abcdefghijklmnop/';
    expect(await hostAccess('https://doh.example:8443/dns-query')).toEqual({
      granted: false,
      host: 'doh.example',
      pattern: 'https://doh.example:8443/*',
    });
    expect(await hostAccess('https://doh.example/dns-query')).toEqual({
      granted: false,
      host: 'doh.example',
      pattern: 'https://doh.example:443/*',
    });
    granted.add('https://doh.example:8443/*');
    expect(await hostAccess('https://doh.example:8443/dns-query')).toEqual({ granted: true });
  });
  it('in Firefox (no ports in match patterns) asks for the origin pattern without port or path', async () => {
    granted.add('https://127.0.0.1/*');
    expect(await hostAccess('https://127.0.0.1:8443/dns-query')).toEqual({ granted: true });
  });
  it('names the host and pattern when withheld', async () => {
    expect(await hostAccess('https://doh.example/dns-query')).toEqual({
      granted: false,
      host: 'doh.example',
      pattern: 'https://doh.example/*',
    });
  });
  it('treats an API failure and a non-URL as no access', async () => {
    failing = true;
    expect((await hostAccess('https://doh.example/dns-query')).granted).toBe(false);
    expect(await hostAccess('not a url')).toEqual({ granted: false, host: 'not a url', pattern: 'not a url' });
  });
});

describe('hostAccess remembers a grant until any permission changes', () => {
  it('asks the browser once while granted, again after a revocation, and never remembers a refusal', async () => {
    const url = 'https://doh.example/dns-query';
    expect((await hostAccess(url)).granted).toBe(false);
    expect((await hostAccess(url)).granted).toBe(false);
    expect(asked).toBe(2);
    granted.add('https://doh.example/*');
    for (const f of listeners.added) f();
    expect(await hostAccess(url)).toEqual({ granted: true });
    expect(await hostAccess(url)).toEqual({ granted: true });
    expect(asked).toBe(3);
    revoke('https://doh.example/*');
    expect((await hostAccess(url)).granted).toBe(false);
    expect(asked).toBe(4);
  });
  it('keeps one grant per pattern: another port of the host is asked for', async () => {
    extensionUrl = 'chrome-extension://abcdefghijklmnop/';
    granted.add('https://doh.example:8443/*');
    expect((await hostAccess('https://doh.example:8443/dns-query')).granted).toBe(true);
    expect((await hostAccess('https://doh.example:9443/dns-query')).granted).toBe(false);
    expect(asked).toBe(2);
  });
});

describe('checkHostPermission', () => {
  it('is undefined with access and the no-host-permission error without', async () => {
    granted.add('https://dns.quad9.net/*');
    expect(await checkHostPermission('https://dns.quad9.net/dns-query')).toBeUndefined();
    const e = await checkHostPermission('https://doh.example/dns-query');
    expect(e).toEqual(noHostPermissionError('doh.example'));
    expect(e?.code).toBe(NO_HOST_PERMISSION);
    expect(e?.message).toContain('does not allow ENUM Presence to contact doh.example');
    expect(e?.message).toContain('"Allow access to doh.example"');
  });
});

it('onPermissionsChanged fires on grants and revocations until unsubscribed', () => {
  const seen = vi.fn();
  const before = listeners.added.size + listeners.removed.size;
  const off = onPermissionsChanged(seen);
  for (const f of [...listeners.added, ...listeners.removed]) f();
  expect(seen).toHaveBeenCalledTimes(2);
  off();
  expect(listeners.added.size + listeners.removed.size).toBe(before);
});
