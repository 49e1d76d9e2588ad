// Presence benchmark (part of `npm run bench`; alone: `npm run bench:presence`, which builds dist/chrome first).
// One run, one Kamailio (test/world/kamailio.ts), one DNS world: a SIP.js publisher in Node PUBLISHes alice's
// presence (RFC 3903), alternately busy and available. Two watchers are SUBSCRIBEd to her (RFC 6665):
//   - the baseline: a bare SIP.js subscriber in this Node process (test/world/kamailio-client.ts watchPresence):
//     PUBLISH sent → NOTIFY parsed, Kamailio's own PUBLISH → NOTIFY time to a subscriber; also the moment the
//     NOTIFY reaches its WebSocket, before any parsing (taps.ts);
//   - the extension in Debian's Chromium (dist/chrome), with alice's number's hover card open on a page: PUBLISH
//     sent → the number's `enum-status-<state>` highlight changed in the page (probe.ts), through Kamailio, the
//     worker's WebSocket, SIP.js, the PIDF parser, the manager, the event port and the content script.
// Every PUBLISH is measured by both; all times are mapped to this process's clock (probe.ts clockOffset). Prints
// the median and p90 of every step and the ratio highlight / bare subscriber (target ≤ 1.2).
import type { Page } from 'playwright-core';
import {
  installWebSocket,
  presencePublisher,
  startUserAgent,
  watchPresence,
} from '../../test/world/kamailio-client.ts';
import { startKamailio } from '../../test/world/kamailio.ts';
import { startWorld } from '../../test/world/world.ts';
import { startPageServer } from '../../test/fixtures/pages/server.ts';
import { launchExtension } from '../../test/e2e/chromium.ts';
import { contentWorld } from '../../test/e2e/content-world.ts';
import { readMarks, type PageMark } from '../../test/e2e/page-marks.ts';
import { armProbe, clockOffset, INSTALL_PROBE, nodeNow, probeResult } from './probe.ts';
import { contentHeardAt, TAP_WORKER, tapContentWorld, tapNodeWebSocket, workerTaps } from './taps.ts';

const REPS = Number(process.env.BENCH_PRESENCE_REPS ?? 60);
const WARMUP = 5;
const TARGET = 1.2;
// test/world/zones/README.md: +43 1 2345678 publishes pres:alice@example.test; on numbers.html it is #enum.
const ALICE_MARK = '+43 1 2345678';

const pidf = (state: 'busy' | 'available', rep: number) => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@example.test">
  <tuple id="t1"><status><basic>open</basic></status></tuple>
  <dm:person id="p">${state === 'busy' ? '<rpid:activities><rpid:on-the-phone/></rpid:activities>' : ''}<dm:note>rep ${rep}</dm:note></dm:person>
