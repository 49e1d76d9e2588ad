// The demo behind `npm start` and `npm run screenshots`: the loopback DNS world with its demo ENUM records
// (test/world) and a Kamailio presence server where Jordan (+1 202 555 0143, pres:jordan@example.test) publishes
// his presence, and the storage.local items that point the extension at both, as the options page would store them
// (README "Settings"): the world's DoH resolver, its two suffixes, and the demo SIP account `you`.
import { pidf, presenceAccount, startPresenceWorld, type PresenceWorld } from '../test/world/presence-world.ts';
import { startWorld, type World } from '../test/world/world.ts';

/** Jordan's states in turn, as PIDF (RFC 3863) with RPID activities (RFC 4480): available, busy, away, offline. */
const JORDAN = [
  pidf('open', '<dm:person id="p"><dm:note>At my desk</dm:note></dm:person>', 'jordan'),
  pidf('open', '<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>', 'jordan'),
  pidf('open', '<dm:person id="p"><rpid:activities><rpid:lunch/></rpid:activities></dm:person>', 'jordan'),
  pidf('closed', '', 'jordan'),
];

export interface DemoWorld {
  dns: World;
  presence: PresenceWorld;
  /** What to put in the extension's storage.local. */
  storageItems: Record<string, unknown>;
  /** Publish Jordan's next state (after `available`, the first, published at start). */
  nextJordanState(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const dns = await startWorld({ demo: true });
  const presence = await startPresenceWorld({ users: { jordan: 'jordan-demo', you: 'you-demo' } }).catch(
    async (e: unknown) => {
      await dns.stop();
      throw e;
    },
  );
  let step = 0;
  await presence.publish('jordan', JORDAN[step]!);
  return {
    dns,
    presence,
    storageItems: presenceAccount(presence.sip, 'you', dns.unboundDoh, {
      settings: { suffixes: ['e164.arpa', 'e164.test'] },
    }),
    nextJordanState: () => presence.publish('jordan', JORDAN[(step = (step + 1) % JORDAN.length)]!),
    async stop() {
      await presence.stop();
      await dns.stop();
    },
  };
}
