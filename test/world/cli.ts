// `npx tsx test/world/cli.ts [--demo]`: start a DNS world, print its endpoints as one line of JSON on
// stdout, keep running until SIGINT/SIGTERM, then stop it. Progress and errors go to stderr.
import { startWorld } from './world.ts';

async function main(): Promise<void> {
  const t0 = performance.now();
  const world = await startWorld({ demo: process.argv.includes('--demo') });
  process.stderr.write(`DNS world up in ${Math.round(performance.now() - t0)} ms at ${world.dir}; Ctrl-C stops it\n`);
  process.stdout.write(`${JSON.stringify(world.info())}\n`);
  const keepAlive = setInterval(() => {}, 1 << 30);
  const shutdown = (sig: NodeJS.Signals) => {
    clearInterval(keepAlive);
    process.stderr.write(`${sig}: stopping the DNS world\n`);
    void world.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  // Registered after startWorld's own handlers, so ours run last and the world is stopped gracefully.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
