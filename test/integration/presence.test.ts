// Presence end to end in Node, against Kamailio 5.6 on loopback (test/world/kamailio.ts): a SIP.js publisher
// PUBLISHes PIDF (RFC 3903), a watcher SUBSCRIBEs over WebSocket (RFC 7118, RFC 6665) and our core reads the
// NOTIFY bodies (src/core/presence). Nothing is mocked: real sockets, real digest auth, real NOTIFYs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserAgent } from 'sip.js';
import { documentActivities, documentNotes, presenceState } from '../../src/core/presence/derive.ts';
import { pickNote } from '../../src/core/presence/note.ts';
import { parsePidf } from '../../src/core/presence/pidf.ts';
import {
  notifiedSubscription,
  parseSubscriptionState,
  rejectedSubscription,
} from '../../src/core/presence/subscription.ts';
import {
  installWebSocket,
  presencePublisher,
  SipRejection,
  startUserAgent,
  watchPresence,
  type Notification,
  type Watch,
} from '../world/kamailio-client.ts';
import { sipOptionsOk, startKamailio, type Kamailio } from '../world/kamailio.ts';

let sip: Kamailio;
const agents: UserAgent[] = [];
const agent = async (server: string, user: string, password = sip.users[user] ?? '') => {
  const ua = await startUserAgent(server, sip.aor(user), password);
  agents.push(ua);
  return ua;
};

const pidf = (entity: string, basic: 'open' | 'closed', person = '') => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:x="urn:example:not-understood" entity="${entity}">
  <tuple id="t1"><status><basic>${basic}</basic></status><contact>${entity}</contact></tuple>
  ${person}
