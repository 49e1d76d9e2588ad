// The manager's bookkeeping with an injected clock, timers and SIP session: what it subscribes, unsubscribes,
// keeps in storage.session and re-subscribes. The SIP exchange itself is tested against Kamailio
// (test/integration/presence-cli.test.ts, test/integration/presence.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../core/store.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { PresenceWatch, SipAccount } from '../../core/presence/session.ts';
import type { PresenceEntry, PresenceView } from '../../core/presence/entry.ts';
import { LINGER_MS, MAX_SUBSCRIPTIONS } from '../../core/presence/wanted.ts';
import {
  backoffMs,
  ENTRIES_KEY,
  PresenceManager,
  WANTED_KEY,
  type PresenceDeps,
  type PresenceSession,
} from './manager.ts';

const ACCOUNT: SipAccount = {
  server: 'wss://sip.example.com',
  address: 'sip:bob@example.com',
  username: 'bob',
  password: 'pw',
};

class FakeClock {
  now = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  readonly timersApi = {
    set: (fn: () => void, ms: number) => {
      this.timers.set(++this.id, { at: this.now + ms, fn });
      return this.id;
    },
    clear: (h: unknown) => {
      this.timers.delete(h as number);
    },
  };
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
      await settle();
    }
    this.now = until;
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A SIP session that records what it was asked and lets the test play the server. */
class FakeSession implements PresenceSession {
  subscribed: string[] = [];
  unsubscribed: string[] = [];
  stopped = false;
  listeners = new Map<string, (v: PresenceView) => void>();
  constructor(
    readonly onDisconnect: (e: Error) => void,
    private readonly startResult: Result<void>,
  ) {}
  async start() {
    return this.startResult;
  }
  async stop() {
    this.stopped = true;
  }
  subscribe(target: string, onChange: (v: PresenceView) => void): PresenceWatch {
    this.subscribed.push(target);
    this.listeners.set(target, onChange);
    return {
      uri: target,
      view: undefined,
      subscribed: true,
      unsubscribe: async () => {
        this.unsubscribed.push(target);
      },
    };
  }
  notify(target: string, view: Partial<PresenceView>) {
    this.listeners.get(target)?.({ state: 'available', activities: [], note: null, changedAt: 5, ...view });
  }
}

let clock: FakeClock;
let store: ReturnType<typeof createMemoryStore>;
let sessions: FakeSession[];
let published: PresenceEntry[];
let account: SipAccount | undefined;
let failStarts: number;

function deps(): PresenceDeps {
  return {
    store,
    now: () => clock.now,
    timers: clock.timersApi,
    account: async () => account,
    openSession: (_a, onDisconnect) => {
      const s = new FakeSession(onDisconnect, failStarts-- > 0 ? err('sip-connect-failed', 'refused') : ok(undefined));
      sessions.push(s);
      return s;
    },
    target: async (uri) =>
      uri.startsWith('xmpp:')
        ? err('xmpp-unsupported', 'XMPP presence is not supported yet.')
        : ok(uri.replace(/^pres:/, 'sip:')),
    publish: (e) => published.push(e),
  };
}

beforeEach(() => {
  clock = new FakeClock();
  store = createMemoryStore();
  sessions = [];
  published = [];
  account = ACCOUNT;
  failStarts = 0;
});

