import { describe, expect, it } from 'vitest';
import { defaultSipUsername, validateSipAddress, validateSipServer, validateSipUsername } from './account.ts';

describe('validateSipServer', () => {
  it('accepts wss:// anywhere and ws:// only on loopback (127.0.0.1, localhost, ::1)', () => {
    expect(validateSipServer('wss://sip.example.com/ws')).toEqual({ ok: true, value: 'wss://sip.example.com/ws' });
    for (const url of ['ws://127.0.0.1:5066', 'ws://localhost/ws', 'ws://[::1]:8080', 'WS://LOCALHOST:1']) {
      expect(validateSipServer(url).ok, url).toBe(true);
    }
  });

  it('refuses ws:// to another host, other schemes, credentials and non-URLs, saying why', () => {
    expect(validateSipServer('ws://sip.example.com/ws')).toMatchObject({
      ok: false,
      error: { code: 'bad-sip-server', message: expect.stringContaining('wss://sip.example.com/ws') },
    });
    expect(validateSipServer('ws://127.0.0.2/')).toMatchObject({ ok: false });
    expect(validateSipServer('https://sip.example.com/')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('https:') },
    });
    expect(validateSipServer('wss://u:p@sip.example.com/')).toMatchObject({ ok: false });
    expect(validateSipServer('sip.example.com')).toMatchObject({ ok: false, error: { code: 'bad-sip-server' } });
  });
});

describe('validateSipAddress', () => {
  it('accepts sip:user@domain (and sips:, a port, an escaped user)', () => {
    for (const a of [
      'sip:alice@example.com',
      'sips:alice@example.com',
      'sip:alice@10.0.0.1:5060',
      'sip:a%20b@example.com',
      'sip:+431234@example.com',
    ]) {
      expect(validateSipAddress(a), a).toEqual({ ok: true, value: a });
    }
  });

  it('refuses what is not an address of record', () => {
    for (const a of [
      'alice@example.com',
      'sip:example.com',
      'sip:alice@',
      'sip:alice@example.com;transport=ws',
      'sip:al ice@example.com',
      'tel:+431234',
      'sip:alice@-bad-.com',
    ]) {
      expect(validateSipAddress(a), a).toMatchObject({ ok: false, error: { code: 'bad-sip-address' } });
    }
  });
});

describe('defaultSipUsername', () => {
  it('is the user part of the address, unescaped', () => {
    expect(defaultSipUsername('sip:alice@example.com')).toBe('alice');
    expect(defaultSipUsername('sips:a%20b@example.com')).toBe('a b');
    expect(defaultSipUsername('sip:bad%zz@example.com')).toBe('bad%zz');
  });
});

describe('validateSipUsername', () => {
  it('refuses control characters, edge spaces and overlong names', () => {
    expect(validateSipUsername('alice').ok).toBe(true);
    expect(validateSipUsername(' alice').ok).toBe(false);
    expect(validateSipUsername('al\nice').ok).toBe(false);
    expect(validateSipUsername('a'.repeat(257)).ok).toBe(false);
  });
});
