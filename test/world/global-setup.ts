// vitest globalSetup for the integration and e2e projects: one DNS world per project run.
// Tests: `const world = inject('world')`; the query log: `await readQueryLog(world)` (./query-log.ts).
// Spawn the CLI with NODE_EXTRA_CA_CERTS=world.certFile so Node trusts the world's DoH certificate.
import type { TestProject } from 'vitest/node';
import { startWorld, type WorldInfo } from './world.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    world: WorldInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const world = await startWorld();
  project.provide('world', world.info());
  return () => world.stop();
}
