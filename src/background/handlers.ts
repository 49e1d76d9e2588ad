// One small handler per protocol message. Messages arrive validated and with checked senders
// (src/platform/messaging.ts); every reply is a Result so errors cross contexts as data.
import { toE164 } from '../core/enum/e164.ts';
import { validateDohUrl } from '../shared/settings.ts';
import { stateOfResult, type Message, type MessageType, type Reply } from '../shared/protocol.ts';
import { checkHostPermission } from '../platform/permissions.ts';
import { setBadge, uiLanguage } from '../platform/background-apis.ts';
import type { SenderInfo } from '../platform/messaging.ts';
import { TokenBuckets } from './limits.ts';
import { client, lookupSettings, testProvider } from './lookups.ts';
import { currentSettings, tabNumbers } from './state.ts';
import { cachePartition } from './cache-partition.ts';
import { resultForPage } from '../shared/page-safe.ts';
import { browserRegion } from '../shared/region.ts';

// 20 uncached lookups at once per tab, then one every 500 ms: hovering never hits this, a hostile page does.
const perTab = new TokenBuckets(20, 2, Date.now);

type Handlers = { [K in MessageType]: (payload: Extract<Message, { type: K }>['payload'], sender: SenderInfo) => Promise<Reply<K>> };

export const handlers: Handlers = {
  async resolveNumber({ e164 }, sender) {
    const { settings } = await currentSettings();
    const partition = cachePartition(sender);
    const ls = lookupSettings(settings, partition);
    const tabId = sender.tabId ?? -1;
    if (!(await client.cached(e164, ls))) {
      if (!perTab.take(tabId)) return { ok: false, error: { code: 'rate-limited', message: 'Too many lookups from this page; try again in a moment.' } };
      // Issue 5: a withheld or revoked host permission is named, not left to surface as an opaque network error.
      const denied = await checkHostPermission(ls.dohUrl);
      if (denied) return { ok: false, error: denied };
    }
    const { result } = await client.lookup(e164, ls);
    if (sender.tabId !== undefined) {
      if (sender.frameId === 0) await tabNumbers.setPartition(sender.tabId, partition);
      await tabNumbers.setState(sender.tabId, e164, stateOfResult(result));
      await updateBadge(sender.tabId);
    }
    // Pages see the card: a resolver is named there by its origin only (shared/page-safe.ts).
    return { ok: true, value: resultForPage(result) };
  },

  async reportNumbers({ numbers }, sender) {
    if (sender.tabId === undefined) return { ok: false, error: { code: 'forbidden', message: 'Only pages report numbers.' } };
    if (sender.frameId === 0) await tabNumbers.setPartition(sender.tabId, cachePartition(sender));
    await tabNumbers.report(sender.tabId, sender.frameId ?? 0, numbers);
    await updateBadge(sender.tabId);
    return { ok: true, value: null };
  },

  async getTabNumbers({ tabId }) {
    const { settings } = await currentSettings();
    // The popup (an extension page) shows what the tab's page resolved: its partition of the cache.
    const partition = await tabNumbers.partition(tabId);
    if (partition === undefined) return { ok: true, value: { numbers: await tabNumbers.list(tabId) } };
    const ls = lookupSettings(settings, partition);
    const numbers = await Promise.all(
      (await tabNumbers.list(tabId)).map(async (n) => {
        const result = await client.cached(n.e164, ls);
        return result ? { ...n, state: stateOfResult(result), result } : n;
      }),
    );
    return { ok: true, value: { numbers } };
  },

  async inspectNumber({ input, region }) {
    const { settings } = await currentSettings();
    const e164 = toE164(input, region || settings.defaultRegion || browserRegion(uiLanguage()));
    if (!e164.ok) return e164;
    const denied = (await client.cached(e164.value, lookupSettings(settings))) ? undefined : await checkHostPermission(settings.dohUrl);
    if (denied) return { ok: false, error: denied };
    const { result } = await client.lookup(e164.value, lookupSettings(settings));
    return { ok: true, value: result };
  },

  async clearCache() {
    await client.cache.clear();
    return { ok: true, value: null };
  },

  async testProvider({ dohUrl, dohMethod }) {
    const url = validateDohUrl(dohUrl);
    if (!url.ok) return { ok: false, error: { code: 'bad-url', message: url.message } };
    const denied = await checkHostPermission(url.value);
    if (denied) return { ok: false, error: denied };
    const { settings } = await currentSettings();
    return testProvider(url.value, dohMethod, settings.suffixes[0] ?? 'e164.arpa');
  },
};

export async function updateBadge(tabId: number): Promise<void> {
  const numbers = await tabNumbers.list(tabId);
  setBadge(tabId, numbers.filter((n) => n.state === 'pres').length);
}

export function dispatch(message: Message, sender: SenderInfo): Promise<Reply<MessageType>> {
  const handler = handlers[message.type] as (p: unknown, s: SenderInfo) => Promise<Reply<MessageType>>;
  return handler(message.payload, sender);
}