</presence>`;

/** What the card would show for one NOTIFY. */
function read(n: Notification) {
  const header = parseSubscriptionState(n.subscriptionState);
  if (!header) throw new Error(`bad Subscription-State: ${n.subscriptionState}`);
  const status = notifiedSubscription(header, n.body !== '');
  if (status) return { state: status.state };
  const doc = parsePidf(n.body);
  if (!doc.ok) return { state: 'unknown', error: doc.error.code };
  return {
    state: presenceState(doc.value),
    activities: documentActivities(doc.value),
    note: pickNote(documentNotes(doc.value), ['de-AT', 'en'])?.text,
  };
}
const hasBody = (n: Notification) => n.body !== '';

beforeAll(async () => {
  sip = await startKamailio();
  installWebSocket(sip.certFile);
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop().catch(() => undefined)));
  await sip?.stop();
});

describe('presence through Kamailio', () => {
  let watch: Watch;

  it('a watcher over WSS subscribes; before any PUBLISH the NOTIFY has no document', async () => {
    const bob = await agent(sip.wss, 'bob');
    watch = await watchPresence(bob, sip.aor('alice'));
    const first = watch.notifications[0];
    expect(first?.subscriptionState).toMatch(/^active/);
    expect(first && read(first)).toEqual({ state: 'unknown' });
  });

  it("open + on-the-phone arrives as busy, with the activity and the note in the reader's language", async () => {
    const publisher = presencePublisher(await agent(sip.ws, 'alice'));
    const seen = watch.notifications.length;
    await publisher.publish(
      pidf(
        sip.aor('alice'),
        'open',
        `<dm:person id="p">
      <rpid:activities><rpid:on-the-phone/></rpid:activities>
      <dm:note xml:lang="en">On the phone</dm:note><dm:note xml:lang="de">Am Telefon</dm:note></dm:person>`,
      ),
    );
    const n = await watch.next(hasBody, seen);
    expect(n.contentType).toBe('application/pidf+xml');
    expect(read(n)).toEqual({ state: 'busy', activities: ['on-the-phone'], note: 'Am Telefon' });

    const seen2 = watch.notifications.length;
    await publisher.publish(pidf(sip.aor('alice'), 'closed'));
    expect(read(await watch.next(hasBody, seen2))).toEqual({ state: 'offline', activities: [] });

    // A document with an element marked mustUnderstand that we do not understand is refused as a whole …
    const seen3 = watch.notifications.length;
    await publisher.publish(pidf(sip.aor('alice'), 'open', '<x:critical mustUnderstand="true">1</x:critical>'));
    expect(read(await watch.next(hasBody, seen3))).toEqual({ state: 'unknown', error: 'pidf-must-understand' });
    // … and the subscription carries on.
    const seen4 = watch.notifications.length;
    await publisher.publish(pidf(sip.aor('alice'), 'open'));
    expect(read(await watch.next(hasBody, seen4))).toMatchObject({ state: 'available' });

    // Withdrawn (PUBLISH Expires: 0): Kamailio notifies a document of its own, every tuple closed.
    const seen5 = watch.notifications.length;
    await publisher.unpublish();
    expect(read(await watch.next(hasBody, seen5))).toMatchObject({ state: 'offline' });
  });

  it('unsubscribing ends with a terminated NOTIFY', async () => {
    const seen = watch.notifications.length;
    watch.unsubscribe();
    const last = await watch.next((n) => n.subscriptionState.startsWith('terminated'), seen);
    expect(read(last).state).toBe('unknown');
  });

  it('a wrong password is a 407 from the server, read as sip-auth-failed', async () => {
    const carol = await agent(sip.ws, 'carol', 'not-carols-password');
    const failure = await watchPresence(carol, sip.aor('alice')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SipRejection);
    const { status, reasonPhrase } = failure as SipRejection;
    expect(status).toBe(407);
    expect(rejectedSubscription(status, reasonPhrase)).toEqual({
      state: 'unknown',
      reason: {
        code: 'sip-auth-failed',
        message: '407 Proxy Authentication Required',
      },
    });
  });
});

describe('blocked and pending', () => {
  it('a SUBSCRIBE the server refuses is a 403, read as blocked', async () => {
    const bob = await agent(sip.ws, 'bob');
    const failure = await watchPresence(bob, 'sip:alice@elsewhere.example').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ status: 403 });
    const { status, reasonPhrase } = failure as SipRejection;
    expect(rejectedSubscription(status, reasonPhrase)).toMatchObject({
      state: 'blocked',
      reason: { code: 'sip-forbidden' },
    });
  });

  it('with authorization rules (RFC 5025): confirm → pending, block → blocked, allow → active', async () => {
    const ruled = await startKamailio({
      rules: { alice: { bob: 'confirm', carol: 'block' }, carol: { bob: 'allow' } },
    });
    try {
      const first = async (watcher: string, target: string) => {
        const ua = await startUserAgent(ruled.ws, ruled.aor(watcher), ruled.users[watcher] ?? '');
        agents.push(ua);
        const w = await watchPresence(ua, ruled.aor(target));
        return w.notifications[0] as Notification;
      };
      const pending = await first('bob', 'alice');
      expect(pending.subscriptionState).toMatch(/^pending/);
      expect(read(pending)).toEqual({ state: 'pending' });
      const blocked = await first('carol', 'alice');
      expect(blocked.subscriptionState).toBe('terminated;reason=rejected');
      expect(read(blocked)).toEqual({ state: 'blocked' });
      const allowed = await first('bob', 'carol');
      expect(allowed.subscriptionState).toMatch(/^active/);
    } finally {
      await ruled.stop();
    }
  });
});

describe('the Kamailio world', () => {
  it('answers OPTIONS over WS and WSS, and again after a restart', async () => {
    expect(await sipOptionsOk(sip.ws)).toBe(true);
    await sip.restart();
    expect(await sipOptionsOk(sip.ws)).toBe(true);
    const bob = await agent(sip.wss, 'bob');
    const w = await watchPresence(bob, sip.aor('carol'));
    expect(w.notifications[0]?.subscriptionState).toMatch(/^active/);
    w.unsubscribe();
  });

  it('is really stopped by stop(): nothing listens any more', async () => {
    const other = await startKamailio({ users: {} });
    expect(await sipOptionsOk(other.ws)).toBe(true);
    await other.stop();
    expect(await sipOptionsOk(other.ws)).toBeUndefined();
  });
});
