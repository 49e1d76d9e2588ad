// The WebSocket glue of SipWebSocketTransport with a scripted socket: keep-alive, errors in words, who hears of a
// dropped connection. Real sockets: test/integration/presence-cli.test.ts, test/e2e/presence.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransportState } from 'sip.js';
import { SipWebSocketTransport, type WebSocketLike } from './sip-transport.ts';

class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  private listeners = new Map<string, ((ev: never) => void)[]>();
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
  }
  addEventListener(type: string, listener: (ev: never) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, ev: unknown = {}) {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.listeners.get(type) ?? []) l(ev as never);
  }
}

let sockets: ScriptedSocket[];
const transport = (keepAliveMs = 0) =>
  new SipWebSocketTransport(undefined, {
    server: 'wss://sip.example.com/ws',
    keepAliveMs,
    connectTimeoutMs: 5000,
    webSocket: (url, protocol) => {
      const s = new ScriptedSocket(url, protocol);
      sockets.push(s);
      return s;
    },
  });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SipWebSocketTransport', () => {
  it('opens the "sip" subprotocol (RFC 7118 §4.1), sends text frames and hands incoming ones to SIP.js, not the CRLF pongs', async () => {
    const t = transport();
    const received: string[] = [];
    t.onMessage = (m) => received.push(m);
    const connecting = t.connect();
    expect(t.state).toBe(TransportState.Connecting);
    sockets[0]!.emit('open');
    await connecting;
    expect(sockets[0]).toMatchObject({ url: 'wss://sip.example.com/ws', protocol: 'sip' });
    expect(t.protocol).toBe('WSS');
    await t.send('OPTIONS sip:x SIP/2.0\r\n\r\n');
    expect(sockets[0]!.sent).toEqual(['OPTIONS sip:x SIP/2.0\r\n\r\n']);
    sockets[0]!.emit('message', { data: '\r\n' });
    sockets[0]!.emit('message', { data: new TextEncoder().encode('NOTIFY sip:bob SIP/2.0').buffer });
    expect(received).toEqual(['NOTIFY sip:bob SIP/2.0']);
  });

  it('sends a CRLF keep-alive every keepAliveMs while connected, and stops after disconnect', async () => {
    const t = transport(15_000);
    const connecting = t.connect();
    sockets[0]!.emit('open');
    await connecting;
    vi.advanceTimersByTime(45_000);
    expect(sockets[0]!.sent).toEqual(['\r\n\r\n', '\r\n\r\n', '\r\n\r\n']);
    await t.disconnect();
    vi.advanceTimersByTime(60_000);
    expect(sockets[0]!.sent).toHaveLength(3);
    expect(sockets[0]!.closedWith).toBe(1000);
  });

  it("a failed connection rejects with the socket's own words (the ws package gives them), and no onDisconnect", async () => {
    const t = transport();
    const dropped = vi.fn();
    t.onDisconnect = dropped;
    const connecting = t.connect();
    sockets[0]!.emit('error', { message: 'connect ECONNREFUSED 127.0.0.1:9' });
    sockets[0]!.emit('close', { code: 1006 });
    await expect(connecting).rejects.toThrow(
      'WebSocket connection to wss://sip.example.com/ws failed: connect ECONNREFUSED 127.0.0.1:9',
    );
    expect(t.state).toBe(TransportState.Disconnected);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('a connection that never opens times out', async () => {
    const t = transport();
    const connecting = t.connect();
    vi.advanceTimersByTime(5001);
    await expect(connecting).rejects.toThrow(/timed out/);
    expect(sockets[0]!.closedWith).toBe(1000);
  });

  it('a connection the server drops is reported with an error (so the owner reconnects); a deliberate one without', async () => {
    const t = transport();
    const dropped = vi.fn();
    t.onDisconnect = dropped;
    let c = t.connect();
    sockets[0]!.emit('open');
    await c;
    sockets[0]!.emit('close', { code: 1006 });
    expect(dropped).toHaveBeenLastCalledWith(new Error('WebSocket wss://sip.example.com/ws closed (code 1006)'));
    await expect(t.send('x')).rejects.toThrow(/not connected/);
    c = t.connect();
    sockets[1]!.emit('open');
    await c;
    await t.disconnect();
    expect(dropped).toHaveBeenLastCalledWith();
  });

  it('refuses a server URL that is not ws:// or wss://', () => {
    expect(
      () =>
        new SipWebSocketTransport(undefined, {
          server: 'https://sip.example.com',
          webSocket: () => {
            throw new Error('unused');
          },
        }),
    ).toThrow(/Not a WebSocket URL/);
  });
});
