// The presence side of a test world in one place, for the e2e files (Chromium and Firefox): Kamailio
// (kamailio.ts), a PUBLISH per presentity (SIP.js Publisher, kamailio-client.ts, one user agent per user,
// started on first use), PIDF documents
// (RFC 3863, person/activities RFC 4479/4480), and the storage.local items that point an extension at an account.
import type { Publisher, UserAgent } from 'sip.js';
import { installWebSocket, presencePublisher, startUserAgent } from './kamailio-client.ts';
import { startKamailio, type Kamailio, type KamailioOpts } from './kamailio.ts';

export const ON_THE_PHONE =
  '<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities><dm:note>Call me later</dm:note></dm:person>';

/** A PIDF document for `who`@example.test: one tuple, open or closed, and optionally a person element. */
export const pidf = (basic: 'open' | 'closed', person = '', who = 'alice') => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:${who}@example.test">
  <tuple id="t1"><status><basic>${basic}</basic></status></tuple>${person}
</presence>`;

export interface PresenceWorld {
  sip: Kamailio;
  /** PUBLISH `body` as `user`'s presence over WebSocket (SIP.js Publisher; the same publication each time). */
  publish(user: string, body: string): Promise<void>;
  /** Restart Kamailio (no state kept) and drop the publishers, whose connections it closed. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Start Kamailio (`opts` as startKamailio's) with publishers for its users. */
export async function startPresenceWorld(opts: KamailioOpts = {}): Promise<PresenceWorld> {
  const sip = await startKamailio(opts);
  installWebSocket(sip.certFile);
  const agents = new Map<string, Promise<{ ua: UserAgent; publisher: Publisher }>>();
  const publisherOf = (user: string) => {
    let agent = agents.get(user);
    if (!agent) {
      const password = sip.users[user];
      if (password === undefined) throw new Error(`${user} is not a user of this Kamailio`);
      agent = startUserAgent(sip.ws, sip.aor(user), password).then((ua) => ({ ua, publisher: presencePublisher(ua) }));
      agents.set(user, agent);
    }
    return agent;
  };
  const stopAgents = async () => {
    for (const agent of agents.values()) await (await agent.catch(() => undefined))?.ua.stop().catch(() => undefined);
    agents.clear();
  };
  return {
    sip,
    publish: async (user, body) => (await publisherOf(user)).publisher.publish(body),
    restart: async () => {
      await stopAgents();
      await sip.restart();
    },
    stop: async () => {
      await stopAgents();
      await sip.stop();
    },
  };
}

/**
 * storage.local items that switch live presence on for `user` of `sip` (README "Settings"), with the DoH
 * provider `dohUrl`; `server` chooses ws:// or wss:// (default ws://).
 */
export function presenceAccount(
  sip: Kamailio,
  user: string,
  dohUrl: string,
  opts: { server?: 'ws' | 'wss'; password?: string; settings?: Record<string, unknown> } = {},
) {
  return {
    settings: {
      version: 1,
      dohUrl,
      dohMethod: 'post',
      presence: 'sip',
      sipServer: opts.server === 'wss' ? sip.wss : sip.ws,
      sipAddress: sip.aor(user),
      ...opts.settings,
    },
    sipPassword: opts.password ?? sip.users[user] ?? '',
  };
}
