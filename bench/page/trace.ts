// Where the time goes while the content script marks the bench page (`npx tsx bench/page/trace.ts`, after
// `npm run bench:page` or `ENUM_PRESENCE_TEST_BUILD=1 npm run build:chrome`): a Chromium performance trace
// (CDP Tracing) of the page's main thread from navigation until every number is highlighted, summed by event
// (self time: nested events are subtracted from their parent), plus the idle time between tasks. Then the raw
// matcher of bench/page/run.ts over the same text, traced too, and both as main-thread CPU time (the trace's
// thread clock): on a machine shared with other work the wall-clock ratio of run.ts swings with the load
// while the CPU-time ratio stays put (the page's own style and layout after DOMContentLoaded count, as in run.ts).
// TRACE_OUT=file.json also writes the raw trace (loadable in DevTools' Performance panel).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { startPageServer } from '../../test/fixtures/pages/server.ts';
import { generatePage } from './generate.ts';

const LPN = new URL('../../node_modules/libphonenumber-js/', import.meta.url).pathname;

const DIST = process.env.EXTENSION_DIST ?? new URL('../../dist/chrome', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'v8',
  'v8.execute',
  'toplevel',
  'disabled-by-default-v8.gc',
];
const MARKS = `['idle','pending','pres','no-pres','none','error'].reduce((n, s) => n + (CSS.highlights.get('enum-' + s)?.size ?? 0), 0)`;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) clock, µs. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let out = '';
  for (;;) {
    const chunk = (await cdp.send('IO.read', { handle })) as { data: string; eof: boolean; base64Encoded?: boolean };
    out += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return out;
}

