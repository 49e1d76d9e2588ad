// The account check behind the options page's Test (core/presence/session.ts testSipAccount) in Node against
// Kamailio over WebSocket: connected as the user, or the exact failure — wrong password (407), a domain the
// server refuses (403), nothing listening, an untrusted certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testSipAccount } from '../../src/core/presence/session.ts';
import type { WebSocketLike } from '../../src/core/presence/sip-transport.ts';
import { startKamailio, type Kamailio } from '../world/kamailio.ts';

let sip: Kamailio;
beforeAll(async () => {
  sip = await startKamailio();
});
afterAll(async () => {
  await sip?.stop();
});

const plain = (url: string, protocol: string) => new WebSocket(url, protocol) as unknown as WebSocketLike;
const test = (server: string, address: string, password: string, webSocket = plain) =>
  testSipAccount({
    server,
    address,
    username: address.replace(/^sip:|@.*$/g, ''),
    password,
    webSocket,
    now: () => performance.now(),
    languages: [],
    connectTimeoutMs: 3000,
  });

describe('testSipAccount', () => {
  it('right credentials: connected as the user, with the time it took', async () => {
    const r = await test(sip.ws, 'sip:bob@example.test', sip.users.bob!);
    expect(r).toEqual({ connected: true, as: 'bob (sip:bob@example.test)', latencyMs: expect.any(Number) });
    // …and the check left no subscription behind: it was a fetch (Expires: 0).
    expect(await sip.log()).toMatch(/REQ SUBSCRIBE sip:bob@example\.test from \S+ proto=ws expires=0\n/);
  });

  it("a wrong password: sip-auth-failed, saying the server's 407", async () => {
    expect(await test(sip.ws, 'sip:bob@example.test', 'wrong')).toMatchObject({
      connected: false,
      error: { code: 'sip-auth-failed', message: expect.stringContaining('407 Proxy Authentication Required') },
    });
  });

  it('an address in a domain the server does not serve: 403', async () => {
    expect(await test(sip.ws, 'sip:bob@elsewhere.example', 'x')).toMatchObject({
      connected: false,
      error: { code: 'sip-forbidden' },
    });
  });

  it("nothing listening, or a certificate not trusted: sip-connect-failed with the socket's words", async () => {
    expect(await test('ws://127.0.0.1:9', 'sip:bob@example.test', 'x')).toMatchObject({
      connected: false,
      error: { code: 'sip-connect-failed', message: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(await test(sip.wss, 'sip:bob@example.test', sip.users.bob!)).toMatchObject({
      connected: false,
      error: { code: 'sip-connect-failed', message: expect.stringMatching(/certificate/) },
    });
  });
});
