// `enum-presence lookup <number> …`: the same core as the extension, for terminals, scripts and tests.
// Exit 0 when the lookup completed (found or not), 2 for bad input or usage (no query sent), 3 when the
// resolver could not be reached or answered unusably, or the output could not be written (output.ts).
import { toE164 } from '../core/enum/e164.ts';
import { EnumClient } from '../core/enum/client.ts';
import { parseCli, USAGE } from './args.ts';
import { formatError, formatJson, formatResult, jsonResult } from './format.ts';
import { guardOutput, OUTPUT_FAILED, outputFailed } from './output.ts';
import { formatPresence, watchOnce } from './presence.ts';
import { createNodeFetch } from './transport.ts';

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCli(argv, process.env);
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
    const { result } = await client.lookup(e164.value, {
      dohUrl: args.doh,
      method: args.method,
      suffixes: args.suffixes,
      resolvePres: args.resolvePres,
    });
    // --presence: after the lookup, one SUBSCRIBE per presence URI found; it does not change the exit status.
    const presence =
      args.sip && result.status === 'found'
        ? await watchOnce({
            uris: result.pres,
            account: args.sip,
            resolver: { dohUrl: args.doh, method: args.method, fetch: transport.fetch },
            timeoutMs: args.timeoutMs,
            languages: cliLanguages(),
          })
        : undefined;
    const text = [formatResult(result), ...formatPresence(presence ?? [])].join('\n');
    process.stdout.write(
      args.json
        ? `${formatJson(args.sip ? { ...jsonResult(result), presence: presence ?? [] } : jsonResult(result))}\n`
        : `${text}\n`,
    );
    if (result.status === 'error' && !args.json)
      process.stderr.write(formatError(result.error?.message ?? 'lookup failed'));
    return result.status === 'error' ? 3 : 0;
  } finally {
    await transport.close();
  }
}

/** The reader's languages for choosing a presence note: LC_ALL / LC_MESSAGES / LANG (de_AT.UTF-8 → de-AT), then English. */
function cliLanguages(): string[] {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const tag = /^([a-z]{2,3})(?:_([A-Z]{2}))?/.exec(locale);
  return tag ? [tag[2] ? `${tag[1]}-${tag[2]}` : tag[1]!, 'en'] : ['en'];
}

guardOutput();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = outputFailed() ? OUTPUT_FAILED : code;
  },
  (e: unknown) => {
    process.stderr.write(formatError(`internal error: ${e instanceof Error ? e.stack : String(e)}`));
    process.exitCode = 3;
  },
);