describe('PresenceManager', () => {
  it('subscribes once to what is viewed, pushes each change and keeps wanted set and entries in storage.session', async () => {
    const m = new PresenceManager(deps());
    expect(await m.view(['pres:alice@example.com'])).toEqual([
      expect.objectContaining({ uri: 'pres:alice@example.com', state: 'unknown', subscribed: false }),
    ]);
    await m.view(['pres:alice@example.com']);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.subscribed).toEqual(['sip:alice@example.com']);
    sessions[0]!.notify('sip:alice@example.com', { state: 'busy', activities: ['on-the-phone'] });
    expect(published.at(-1)).toEqual({
      uri: 'pres:alice@example.com',
      target: 'sip:alice@example.com',
      subscribed: true,
      state: 'busy',
      activities: ['on-the-phone'],
      note: null,
      changedAt: 5,
    });
    await settle();
    expect(store.data.get(WANTED_KEY)).toEqual([{ uri: 'pres:alice@example.com', viewedAt: clock.now }]);
    expect(store.data.get(ENTRIES_KEY)).toEqual([published.at(-1)]);
    expect((await m.view(['pres:alice@example.com']))[0]?.state).toBe('busy');
  });

  it('unsubscribes 5 minutes after the last view and closes the session when nothing is wanted', async () => {
    const m = new PresenceManager(deps());
    await m.view(['pres:alice@example.com']);
    await clock.advance(LINGER_MS - 10_000);
    await m.view(['pres:alice@example.com']); // a new view restarts the linger time
    await clock.advance(LINGER_MS - 1);
    expect(sessions[0]!.unsubscribed).toEqual([]);
    await clock.advance(2);
    expect(sessions[0]!.unsubscribed).toEqual(['sip:alice@example.com']);
    expect(sessions[0]!.stopped).toBe(true);
    expect(store.data.get(WANTED_KEY)).toEqual([]);
  });

  it('at most 50 at once: the least recently viewed is unsubscribed', async () => {
    const m = new PresenceManager(deps());
    for (let i = 0; i <= MAX_SUBSCRIPTIONS; i++) {
      await m.view([`pres:u${i}@example.com`]);
      clock.now += 1;
    }
    expect(sessions[0]!.subscribed).toHaveLength(MAX_SUBSCRIPTIONS + 1);
    expect(sessions[0]!.unsubscribed).toEqual(['sip:u0@example.com']);
  });

  it('after a worker restart, restore() re-subscribes what is still wanted and forgets what expired', async () => {
    const first = new PresenceManager(deps());
    await first.view(['pres:old@example.com']);
    clock.now += LINGER_MS - 1000;
    await first.view(['pres:new@example.com']);
    sessions[0]!.notify('sip:new@example.com', { state: 'away' });
    await settle();
    clock.now += 2000; // the worker was stopped meanwhile: its timers are gone
    const second = new PresenceManager(deps());
    await second.restore();
    expect(sessions[1]!.subscribed).toEqual(['sip:new@example.com']);
    expect(await second.known(['pres:new@example.com'])).toEqual([
      expect.objectContaining({ state: 'away', subscribed: false }),
    ]);
  });

  it('a refused connection is reported on every wanted entry and retried with back-off; success resets it', async () => {
    failStarts = 2;
    const m = new PresenceManager(deps());
    await m.view(['pres:alice@example.com']);
    expect(published.at(-1)).toMatchObject({ state: 'unknown', error: { code: 'sip-connect-failed' } });
    expect(clock.pending()).toContain(backoffMs(0));
    await clock.advance(backoffMs(0));
    expect(sessions).toHaveLength(2);
    expect(clock.pending()).toContain(backoffMs(1));
    await clock.advance(backoffMs(1));
    expect(sessions).toHaveLength(3);
    expect(sessions[2]!.subscribed).toEqual(['sip:alice@example.com']);
    expect([backoffMs(0), backoffMs(1), backoffMs(10)]).toEqual([1000, 2000, 60_000]);
  });

  it('a dropped connection (server restart) is reported, then everything wanted is subscribed again', async () => {
    const m = new PresenceManager(deps());
    await m.view(['pres:alice@example.com', 'pres:carol@example.com']);
    sessions[0]!.onDisconnect(new Error('WebSocket closed (code 1006)'));
    await settle();
    expect(published.at(-1)).toMatchObject({ subscribed: false, error: { code: 'sip-disconnected' } });
    await clock.advance(backoffMs(0));
    expect(sessions[1]!.subscribed).toEqual(['sip:alice@example.com', 'sip:carol@example.com']);
  });

  it('presence off: nothing connects; switching it off closes the session after unsubscribing', async () => {
    account = undefined;
    const off = new PresenceManager(deps());
    await off.view(['pres:alice@example.com']);
    expect(sessions).toHaveLength(0);
    account = ACCOUNT;
    await off.accountChanged();
    expect(sessions[0]!.subscribed).toEqual(['sip:alice@example.com']);
    account = undefined;
    await off.accountChanged();
    expect(sessions[0]!.unsubscribed).toEqual(['sip:alice@example.com']);
    expect(sessions[0]!.stopped).toBe(true);
  });

  it('a new account reconnects; an XMPP-only presentity is reported, not subscribed', async () => {
    const m = new PresenceManager(deps());
    await m.view(['pres:alice@example.com', 'xmpp:frank@example.com']);
    expect(sessions[0]!.subscribed).toEqual(['sip:alice@example.com']);
    expect(published.find((e) => e.uri === 'xmpp:frank@example.com')).toMatchObject({
      state: 'unknown',
      error: { code: 'xmpp-unsupported' },
    });
    account = { ...ACCOUNT, password: 'new' };
    await m.accountChanged();
    expect(sessions[0]!.stopped).toBe(true);
    expect(sessions[1]!.subscribed).toEqual(['sip:alice@example.com']);
  });

  it('reports work pending while a session is open or a reconnection scheduled, and none after the linger', async () => {
    const pending: boolean[] = [];
    failStarts = 1;
    const m = new PresenceManager({ ...deps(), keepAlive: (p) => pending.push(p) });
    await m.view(['pres:alice@example.com']);
    await settle();
    expect(pending.at(-1)).toBe(true); // refused: a reconnection is scheduled
    await clock.advance(backoffMs(0));
    await settle();
    expect(sessions).toHaveLength(2);
    expect(pending.at(-1)).toBe(true); // connected
    await clock.advance(LINGER_MS);
    await settle();
    expect(sessions[1]!.stopped).toBe(true);
    expect(pending.at(-1)).toBe(false);
    account = undefined;
    const off = new PresenceManager({ ...deps(), keepAlive: (p) => pending.push(p) });
    await off.view(['pres:alice@example.com']);
    await settle();
    expect(pending.at(-1)).toBe(false); // presence off: nothing to keep alive for
  });

  it('ignores malformed storage.session data', async () => {
    await store.set({
      [WANTED_KEY]: [{ uri: 42 }, 'x', { uri: 'pres:ok@example.com', viewedAt: clock.now }],
      [ENTRIES_KEY]: [{ uri: 'pres:ok@example.com', state: 'hacked' }, null],
    });
    const m = new PresenceManager(deps());
    await m.restore();
    expect(sessions[0]!.subscribed).toEqual(['sip:ok@example.com']);
    expect(await m.known(['pres:ok@example.com'])).toEqual([expect.objectContaining({ state: 'unknown' })]);
  });
});
