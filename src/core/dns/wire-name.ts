// Domain names in wire form: reading with compression pointers (RFC 1035 §4.1.4) and writing uncompressed.
import { fail } from './errors.ts';
import { formatLabel, MAX_NAME_OCTETS } from './name.ts';
import type { Reader } from './reader.ts';

const POINTER = 0xc0;

/**
 * Reads a name at `r.offset` and returns it in presentation form. The labels at the read position must
 * end within `r.end`; a pointer leaves that range for earlier data in the message.
 *
 * Loop safety: every pointer must point strictly before the start of the label run it ends, so each jump
 * goes to a lower offset and a chain ends after at most `offset` jumps. A pointer into its own label run
 * could only ever loop, so no valid message needs one. `allowPointers: false` rejects compression outright
 * (RDATA from RFC 3597 generic text has no message around it).
 */
export function readName(r: Reader, allowPointers = true): string {
  const bytes = r.bytes;
  const start = r.offset;
  let pos = start;
  let end = r.end;
  let runStart = pos;
  let jumped = false;
  let wire = 1; // RFC 1035 §2.3.4 counts the root label too
  const labels: string[] = [];
  for (;;) {
    if (pos >= end) fail(jumped ? 'truncated' : r.overrun, `name at offset ${pos} runs past the end of its data`);
    const len = bytes[pos] as number;
    const kind = len & POINTER;
    if (kind === POINTER) {
      if (pos + 1 >= end) fail(jumped ? 'truncated' : r.overrun, `compression pointer at offset ${pos} is cut off`);
      if (!allowPointers)
        fail('bad-pointer', `compression pointer at offset ${pos} where names must not be compressed`);
      const target = ((len & 0x3f) << 8) | (bytes[pos + 1] as number);
      // RFC 1035 §4.1.4: a pointer refers to a *prior* occurrence of the name.
      if (target >= runStart) {
        fail(
          'bad-pointer',
          `compression pointer at offset ${pos} to ${target} is not before ${runStart} (forward pointer or loop)`,
        );
      }
      if (!jumped) r.offset = pos + 2;
      jumped = true;
      pos = runStart = target;
      end = bytes.length;
      continue;
    }
    if (kind !== 0) {
      // 0x40 and 0x80 were extended label types (RFC 2671); RFC 6891 §5 retired them.
      fail('bad-label', `label type 0x${kind.toString(16)} at offset ${pos} is not supported`);
    }
    if (len === 0) {
      if (!jumped) r.offset = pos + 1;
      return labels.join('.');
    }
    wire += len + 1;
    if (wire > MAX_NAME_OCTETS)
      fail('name-too-long', `name at offset ${start} exceeds ${MAX_NAME_OCTETS} octets (RFC 1035 §2.3.4)`);
    if (pos + 1 + len > end)
      fail(jumped ? 'truncated' : r.overrun, `label at offset ${pos} runs past the end of its data`);
    labels.push(formatLabel(bytes.subarray(pos + 1, pos + 1 + len)));
    pos += 1 + len;
  }
}

/** Writes labels uncompressed followed by the root label; returns the new offset. */
export function writeName(out: Uint8Array, offset: number, labels: readonly Uint8Array[]): number {
  let pos = offset;
  for (const label of labels) {
    out[pos++] = label.length;
    out.set(label, pos);
    pos += label.length;
  }
  out[pos++] = 0;
  return pos;
}
