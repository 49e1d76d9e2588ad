// The page side of the presence benchmark: when a number's `enum-status-<state>` highlight (README "Page
// annotations") gains a range, read from the page's own world as any page could, and the clock offset between
// that page and this Node process.
// A page cannot observe highlights (no event, no MutationObserver record), so the probe polls while armed:
//   - `changedAt`: a loop of background-priority tasks (scheduler.postTask: no timer clamping, and any other task,
//     such as the content script's port message, runs first) checks the highlight between tasks, so it sees the
//     change within one task of the content script setting it — the resolution is the length of the content
//     script's task plus one check, well under 1 ms, at the price of one busy core while armed;
//   - `paintedAt`: the first requestAnimationFrame callback after that: the frame that paints the new underline
//     (one frame later at most, 16.7 ms at 60 Hz).
// Times are performance.timeOrigin + performance.now() (ms since the epoch, sub-ms); Chromium coarsens
// performance.now() to 100 µs without cross-origin isolation.
// Plain JavaScript text, so that `evaluate` runs it unchanged (no helpers a TypeScript transform might add).
import type { Page } from 'playwright-core';

export const INSTALL_PROBE = `(function () {
  var now = function () { return performance.timeOrigin + performance.now(); };
  window.__presenceProbe = {
    result: null,
    arm: function (state, timeoutMs) {
      var probe = this;
      probe.result = null;
      var name = 'enum-status-' + state;
      var has = function () { var h = CSS.highlights.get(name); return !!h && h.size > 0; };
      var armedAt = now();
      var changedAt = null;
      // Background-priority tasks run only when nothing else is waiting: the content script's message goes first.
      var check = function () {
        if (has()) { changedAt = now(); return; }
        if (now() - armedAt > timeoutMs) { probe.result = { timeout: true }; return; }
        scheduler.postTask(check, { priority: 'background' });
      };
      scheduler.postTask(check, { priority: 'background' });
      requestAnimationFrame(function frame() {
        if (changedAt !== null) probe.result = { changedAt: changedAt, paintedAt: now() };
        else if (!probe.result) requestAnimationFrame(frame);
      });
    }
  };
  return true;
})()`;

export interface ProbeResult {
  changedAt: number;
  paintedAt: number;
}

/** Arm the probe for `state`; resolves once armed (the page is polling). */
export async function armProbe(page: Page, state: string, timeoutMs = 5000): Promise<void> {
  await page.evaluate(`window.__presenceProbe.arm(${JSON.stringify(state)}, ${timeoutMs})`);
}

/** The armed probe's result, in the page's clock. */
export async function probeResult(page: Page): Promise<ProbeResult> {
  const handle = await page.waitForFunction('window.__presenceProbe.result', undefined, { polling: 20 });
  const r = (await handle.jsonValue()) as ProbeResult | { timeout: true };
  if ('timeout' in r) throw new Error('the highlight did not change in time');
  return r;
}

export const nodeNow = (): number => performance.timeOrigin + performance.now();

/**
 * page clock − Node clock, from the round trip with the smallest time (Cristian's algorithm): the offset is
 * known to ± half that round trip, which is reported as `uncertaintyMs`.
 */
export async function clockOffset(
  page: Pick<Page, 'evaluate'>,
  rounds = 15,
): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, rtt: Infinity };
  for (let i = 0; i < rounds; i++) {
    const t0 = nodeNow();
    const pageTime = (await page.evaluate<number>('performance.timeOrigin + performance.now()')) as number;
    const t1 = nodeNow();
    if (t1 - t0 < best.rtt) best = { offsetMs: pageTime - (t0 + t1) / 2, rtt: t1 - t0 };
  }
  return { offsetMs: best.offsetMs, uncertaintyMs: best.rtt / 2 };
}
