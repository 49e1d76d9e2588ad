// A minimal DNS-over-UDP client for the world's own readiness checks and trust-anchor derivation:
// spawning dig for every poll costs ~100 ms each here. Not a general DNS library.
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect as netConnect } from 'node:net';

export interface ProbeRecord {
  name: string;
  type: number;
  rdata: Buffer;
  covered?: number;
}
export interface ProbeAnswer {
  rcode: number;
  ad: boolean;
  aa: boolean;
  answers: ProbeRecord[];
}
/** SIGNING_STATE: BIND's private sig-signing-type record at the apex (named.conf default 65534). */
export const T = { TXT: 16, NAPTR: 35, RRSIG: 46, DNSKEY: 48, SIGNING_STATE: 65534 } as const;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])),
    Buffer.from([0]),
  ]);
}

function readName(msg: Buffer, off: number): { name: string; next: number } {
  const labels: string[] = [];
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    const len = msg.readUInt8(off);
    if (len === 0) {
      off += 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (next < 0) next = off + 2;
      off = msg.readUInt16BE(off) & 0x3fff;
      continue;
    }
    labels.push(msg.toString('ascii', off + 1, off + 1 + len));
    off += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), next: next < 0 ? off : next };
}

/** Query over UDP with RD (optional), AD and EDNS DO set. */
export function probe(
  port: number,
  name: string,
  type: number,
  opts: { rd?: boolean; timeoutMs?: number } = {},
): Promise<ProbeAnswer> {
  const id = Math.floor(Math.random() * 0xffff);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE((opts.rd ? 0x0100 : 0) | 0x0020, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(1, 10);
  const q = Buffer.alloc(4);
  q.writeUInt16BE(type, 0);
  q.writeUInt16BE(1, 2);
  const opt = Buffer.from([0, 0, 41, 0x10, 0, 0, 0, 0x80, 0, 0, 0]); // root, OPT, 4096, DO
  const query = Buffer.concat([header, encodeName(name), q, opt]);
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error(`timeout: ${name}`));
    }, opts.timeoutMs ?? 1000);
    sock.on('error', (e) => {
      clearTimeout(timer);
      sock.close();
      reject(e);
    });
    sock.on('message', (msg) => {
      if (msg.length < 12 || msg.readUInt16BE(0) !== id) return;
      clearTimeout(timer);
      sock.close();
      try {
        resolve(parse(msg));
      } catch (e) {
        reject(e as Error);
      }
    });
    sock.send(query, port, '127.0.0.1');
  });
}

function parse(msg: Buffer): ProbeAnswer {
  const flags = msg.readUInt16BE(2);
  let off = 12;
  for (let i = 0; i < msg.readUInt16BE(4); i++) off = readName(msg, off).next + 4;
  const answers: ProbeRecord[] = [];
  for (let i = 0; i < msg.readUInt16BE(6); i++) {
    const { name, next } = readName(msg, off);
    const type = msg.readUInt16BE(next);
    const len = msg.readUInt16BE(next + 8);
    const rdata = msg.subarray(next + 10, next + 10 + len);
    answers.push({ name, type, rdata, ...(type === T.RRSIG ? { covered: rdata.readUInt16BE(0) } : {}) });
    off = next + 10 + len;
  }
  return { rcode: flags & 0xf, ad: (flags & 0x0020) !== 0, aa: (flags & 0x0400) !== 0, answers };
}

/** RFC 4034 App. B key tag of DNSKEY rdata. */
export function keyTag(rdata: Buffer): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  return (ac + (ac >> 16)) & 0xffff;
}

/** DS records (digest type 2, SHA-256) in presentation form for the SEP keys among DNSKEY rdatas. */
export function dsFromDnskeys(zone: string, dnskeys: Buffer[]): string[] {
  const owner = encodeName(zone.toLowerCase());
  return dnskeys
    .filter((k) => (k.readUInt16BE(0) & 1) === 1)
    .map((k) => {
      const digest = createHash('sha256')
        .update(Buffer.concat([owner, k]))
        .digest('hex')
        .toUpperCase();
      return `${zone}. IN DS ${keyTag(k)} ${k.readUInt8(3)} 2 ${digest}`;
    });
}

/** Resolves true once something accepts TCP connections on 127.0.0.1:port (refusals are instant). */
export function tcpOpen(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const s = netConnect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(undefined));
  });
}
