// The content script's size budget (README "Tests and benchmarks"): every page the user opens loads it, so the
// real build for each browser (vite.config.ts, the shipped manifest, into a temporary folder: dist/ is left as it
// is) must stay within 70,000 bytes as `gzip -9` writes it, and must not carry the libraries of other contexts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CONTENT_SCRIPT_GZIP_BUDGET = 70_000;

const root = fileURLToPath(new URL('../..', import.meta.url));
const vite = join(root, 'node_modules/vite/bin/vite.js');

/** Text found only in one library: the background and the pages carry it, the content script must not. */
const OTHER_CONTEXTS_ONLY = {
  'webextension-polyfill': 'This script should only be loaded in a browser extension',
  'SIP.js': 'SIP/2.0',
};

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function build(target: 'chrome' | 'firefox'): string {
  const out = mkdtempSync(join(tmpdir(), `enum-presence-size-${target}-`));
  folders.push(out);
  const env: NodeJS.ProcessEnv = { ...process.env, TARGET: target };
  delete env.ENUM_PRESENCE_TEST_BUILD;
  execFileSync(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    env,
    stdio: 'pipe',
  });
  return out;
}

/** Bytes of `gzip -9 -c file`, the measure the budget is written in. */
const gzipSize = (file: string): number => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 24 }).length;

describe.each(['chrome', 'firefox'] as const)('the %s build', (target) => {
  let out = '';
  let contentScript = '';
  beforeAll(() => {
    out = build(target);
    contentScript = join(out, 'src/content/index.js');
  }, 60_000);

  it(`has a content script of at most ${CONTENT_SCRIPT_GZIP_BUDGET} bytes gzip -9`, () => {
    const size = gzipSize(contentScript);
    expect(size, `src/content/index.js is ${size} bytes gzip -9`).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BUDGET);
    // Measured on the finished script: the build step has compacted the phone metadata.
    expect(readFileSync(contentScript, 'utf8')).not.toContain('This file is a workaround');
  });

  it.each(Object.entries(OTHER_CONTEXTS_ONLY))('keeps %s out of the content script', (_, marker) => {
    const assets = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.some((f) => readFileSync(join(out, 'assets', f), 'utf8').includes(marker))).toBe(true);
    expect(readFileSync(contentScript, 'utf8')).not.toContain(marker);
  });

  it("carries the build's replacements of libphonenumber-js modules (build/libphonenumber-patches.ts)", () => {
    const code = readFileSync(contentScript, 'utf8');
    // The library's ParseError constructor sets its instance's prototype; the replacement does not.
    expect(code).not.toContain('setPrototypeOf(this');
    expect(code).toContain('^(?:');
  });
});
