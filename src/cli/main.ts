// `enum-presence lookup <number> …`: the same core as the extension, for terminals, scripts and tests.
// Exit 0 when the lookup completed (found or not), 2 for bad input or usage (no query sent), 3 when the
// resolver could not be reached or answered unusably.
import { toE164 } from '../core/enum/e164.ts';
import { EnumClient } from '../core/enum/client.ts';
import { parseCli, USAGE } from './args.ts';
import { formatError, formatJson, formatResult } from './format.ts';
import { createNodeFetch } from './transport.ts';

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    process.stderr.write(`${formatError(parsed.error.message)}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.value.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parsed.value.args;
  const e164 = toE164(args.number, args.region);
  if (!e164.ok) {
    process.stderr.write(formatError(e164.error.message));
    return 2;
  }
  const transport = createNodeFetch();
  try {
    // No store: the CLI's cache lives for this one run.
    const client = new EnumClient({ fetch: transport.fetch, now: Date.now, timeoutMs: args.timeoutMs });
    const { result } = await client.lookup(e164.value, { dohUrl: args.doh, method: args.method, suffixes: args.suffixes, resolvePres: args.resolvePres });
    process.stdout.write(args.json ? `${formatJson(result)}\n` : `${formatResult(result)}\n`);
    if (result.status === 'error' && !args.json) process.stderr.write(formatError(result.error?.message ?? 'lookup failed'));
    return result.status === 'error' ? 3 : 0;
  } finally {
    await transport.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(formatError(`internal error: ${e instanceof Error ? e.stack : String(e)}`));
    process.exitCode = 3;
  },
);
