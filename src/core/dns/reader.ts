// Bounds-checked big-endian reader over a whole DNS message. Every read checks `end` first; overrunning it
// fails with `overrun` ('truncated' for the message, 'bad-rdata' inside one record's RDATA).
import { fail, type DnsDecodeErrorCode } from './errors.ts';

export class Reader {
  constructor(
    /** The whole message: names in RDATA may point anywhere before them (RFC 1035 §4.1.4). */
    readonly bytes: Uint8Array,
    public offset: number,
    readonly end: number,
    readonly overrun: DnsDecodeErrorCode = 'truncated',
  ) {}

  get remaining(): number {
    return this.end - this.offset;
  }

  need(n: number, what: string): void {
    if (n > this.end - this.offset) {
      fail(this.overrun, `${what} at offset ${this.offset} needs ${n} octets, ${this.end - this.offset} left`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++] as number;
  }

  u16(what: string): number {
    this.need(2, what);
    const b = this.bytes;
    const v = ((b[this.offset] as number) << 8) | (b[this.offset + 1] as number);
    this.offset += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const hi = this.u16(what);
    return hi * 0x10000 + this.u16(what);
  }

  /** A copy, so decoded records do not keep the response buffer alive. */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A reader over the next `length` octets (one record's RDATA) that fails with `bad-rdata` past them. */
  sub(length: number, what: string): Reader {
    this.need(length, what);
    return new Reader(this.bytes, this.offset, this.offset + length, 'bad-rdata');
  }
}
