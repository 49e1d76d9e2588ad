// Debian's Chromium with the built extension, driven over the raw DevTools protocol without attaching to the
// extension's service worker: playwright attaches to every worker, and Chromium does not stop a worker for being
// idle while DevTools is attached to it (as documented for chrome://inspect; not re-checked under playwright
// here) — and stopping is what test/e2e/presence-keepalive.test.ts must be able to see. The browser
// session only discovers targets (Target.setDiscoverTargets); pages are attached to one by one.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, DIST_CHROME, unpackedExtensionId } from './chromium.ts';
import { grantTestWorldHosts } from './test-build.ts';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export class Cdp {
  private id = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Set<(method: string, params: Record<string, unknown>, session?: string) => void>();
  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (m.id !== undefined) {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error) w?.reject(new Error(m.error.message));
        else w?.resolve(m.result);
      } else if (m.method) for (const l of this.listeners) l(m.method, m.params ?? {}, m.sessionId);
    });
  }
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }
  on(listener: (method: string, params: Record<string, unknown>, session?: string) => void): void {
    this.listeners.add(listener);
  }
}

export interface BareChromium {
  cdp: Cdp;
  /** chrome-extension://<id> */
  origin: string;
  /** Open `url` in a new tab, attached; evaluate (awaited, by value) in it; close it. */
  openPage(url: string): Promise<{ evaluate<T>(expression: string): Promise<T>; close(): Promise<void> }>;
  /** Attach to a target for one evaluation and detach again at once. */
  evaluateIn<T>(targetId: string, expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function launchBareChromium(opts: { spki: string }): Promise<BareChromium> {
  const scratch = mkdtempSync(join(tmpdir(), 'enum-presence-bare-'));
  const dist = join(scratch, 'extension');
  cpSync(process.env.EXTENSION_DIST ?? DIST_CHROME, dist, { recursive: true });
  grantTestWorldHosts(dist);
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless=new',
      `--user-data-dir=${join(scratch, 'profile')}`,
      '--remote-debugging-port=0',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--ignore-certificate-errors-spki-list=${opts.spki}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-2000)}`)));
  });
  const ws = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const cdp = new Cdp(ws);
  const evaluate = async <T>(sessionId: string, expression: string): Promise<T> => {
    const r = await cdp.send<{
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  return {
    cdp,
    origin: `chrome-extension://${unpackedExtensionId(dist)}`,
    async openPage(url) {
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url });
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      // Wait for the page's scripts (the extension API is there once the document has loaded). On a loaded
      // machine the extension may not be registered yet when the tab opens: Chromium then shows an error page,
      // which has no chrome.storage, and the page is loaded again.
      const ready = `document.readyState === 'complete' ? (globalThis.chrome?.storage ? 'ready' : 'no-api') : 'loading'`;
      for (let i = 0; i < 200; i++) {
        const state = await evaluate<string>(sessionId, ready).catch(() => 'loading'); // a reload is under way
        if (state === 'ready') break;
        if (state === 'no-api' && i % 10 === 9) await cdp.send('Page.reload', {}, sessionId);
        await new Promise((r) => setTimeout(r, 50));
      }
      return {
        evaluate: (expression) => evaluate(sessionId, expression),
        close: async () => void (await cdp.send('Target.closeTarget', { targetId })),
      };
    },
    async evaluateIn(targetId, expression) {
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      try {
        return await evaluate(sessionId, expression);
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId });
      }
    },
    async close() {
      ws.close();
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
