// One small handler per protocol message. Messages arrive validated and with checked senders
// (src/platform/messaging.ts); every reply is a Result so errors cross contexts as data.
import { plural, t } from '../shared/i18n.ts';
import { toE164 } from '../core/enum/e164.ts';
import { validateDohUrl } from '../core/doh/provider.ts';
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import { err } from '../core/result.ts';
import { rateLimited, stateOfResult, type Message, type MessageType, type Reply } from '../shared/protocol.ts';
import { checkHostPermission } from '../platform/permissions.ts';
import { uiLanguage } from '../platform/i18n.ts';
import { postEvent, type SenderInfo } from '../platform/messaging.ts';
import { setBadge } from '../platform/tabs.ts';
import { TokenBuckets } from './limits.ts';
import { client, lookupSettings, testProvider } from './lookups.ts';
import { currentSettings, knownSettings, tabNumbers } from './state.ts';
import { cachePartition } from './cache-partition.ts';
import { resultForPage } from '../shared/page-safe.ts';
import { browserRegion } from '../shared/region.ts';
import { audience, presence, testSip } from './presence/index.ts';
import { loadSipPassword } from '../platform/storage.ts';
import { sipUsernameOf, validateSetting } from '../shared/settings.ts';
import { fail } from '../shared/settings-parse.ts';

// 20 uncached lookups at once per tab, then one every 500 ms: hovering never hits this, a hostile page does.
const perTab = new TokenBuckets(20, 2, Date.now);

type Handlers = {
  [K in MessageType]: (payload: Extract<Message, { type: K }>['payload'], sender: SenderInfo) => Promise<Reply<K>>;
};

