// The e2e suites run against the loopback DNS world, whose DoH origins only a test build grants
// (manifest.config.ts TEST_WORLD_HOSTS, npm run build:test). A private copy of a plain build
// (npm run build:chrome) gets them added here, so the suites run on either; the shipped manifest never has them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_WORLD_HOSTS } from '../../manifest.config.ts';

/** Adds the test world's hosts to host_permissions of the unpacked extension in `dir` (a private copy). */
export function grantTestWorldHosts(dir: string): void {
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  const hosts = manifest.host_permissions ?? [];
  manifest.host_permissions = [...hosts, ...TEST_WORLD_HOSTS.filter((h) => !hosts.includes(h))];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}
