// What happens when the CLI's output cannot be written (README "The CLI (a contract)"): Node reports a failed
// write to stdout as an 'error' event, which unhandled ends the process with a stack trace and status 1.
import { formatError } from './format.ts';

/** The documented status for "the command could not do its job" (README: exit status 3). */
export const OUTPUT_FAILED = 3;

let failed = false;

/** True once a write to stdout failed for a reason other than a reader that went away. */
export const outputFailed = (): boolean => failed;

/**
 * Handles write errors on stdout and stderr, once, before anything is written. EPIPE (the reader went away, as
 * with `| head`) is the reader's choice: nothing more is written and the status stays the command's own. Any
 * other error (ENOSPC on a full disk, EIO, …) gives one line on stderr and status 3.
 */
export function guardOutput(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || failed) return;
    failed = true;
    process.exitCode = OUTPUT_FAILED;
    process.stderr.write(formatError(`cannot write the output: ${e.message}`));
  });
  // Nothing is left to report a failed write to stderr to; it must not crash the process either.
  process.stderr.on('error', () => undefined);
}
