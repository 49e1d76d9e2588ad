// Where the time goes (bench/presence): timestamps of each benchmark PUBLISH (its note says `rep N`) at the
// steps between Kamailio and the page, each in its own context's clock (performance.timeOrigin + now()):
//   - Node: a bare subscriber's WebSocket receives the NOTIFY (before SIP.js parses it: Kamailio's time alone);
//   - the service worker: its SIP WebSocket receives the NOTIFY; it posts the change to a view's event port;
//   - the content script's world: a second event port of the same view hears the change.
import type { Worker } from 'playwright-core';
import type { WebSocket as Ws } from 'ws';
import type { ContentWorld } from '../../test/e2e/content-world.ts';
import { EVENTS_PORT } from '../../src/shared/events.ts';

const REP = /rep (-?[0-9]+)</;

/** Make Node's global WebSocket (test/world/kamailio-client.ts installWebSocket) note NOTIFY arrivals in `at`. */
export function tapNodeWebSocket(at: Map<number, number>, now: () => number): void {
  const Base = (globalThis as unknown as { WebSocket: new (url: string, protocols?: string | string[]) => Ws })
    .WebSocket;
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data) => {
        const text = String(data);
        const rep = text.startsWith('NOTIFY') ? REP.exec(text) : null;
        if (rep) at.set(Number(rep[1]), now());
      });
    }
  };
}

/**
 * In the service worker, before it connects: its SIP WebSocket (the global `WebSocket`, looked up when the session
 * connects) notes when a NOTIFY arrives, before SIP.js sees it; event ports note when a change is posted.
 */
export const TAP_WORKER = `(function () {
  var now = function () { return performance.timeOrigin + performance.now(); };
  var Native = globalThis.WebSocket;
  globalThis.__tap = { notify: {}, posted: {} };
  globalThis.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', function (e) {
        var rep = typeof e.data === 'string' && e.data.slice(0, 6) === 'NOTIFY' ? ${REP}.exec(e.data) : null;
        if (rep) globalThis.__tap.notify[rep[1]] = now();
      });
    }
  };
  chrome.runtime.onConnect.addListener(function (port) {
    var post = port.postMessage;
    port.postMessage = function (message) {
      var note = message && message.payload && message.payload.entry && message.payload.entry.note;
      var rep = /^rep (-?[0-9]+)$/.exec(note || '');
      if (rep && !(rep[1] in globalThis.__tap.posted)) globalThis.__tap.posted[rep[1]] = now();
      return post.apply(this, arguments);
    };
  });
  return true;
})()`;

export const workerTaps = (worker: Worker, rep: number) =>
  worker.evaluate<{ notify?: number; posted?: number }>(
    `({ notify: globalThis.__tap.notify[${rep}], posted: globalThis.__tap.posted[${rep}] })`,
  );

/** A second event port in the content script's world: the view's key, so it hears what the content script hears. */
export async function tapContentWorld(content: ContentWorld): Promise<void> {
  await content.evaluate(`(() => {
    globalThis.__heardAt = {};
    chrome.runtime.connect({ name: ${JSON.stringify(EVENTS_PORT)} }).onMessage.addListener((m) => {
      const rep = /^rep (-?[0-9]+)$/.exec(m?.payload?.entry?.note ?? '');
      if (rep) globalThis.__heardAt[rep[1]] = performance.timeOrigin + performance.now();
    });
    return true;
  })()`);
}

export const contentHeardAt = (content: ContentWorld, rep: number) =>
  content.evaluate<number | undefined>(`globalThis.__heardAt[${rep}]`);
