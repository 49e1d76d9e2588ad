// Host permission for the DoH provider. Firefox MV3 lets the user withhold host permissions at install or revoke
// them later (about:addons → the extension → Permissions), Chromium lets them be removed too. Without access to
// the provider's origin every lookup would fail with an opaque network error (DoH servers send no CORS headers),
// so: detect it, say so with a stable code, and let the options page ask again.
import browser from './browser.ts';
import { err, ok, type CoreError, type Result } from '../core/result.ts';

export const NO_HOST_PERMISSION = 'no-host-permission';

/** Chromium match patterns may hold a port; Firefox's cannot (Firefox bug 1362809) and then match every port. */
function patternsHoldPorts(): boolean {
  try {
    return !browser.runtime.getURL('').startsWith('moz-extension:');
  } catch {
    return false;
  }
}

/**
 * The match pattern granting the extension access to a DoH server: its scheme, host and — where the browser
 * allows it — its port (the default one when the URL names none), so that allowing a custom provider does not
 * allow every other service on its host. Firefox patterns cannot hold a port and cover every port.
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return patternsHoldPorts() ? `${u.protocol}//${u.hostname}:${port}/*` : `${u.protocol}//${u.hostname}/*`;
}

/** The browser's answer to a request for access: granted, or `no-host-permission` with its reason. */
export type PermissionAnswer = Result<null, CoreError<typeof NO_HOST_PERMISSION | 'bad-url'>>;

/**
 * Ask for access to the server of `url`. Call it synchronously from a user gesture (click, key press):
 * no `await` before it, or browsers refuse the request.
 */
export function requestHostPermission(url: string): Promise<PermissionAnswer> {
  let pattern: string;
  try {
    pattern = originPattern(url);
  } catch {
    return Promise.resolve(err('bad-url', `"${url}" is not a URL.`));
  }
  const failed = (e: unknown) => err(NO_HOST_PERMISSION, e instanceof Error ? e.message : String(e));
  try {
    return browser.permissions
      .request({ origins: [pattern] })
      .then((granted) => (granted ? ok(null) : err(NO_HOST_PERMISSION, 'the browser did not grant it')), failed);
  } catch (e) {
    return Promise.resolve(failed(e));
  }
}

export type HostAccess = { granted: true } | { granted: false; host: string; pattern: string };

/**
 * Patterns the browser said were granted, until any permission changes. Asking costs a round trip to the browser
 * process on every uncached lookup (1–3 ms of the hover's latency, bench/cold-start.ts); a grant is remembered
 * only in memory, so a restarted worker asks again, and any grant or revocation clears it. A refusal is never
 * remembered: the options page's "Allow access" takes effect on the next lookup.
 */
const granted = new Set<string>();
let forgettingOnChange = false;

function rememberGrant(pattern: string): void {
  if (!forgettingOnChange) {
    onPermissionsChanged(() => granted.clear());
    forgettingOnChange = true;
  }
  granted.add(pattern);
}

/** Whether the extension may contact the DoH server of `dohUrl` right now. */
export async function hostAccess(dohUrl: string): Promise<HostAccess> {
  let pattern: string;
  let host: string;
  try {
    pattern = originPattern(dohUrl);
    host = new URL(dohUrl).hostname;
  } catch {
    return { granted: false, host: dohUrl, pattern: dohUrl };
  }
  if (granted.has(pattern)) return { granted: true };
  try {
    if (await browser.permissions.contains({ origins: [pattern] })) {
      rememberGrant(pattern);
      return { granted: true };
    }
  } catch {
    // A browser that cannot answer is treated like a refusal: the lookup would fail the same way.
  }
  return { granted: false, host, pattern };
}

/** The error a lookup returns when the browser does not let the extension contact `host`. */
export function noHostPermissionError(host: string): CoreError<typeof NO_HOST_PERMISSION> {
  return {
    code: NO_HOST_PERMISSION,
    message:
      `The browser does not allow ENUM Presence to contact ${host}, so no number can be looked up. ` +
      `Open the extension's options and choose "Allow access to ${host}".`,
  };
}

/**
 * For the background, before a lookup that needs the network: undefined when the provider may be contacted,
 * else the `no-host-permission` error to return instead of an opaque network failure.
 */
export async function checkHostPermission(dohUrl: string): Promise<CoreError<typeof NO_HOST_PERMISSION> | undefined> {
  const access = await hostAccess(dohUrl);
  return access.granted ? undefined : noHostPermissionError(access.host);
}

/** Call `listener` whenever the user (or the extension) grants or revokes any permission. */
export function onPermissionsChanged(listener: () => void): () => void {
  const fire = () => listener();
  browser.permissions.onAdded.addListener(fire);
  browser.permissions.onRemoved.addListener(fire);
  return () => {
    browser.permissions.onAdded.removeListener(fire);
    browser.permissions.onRemoved.removeListener(fire);
  };
}
