// Detection benchmark, no browser: `npm run bench:detect`. findNumbers (src/content/detect/find-numbers.ts) over the
// bench page's text (bench/page/generate.ts), batched as the content script batches it (dom/text-batch.ts: the inline
// texts with digits of one `lang`, joined by line feeds, the first batch 250 characters, each next one twice as
// long up to 4,000), against the bare libphonenumber-js matcher (core/es6 with max metadata) over each section's
// text in its region — the baseline bench/page/run.ts and trace.ts use — in this process. findNumbers is bundled
// first with the build's own resolve aliases (build/libphonenumber-patches.ts) and minified, as in the content
// script. Prints the first run of each (cold code, empty caches, as on a page load) and the medians of interleaved
// warm rounds, as ratios. Wall-clock: on a loaded machine compare ratios of one run, not times between runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { CountryCode } from 'libphonenumber-js/core/es6';
import type * as LibPhoneNumber from 'libphonenumber-js/max/es6';
import { libphonenumberPatches } from '../build/libphonenumber-patches.ts';
import { generatePage } from './page/generate.ts';
import type { findNumbers as FindNumbers, RegionHints } from '../src/content/detect/find-numbers.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
/** The browser's region and name languages in bench/page (Chromium's en-US). */
const USER = 'US';

const root = new URL('..', import.meta.url).pathname;

/** A fresh bundle of `entry` (generatePage below has run the library from src/ already: its code is warm). */
async function bundle<T>(entry: string, alias: typeof libphonenumberPatches): Promise<T> {
  const out = mkdtempSync(join(tmpdir(), 'enum-presence-bench-detect-'));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    resolve: { alias },
    build: { outDir: out, target: 'es2022', lib: { entry, formats: ['es'], fileName: () => 'bundle.js' } },
  });
  const module = (await import(pathToFileURL(join(out, 'bundle.js')).href)) as T;
  rmSync(out, { recursive: true, force: true });
  return module;
}

const { findNumbers } = await bundle<{ findNumbers: typeof FindNumbers }>(
  join(root, 'src/content/detect/find-numbers.ts'),
  libphonenumberPatches,
);
// The bare matcher unpatched, as bench/page serves it from node_modules.
const { findPhoneNumbersInText } = await bundle<typeof LibPhoneNumber>(
  join(root, 'node_modules/libphonenumber-js/max/es6/index.js'),
  [],
);

const page = generatePage();
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const sections = [...page.html.matchAll(/<section lang="([^"]+)">([\s\S]*?)<\/section>/g)].map(([, lang, body]) => {
  const blocks = [...body!.matchAll(/<(h2|p|li|td)>([^<]*)<\/\1>/g)].map((m) => unescape(m[2]!));
  return { region: page.regions[lang!]! as CountryCode, blocks, text: blocks.join('\n') };
});
const batches: { text: string; hints: RegionHints }[] = [];
for (const s of sections) {
  const hints: RegionHints = { page: s.region, user: USER, languages: ['en'] };
  let [limit, chars, texts] = [250, 0, [] as string[]];
  const flush = () => {
    if (texts.length) batches.push({ text: texts.join('\n'), hints });
    [limit, chars, texts] = [Math.min(4000, limit * 2), 0, []];
  };
  for (const block of s.blocks.filter((b) => /\d/.test(b))) {
    if (chars + block.length > limit) flush();
    texts.push(block);
    chars += block.length + 1;
  }
  flush();
}

const bare = () =>
  sections.reduce((n, s) => n + findPhoneNumbersInText(s.text, { defaultCountry: s.region }).length, 0);
const ours = () => batches.reduce((n, b) => n + findNumbers(b.text, b.hints).length, 0);
const time = (f: () => number): [number, number] => {
  const t = performance.now();
  const n = f();
  return [performance.now() - t, n];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const [bareCold, bareFound] = time(bare);
const [oursCold, found] = time(ours);
const t = { bare: [] as number[], ours: [] as number[] };
for (let i = 0; i < ROUNDS; i++)
  for (const which of i % 2 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const))
    t[which].push(time(which === 'bare' ? bare : ours)[0]);

console.log(
  `${(page.textBytes / 1e6).toFixed(2)} MB text, ${batches.length} batches; found ${found} of ${page.expected} (bare matcher: ${bareFound} matches)`,
);
console.log(
  `first run: findNumbers ${oursCold.toFixed(0)} ms, bare ${bareCold.toFixed(0)} ms, ratio ${(oursCold / bareCold).toFixed(2)}`,
);
const [o, b] = [median(t.ours), median(t.bare)];
console.log(
  `warm, median of ${ROUNDS}: findNumbers ${o.toFixed(0)} ms, bare ${b.toFixed(0)} ms, ratio ${(o / b).toFixed(2)}`,
);