</presence>`;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Hover alice's number so that its card opens: the card views her presence (the extension subscribes). */
async function openCard(page: Page): Promise<void> {
  const mark = await until('the page marks', async () =>
    ((await page.evaluate(readMarks())) as PageMark[]).find((m) => m.text === ALICE_MARK),
  );
  await page.mouse.move(Math.max(1, mark.line.x - 40), mark.line.y + mark.line.height / 2);
  await page.mouse.move(mark.line.x + mark.line.width / 2, mark.line.y + mark.line.height / 2, { steps: 5 });
  // Subscribed: the first NOTIFY puts the number in a status highlight.
  const marked = `['unknown','available','busy'].some((s) => CSS.highlights.get('enum-status-' + s)?.size)`;
  await until('the presence mark', async () => ((await page.evaluate(marked)) ? true : undefined));
}

async function main(): Promise<void> {
  const world = await startWorld();
  const sip = await startKamailio();
  const server = await startPageServer();
  installWebSocket(sip.certFile);
  const nodeWire = new Map<number, number>();
  tapNodeWebSocket(nodeWire, nodeNow);
  const alice = await startUserAgent(sip.ws, sip.aor('alice'), sip.users.alice!);
  const carol = await startUserAgent(sip.ws, sip.aor('carol'), sip.users.carol!);
  const browser = await launchExtension({ spki: world.spki });
  try {
    const publisher = presencePublisher(alice);
    await publisher.publish(pidf('available', -1));
    const worker = await browser.worker();
    await worker.evaluate(TAP_WORKER);
    await worker.evaluate(
      ({ dohUrl, sipServer, password }) =>
        chrome.storage.local.set({
          settings: {
            version: 1,
            dohUrl,
            dohMethod: 'post',
            presence: 'sip',
            sipServer,
            sipAddress: 'sip:bob@example.test',
          },
          sipPassword: password,
        }),
      { dohUrl: world.unboundDoh, sipServer: sip.ws, password: sip.users.bob! },
    );
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/numbers.html`);
    await page.locator('#enum').scrollIntoViewIfNeeded();
    await openCard(page);
    // Subscribed after the extension, as a second watcher of the same presentity.
    const watch = await watchPresence(carol, sip.aor('alice'));
    await page.evaluate(INSTALL_PROBE);
    const content = await contentWorld(page, browser.origin);
    await tapContentWorld(content);

    const steps = {
      wire: [] as number[],
      baseline: [] as number[],
      workerWire: [] as number[],
      posted: [] as number[],
      heard: [] as number[],
      changed: [] as number[],
      painted: [] as number[],
    };
    let pageClock = await clockOffset(page);
    let workerClock = await clockOffset(worker);
    let uncertainty = 0;
    for (let rep = 0; rep < WARMUP + REPS; rep++) {
      if (rep % 10 === 0) {
        [pageClock, workerClock] = [await clockOffset(page), await clockOffset(worker)];
        uncertainty = Math.max(uncertainty, pageClock.uncertaintyMs, workerClock.uncertaintyMs);
      }
      const state = rep % 2 ? 'available' : 'busy';
      await armProbe(page, state);
      const notified = watch
        .next((n) => n.body.includes(`rep ${rep}<`), watch.notifications.length)
        .then(() => nodeNow());
      const sentAt = nodeNow();
      await publisher.publish(pidf(state, rep));
      const notifiedAt = await notified;
      const seen = await probeResult(page);
      const inWorker = await workerTaps(worker, rep);
      const heard = await contentHeardAt(content, rep);
      await new Promise((r) => setTimeout(r, 50)); // let the NOTIFY transactions end before the next PUBLISH
      if (rep < WARMUP) continue;
      const fromPage = (t: number) => t - pageClock.offsetMs - sentAt;
      const fromWorker = (t: number) => t - workerClock.offsetMs - sentAt;
      steps.wire.push(nodeWire.get(rep)! - sentAt);
      steps.baseline.push(notifiedAt - sentAt);
      if (inWorker.notify !== undefined) steps.workerWire.push(fromWorker(inWorker.notify));
      if (inWorker.posted !== undefined) steps.posted.push(fromWorker(inWorker.posted));
      if (heard !== undefined) steps.heard.push(fromPage(heard));
      steps.changed.push(fromPage(seen.changedAt));
      steps.painted.push(fromPage(seen.paintedAt));
    }

    const row = (name: string, xs: number[]) =>
      console.log(`  ${name.padEnd(62)} median ${ms(quantile(xs, 0.5))}   p90 ${ms(quantile(xs, 0.9))}`);
    console.log(
      `presence: ${REPS} PUBLISHes (after ${WARMUP} warm-up), alternately busy and available; from PUBLISH sent:`,
    );
    console.log('bare subscriber (Node):');
    row('NOTIFY on its WebSocket (Kamailio alone)', steps.wire);
    row('NOTIFY parsed by SIP.js = the baseline', steps.baseline);
    console.log('extension (Chromium):');
    row("NOTIFY on the service worker's WebSocket", steps.workerWire);
    row("the worker posts the change to the view's event port", steps.posted);
    row("the change reaches the content script's world", steps.heard);
    row('the highlight changed in the page', steps.changed);
    row('the first frame painted with it', steps.painted);
    console.log(
      `clocks page/worker ↔ Node known to ± ${uncertainty.toFixed(2)} ms; highlight change seen within one task`,
    );
    for (const [q, name] of [
      [0.5, 'median'],
      [0.9, 'p90'],
    ] as const) {
      const ratio = quantile(steps.changed, q) / quantile(steps.baseline, q);
      const raw = quantile(steps.changed, q) / quantile(steps.wire, q);
      console.log(
        `ratio (${name}) highlight / bare SIP.js subscriber: ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? 'OK' : 'OVER'}; / its raw WebSocket: ${raw.toFixed(2)}`,
      );
    }
  } finally {
    await browser.close();
    await alice.stop().catch(() => undefined);
    await carol.stop().catch(() => undefined);
    await server.close();
    await sip.stop();
    await world.stop();
  }
}

await main();