function summarise(events: TraceEvent[], from: number, to: number): void {
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  // The renderer main thread with the most RunTask time in the window is the bench page's.
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.name === 'RunTask' && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
      busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]![0];
  const mine = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts + (e.dur ?? 0) >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const selfCpu = new Map<string, number>();
  const count = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number; childCpu: number }[] = [];
  const pop = () => {
    const top = stack.pop()!;
    const key = label(top.e);
    self.set(key, (self.get(key) ?? 0) + (top.e.dur ?? 0) - top.child);
    selfCpu.set(key, (selfCpu.get(key) ?? 0) + (top.e.tdur ?? 0) - top.childCpu);
    count.set(key, (count.get(key) ?? 0) + 1);
    if (stack.length) {
      stack[stack.length - 1]!.child += top.e.dur ?? 0;
      stack[stack.length - 1]!.childCpu += top.e.tdur ?? 0;
    }
  };
  let taskTime = 0;
  let longest = 0;
  const tasks: { ts: number; dur: number }[] = [];
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) pop();
    if (e.name === 'RunTask' && stack.length === 0) {
      taskTime += e.dur ?? 0;
      longest = Math.max(longest, e.dur ?? 0);
      tasks.push({ ts: e.ts, dur: e.dur ?? 0 });
    }
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0, childCpu: 0 });
  }
  while (stack.length) pop();
  const ms = (us: number) => (us / 1000).toFixed(1);
  console.log(
    `window ${ms(to - from)} ms: tasks ${ms(taskTime)} ms (${tasks.length}), idle ${ms(to - from - taskTime)} ms, longest task ${ms(longest)} ms`,
  );
  const gaps = tasks.slice(1).map((t, i) => t.ts - (tasks[i]!.ts + tasks[i]!.dur));
  const bigGaps = gaps.filter((g) => g > 2000);
  console.log(`gaps > 2 ms between tasks: ${bigGaps.length}, summing ${ms(bigGaps.reduce((a, b) => a + b, 0))} ms`);
  console.log('    wall       CPU   count  event (self time)');
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(
      `${ms(us).padStart(8)} ${ms(selfCpu.get(key) ?? 0).padStart(9)} ms ${String(count.get(key)).padStart(6)}×  ${key}`,
    );
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function, and total time (inclusive) for the top functions, over samples in [from, to] µs of page time. */
function summariseProfile(cpu: CpuProfile, from: number, to: number): void {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  // Profile timestamps are monotonic µs; the page's performance.now() 0 is unknown here: use the span of samples.
  let t = cpu.startTime;
  const times = cpu.timeDeltas.map((d) => (t += d));
  const end = times[times.length - 1]!;
  const lo = end - (to - from) - 300_000;
  const hi = end - 300_000;
  for (let i = 0; i < cpu.samples.length; i++) {
    if (times[i]! < lo || times[i]! > hi) continue;
    const dt = (cpu.timeDeltas[i + 1] ?? 0) / 1000;
    const id = cpu.samples[i]!;
    self.set(key(id), (self.get(key(id)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = key(n);
      if (seen.has(k)) continue;
      total.set(k, (total.get(k) ?? 0) + dt);
      seen.add(k);
    }
  }
  console.log('--- self');
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  console.log('--- total');
  for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 45))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

function label(e: TraceEvent): string {
  const data = e.args?.data;
  if (e.name === 'FunctionCall' && data)
    return `FunctionCall ${String(data.functionName || '')} ${String(data.url ?? '').slice(-40)}`;
  if (e.name === 'EvaluateScript' && data) return `EvaluateScript ${String(data.url ?? '').slice(-40)}`;
  return e.name;
}

async function main(): Promise<void> {
  const bench = generatePage();
  const server = await startPageServer({ '/lpn/': LPN });
  server.route('/bench.html', bench.html);
  server.route('/warm.html', '<!doctype html><p>Tel. +49 30 1234567</p>');
  const profile = mkdtempSync(join(tmpdir(), 'enum-presence-trace-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu'],
    viewport: { width: 1280, height: 900 },
  });
  const warm = await context.newPage();
  await warm.goto(`${server.origin}/warm.html`);
  await warm.waitForFunction(`${MARKS} > 0`, undefined, { timeout: 30_000 });
  await warm.close();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const profiling = Boolean(process.env.PROFILE);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  } else
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: CATEGORIES },
    });
  await page.goto(`${server.origin}/bench.html`, { waitUntil: 'domcontentloaded' });
  const [dclAt, doneAt] = await page.evaluate(
    ([expected, marks]) =>
      new Promise<[number, number]>((resolve) => {
        const poll = setInterval(() => {
          if (((0, eval)(marks) as number) >= expected) {
            clearInterval(poll);
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            const now = performance.now();
            console.timeStamp(`bench-clock ${now}`);
            resolve([nav.domContentLoadedEventEnd, now]);
          }
        }, 10);
      }),
    [bench.expected, MARKS] as const,
  );
  await page.waitForTimeout(300);
  if (profiling) {
    const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    console.log(`all highlighted ${(doneAt - dclAt).toFixed(0)} ms after DCL (profiled)`);
    summariseProfile(cpu, dclAt * 1000, doneAt * 1000);
    return;
  }
  // The raw matcher exactly as run.ts times it (after a full GC, as there), between two stamps on the thread clock.
  await cdp.send('HeapProfiler.collectGarbage');
  const rawMs = await page.evaluate(async (regions) => {
    const lpn = await import(`${location.origin}/lpn/max/es6/index.js`);
    const sections = [...document.querySelectorAll('section')].map((s) => ({
      text: s.textContent ?? '',
      region: regions[s.lang]!,
    }));
    console.timeStamp('bench-raw-start');
    const t0 = performance.now();
    for (const { text, region } of sections) lpn.findPhoneNumbersInText(text, { defaultCountry: region });
    const ms = performance.now() - t0;
    console.timeStamp('bench-raw-end');
    return ms;
  }, bench.regions);
  const ended = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const trace = await readStream(cdp, await ended);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, trace);
  const parsed = JSON.parse(trace) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  // The page's clock against the trace's: a console.timeStamp made at performance.now() = doneAt.
  const stamp = events.find((e) => e.name === 'TimeStamp' && String(e.args?.data?.message).startsWith('bench-clock'))!;
  const origin = stamp.ts - doneAt * 1000;
  console.log(
    `DCL ${dclAt.toFixed(0)} ms, all highlighted ${doneAt.toFixed(0)} ms (${(doneAt - dclAt).toFixed(0)} ms after DCL)`,
  );
  summarise(events, origin + dclAt * 1000, origin + doneAt * 1000);
  const stampAt = (prefix: string) =>
    events.find((e) => e.name === 'TimeStamp' && String(e.args?.data?.message).startsWith(prefix))!;
  const dcl = events.find((e) => e.name === 'MarkDOMContent' && e.pid === stamp.pid && e.tid === stamp.tid);
  const [rawStart, rawEnd] = [stampAt('bench-raw-start'), stampAt('bench-raw-end')];
  if (dcl?.tts !== undefined && stamp.tts !== undefined && rawStart.tts !== undefined && rawEnd.tts !== undefined) {
    const marking = (stamp.tts - dcl.tts) / 1000;
    const raw = (rawEnd.tts - rawStart.tts) / 1000;
    console.log(
      `main-thread CPU, DOMContentLoaded → all highlighted: ${marking.toFixed(0)} ms (wall ${((stamp.ts - dcl.ts) / 1000).toFixed(0)} ms); raw matcher: ${raw.toFixed(0)} ms (wall ${rawMs.toFixed(0)} ms); CPU ratio ${(marking / raw).toFixed(2)}`,
    );
  }
}

await main();
