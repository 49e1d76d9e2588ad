// Store packages: zip dist/chrome and dist/firefox into dist/enum-presence-<browser>-<version>.zip,
// ready to upload to the Chrome Web Store and addons.mozilla.org. Run after the builds (`npm run build` does).
// web-ext (already a dev dependency) writes the zips: manifest.json at the root, dotfiles and old zips left out.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const webExt = join(root, 'node_modules/.bin/web-ext');
const TARGETS = ['chrome', 'firefox'] as const;

interface Manifest {
  version?: string;
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** Stop before zipping a dist that would be rejected: missing, or built for the other browser. */
function checkDist(target: (typeof TARGETS)[number], manifest: Manifest): string {
  const version = manifest.version;
  if (!version) throw new Error(`dist/${target}/manifest.json has no version`);
  const firefoxShaped = Boolean(manifest.background?.scripts && manifest.browser_specific_settings?.gecko?.id);
  if ((target === 'firefox') !== firefoxShaped) {
    throw new Error(`dist/${target}/manifest.json does not look like a ${target} build: run npm run build:${target}`);
  }
  return version;
}

for (const target of TARGETS) {
  const dir = join(root, 'dist', target);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run npm run build:${target} first`);
  const version = checkDist(target, JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest);
  const filename = `enum-presence-${target}-${version}.zip`;
  execFileSync(
    webExt,
    [
      'build',
      '--source-dir',
      dir,
      '--artifacts-dir',
      join(root, 'dist'),
      '--filename',
      filename,
      '--overwrite-dest',
      '--no-config-discovery',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const size = statSync(join(root, 'dist', filename)).size;
  console.log(`dist/${filename}  ${(size / 1024).toFixed(1)} kB`);
}