export const handlers: Handlers = {
  async resolveNumber({ e164 }, sender) {
    const { settings } = await currentSettings();
    const partition = cachePartition(sender);
    const ls = lookupSettings(settings, partition);
    if (!(await client.cached(e164, ls))) {
      // The refusal says when this tab's next lookup will be taken: the page waits that long (lookups/retry-queue.ts).
      const retryAfterMs = perTab.take(sender.tabId ?? -1);
      if (retryAfterMs > 0) return rateLimited(retryAfterMs);
      // A withheld or revoked host permission is named, not left to surface as an opaque network error.
      const denied = await checkHostPermission(ls.dohUrl);
      if (denied) return { ok: false, error: denied };
    }
    const { result } = await client.lookup(e164, ls);
    // The tab's list (popup, badge) is bookkeeping the page does not wait for: the answer goes first, and the
    // views hear of the change over their port when it is stored.
    const tabId = sender.tabId;
    if (tabId !== undefined) void recordTabState(tabId, sender.frameId === 0 ? partition : undefined, e164, result);
    // Pages see the card: a resolver is named there by its origin only (shared/page-safe.ts).
    return { ok: true, value: resultForPage(result) };
  },

  async reportNumbers({ numbers }, sender) {
    if (sender.tabId === undefined) return err('forbidden', 'Only pages report numbers.');
    if (sender.frameId === 0) await tabNumbers.setPartition(sender.tabId, cachePartition(sender));
    await tabNumbers.report(sender.tabId, sender.frameId ?? 0, numbers);
    await tabChanged(sender.tabId);
    return { ok: true, value: null };
  },

  async getTabNumbers({ tabId }) {
    // The answers the page was given, no query (EnumClient.answered: cached, or handed out in the last minute
    // whatever the TTL, as the page still shows them): this need not wait for managed settings (a fresh profile's
    // first read takes seconds, and the popup shows this list).
    const { settings } = await knownSettings();
    // The popup (an extension page) shows what the tab's page resolved: its partition of the cache.
    const partition = await tabNumbers.partition(tabId);
    if (partition === undefined) return { ok: true, value: { numbers: await tabNumbers.list(tabId) } };
    const ls = lookupSettings(settings, partition);
    const numbers = await Promise.all(
      (await tabNumbers.list(tabId)).map(async (n) => {
        const result = await client.answered(n.e164, ls);
        return result ? { ...n, state: stateOfResult(result), result } : n;
      }),
    );
    return { ok: true, value: { numbers } };
  },

  async inspectNumber({ input, region }) {
    const { settings } = await currentSettings();
    const e164 = toE164(input, region || settings.defaultRegion || browserRegion(uiLanguage()));
    if (!e164.ok) return e164;
    const denied = (await client.cached(e164.value, lookupSettings(settings)))
      ? undefined
      : await checkHostPermission(settings.dohUrl);
    if (denied) return { ok: false, error: denied };
    const { result } = await client.lookup(e164.value, lookupSettings(settings));
    return { ok: true, value: result };
  },

  async clearCache() {
    await client.clear();
    postEvent({ type: 'cacheCleared', payload: {} });
    return { ok: true, value: null };
  },

  async testProvider({ dohUrl, dohMethod }) {
    const url = validateDohUrl(dohUrl);
    if (!url.ok) return url;
    const denied = await checkHostPermission(url.value);
    if (denied) return { ok: false, error: denied };
    const { settings } = await currentSettings();
    return testProvider(url.value, dohMethod, settings.suffixes[0] ?? DEFAULT_SUFFIX);
  },

  async testSip({ sipServer, sipAddress, sipUsername, password }) {
    // The same rules as the settings: the page tests what it could save.
    const server = validateSetting('sipServer', sipServer);
    if (!server.ok) return server;
    const address = validateSetting('sipAddress', sipAddress);
    if (!address.ok) return address;
    const username = validateSetting('sipUsername', sipUsername);
    if (!username.ok) return username;
    if (!server.value || !address.value)
      return fail('sip-account-missing', 'Give the SIP WebSocket server and your SIP address.');
    const secret = password || (await loadSipPassword());
    if (!secret) return fail('sip-password-missing', 'Give the SIP password.');
    const outcome = await testSip({
      server: server.value,
      address: address.value,
      username: sipUsernameOf({ sipUsername: username.value, sipAddress: address.value }),
      password: secret,
    });
    return { ok: true, value: outcome };
  },

  async viewPresence({ e164, tabId }, sender) {
    const { settings } = await currentSettings();
    if (settings.presence === 'off') return { ok: true, value: { enabled: false, presence: [] } };
    // Only the presence URIs DNS gave for a number already looked up: a view cannot name what to subscribe to.
    // The answer the view was shown, even if its TTL ran out since (EnumClient.answered: a TTL of 0 is never cached).
    // The card reads its page's cache partition; the popup names the tab whose numbers it lists, or its own.
    const partition =
      sender.tabId === undefined && tabId !== undefined ? await tabNumbers.partition(tabId) : cachePartition(sender);
    const result =
      partition === undefined ? undefined : await client.answered(e164, lookupSettings(settings, partition));
    const uris = result?.status === 'found' ? result.pres : [];
    // The view hears changes of these URIs, and only of URIs it asked for (presence/audience.ts).
    if (uris.length) audience.watch(sender.view, uris);
    return { ok: true, value: { enabled: true, presence: uris.length ? await presence.view(uris) : [] } };
  },
};

/** After a lookup for a page: the tab's partition (top frame only) and the number's state. Never throws. */
async function recordTabState(
  tabId: number,
  partition: string | undefined,
  e164: string,
  result: Parameters<typeof stateOfResult>[0],
): Promise<void> {
  try {
    if (partition !== undefined) await tabNumbers.setPartition(tabId, partition);
    if (await tabNumbers.setState(tabId, e164, stateOfResult(result))) await tabChanged(tabId);
  } catch (e) {
    console.warn('enum-presence: could not record a tab number', e);
  }
}

/** A tab's numbers changed: its badge counts numbers with presence, and open views hear of it. */
export async function tabChanged(tabId: number): Promise<void> {
  const numbers = await tabNumbers.list(tabId);
  const withPresence = numbers.filter((n) => n.state === 'pres').length;
  setBadge(tabId, withPresence, withPresence > 0 ? plural('badgeTitle', withPresence) : t('extName'));
  postEvent({ type: 'tabNumbersChanged', payload: { tabId } });
}

export function dispatch(message: Message, sender: SenderInfo): Promise<Reply<MessageType>> {
  const handler = handlers[message.type] as (p: unknown, s: SenderInfo) => Promise<Reply<MessageType>>;
  return handler(message.payload, sender);
}
