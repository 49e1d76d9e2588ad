// Process helpers for the DNS world: run a tool, start a daemon with its output in a log file, stop
// daemons by pid file, and clean up worlds on exit, on SIGINT/SIGTERM and after a crashed earlier run.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a program (no shell) and collect its output; never rejects on a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { timeout: opts.timeoutMs ?? 10_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number' && !err.killed) {
          reject(err);
          return;
        }
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export interface Daemon {
  name: string;
  child: ChildProcess;
  pidFile: string;
  exited: Promise<number | null>;
}

/** Start a foreground daemon; stdout and stderr go to `<dir>/<name>.out`. */
export function startDaemon(name: string, dir: string, cmd: string, args: string[], pidFile: string): Daemon {
  const out = openSync(join(dir, `${name}.out`), 'a');
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return { name, child, pidFile, exited };
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function killQuietly(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** Stop a daemon: SIGTERM to the pid in its pid file (and the spawned pid), SIGKILL after 2 s. */
export async function stopDaemon(d: Daemon): Promise<void> {
  if (d.child.exitCode !== null || d.child.signalCode !== null) return;
  const pids = new Set([readPid(d.pidFile), d.child.pid]);
  for (const pid of pids) killQuietly(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 2000).unref());
  if ((await Promise.race([d.exited, timer])) === 'timeout') {
    for (const pid of pids) killQuietly(pid, 'SIGKILL');
    await d.exited;
  }
}

/** Synchronous last-resort cleanup (process 'exit' handler): SIGKILL daemons, remove the folder. */
export function killWorldSync(dir: string, daemons: Daemon[]): void {
  for (const d of daemons) {
    killQuietly(readPid(d.pidFile), 'SIGKILL');
    if (d.child.exitCode === null && d.child.signalCode === null) killQuietly(d.child.pid, 'SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Remove worlds whose owning Node process (`owner.pid`) is gone, killing their daemons' pid files. */
export function reapStaleWorlds(root: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    const owner = readPid(join(dir, 'owner.pid'));
    if (owner !== undefined && alive(owner)) continue;
    // A world being created writes owner.pid right away; leave very fresh folders alone.
    if (owner === undefined && Date.now() - statSync(dir).mtimeMs < 60_000) continue;
    for (const sub of readdirSync(dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const f of ['named.pid', 'unbound.pid']) {
        const pid = readPid(join(dir, sub.name, f));
        // Guard against pid reuse: only kill what still is a named/unbound.
        if (pid !== undefined && /^(named|unbound)$/.test(comm(pid))) killQuietly(pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Poll `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  failFast?: Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let failed: unknown;
  void failFast?.then((v) => {
    failed = v ?? 'exited';
  });
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (failed !== undefined) throw new Error(`${what}: process exited (${String(failed)})`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

export async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
