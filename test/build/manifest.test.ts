// The manifest (manifest.config.ts): a shipped build holds no loopback host permission; a test build
// (ENUM_PRESENCE_TEST_BUILD=1, npm run build:test) grants the test world's loopback DoH origins.
import { afterEach, describe, expect, it, vi } from 'vitest';

async function manifest(env: Record<string, string | undefined>): Promise<{ host_permissions: string[] }> {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const m = (await import('../../manifest.config.ts')).default as unknown;
  return (
    typeof m === 'function' ? await (m as (env: unknown) => unknown)({ command: 'build', mode: 'production' }) : m
  ) as { host_permissions: string[] };
}

afterEach(() => vi.unstubAllEnvs());

describe('host_permissions', () => {
  it.each(['chrome', 'firefox'])('a %s build asks for the preset providers only', async (target) => {
    const m = await manifest({ TARGET: target, ENUM_PRESENCE_TEST_BUILD: undefined });
    expect(m.host_permissions).toEqual([
      'https://cloudflare-dns.com/*',
      'https://dns.google/*',
      'https://dns.quad9.net/*',
    ]);
    expect(m.host_permissions.some((h) => /127\.0\.0\.1|localhost/.test(h))).toBe(false);
  });

  it('a test build adds the loopback DoH origins of the test world', async () => {
    const m = await manifest({ ENUM_PRESENCE_TEST_BUILD: '1' });
    expect(m.host_permissions).toEqual([
      'https://cloudflare-dns.com/*',
      'https://dns.google/*',
      'https://dns.quad9.net/*',
      'https://127.0.0.1/*',
      'https://localhost/*',
    ]);
  });
});
