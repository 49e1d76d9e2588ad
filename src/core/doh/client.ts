// The DNS-over-HTTPS client (RFC 8484): one query, one HTTP exchange, one Result. The transport is the
// injected FetchLike; every failure comes back as a DohError with a stable code.
import { decodeMessage, type DnsMessage } from '../dns/index.ts';
import { err, type Result } from '../result.ts';
import { interpret } from './interpret.ts';
import { parseJsonMessage } from './json.ts';
import { buildRequest, DNS_JSON, DNS_MESSAGE } from './request.ts';
import type { DohError, DohQuery, DohResponse, FetchLike, ResponseLike } from './types.ts';

/** Google's JSON API answers with application/json (older: application/x-javascript), Cloudflare's with
 *  application/dns-json. */
const JSON_TYPES = [DNS_JSON, 'application/json', 'application/x-javascript'];
/** JSON bodies are bigger than the wire form; anything past this is not a DNS answer. */
export const MAX_JSON_BODY = 1 << 20;
/** A DNS message is at most 65,535 octets (RFC 8484 §6: the message, not a TCP length prefix). */
export const MAX_MESSAGE_BODY = 65_535;

/** Reads the body, stopping (and cancelling the stream) once it passes `max` octets. */
async function readBody(response: ResponseLike, max: number, where: string): Promise<Result<Uint8Array, DohError>> {
  const tooLarge = () => err('too-large', `${where} sent more than ${max} octets, which is not a DNS answer`);
  const stream = response.body;
  if (!stream) {
    const body = new Uint8Array(await response.arrayBuffer());
    return body.length > max ? tooLarge() : { ok: true, value: body };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { ok: true, value: body };
}

/** Media type without parameters, lower case (RFC 9110 §8.3.1: type and subtype are case-insensitive). */
const mediaType = (value: string | null): string => (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** RFC 9111 §1.2.2: a delta-seconds value too large to represent counts as 2^31 (very old, never fresh). */
const MAX_DELTA_SECONDS = 2 ** 31;

/** RFC 9111 §5.1: Age is a non-negative integer of seconds (delta-seconds); anything else counts as 0. */
function ageOf(r: ResponseLike): number {
  const value = r.headers.get('age')?.trim() ?? '';
  // Number() of a long digit string is a finite double or Infinity, never NaN: min() caps both.
  return /^\d+$/.test(value) ? Math.min(Number(value), MAX_DELTA_SECONDS) : 0;
}

async function exchange(q: DohQuery, fetch: FetchLike, signal: AbortSignal): Promise<Result<DohResponse, DohError>> {
  const request = buildRequest(q);
  if (!request.ok) return request;
  const where = new URL(request.value.url).origin;

  const response = await fetch(request.value.url, { ...request.value.init, signal });
  // RFC 8484 §4.2.1: every DNS answer, NXDOMAIN and SERVFAIL included, comes with a 2xx status.
  // A body not read is cancelled, so the transport can drop it (an HTTP/2 stream would stay open).
  const discard = () => void response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    discard();
    return err('http-status', `${where} answered HTTP ${response.status}`);
  }
  const type = mediaType(response.headers.get('content-type'));
  const expected = q.method === 'json' ? JSON_TYPES : [DNS_MESSAGE];
  if (!expected.includes(type)) {
    // E.g. Firefox answering an http:// URL on an HTTP/2-only endpoint with 200 and garbage.
    discard();
    return err('bad-content-type', `${where} answered "${type || 'no content type'}", expected ${expected[0]}`);
  }
  const read = await readBody(response, q.method === 'json' ? MAX_JSON_BODY : MAX_MESSAGE_BODY, where);
  if (!read.ok) return read;
  const body = read.value;
  let message: Result<DnsMessage, DohError>;
  if (q.method === 'json') {
    message = parseJsonMessage(new TextDecoder().decode(body));
  } else {
    const decoded = decodeMessage(body);
    message = decoded.ok
      ? decoded
      : err('malformed', `${where} sent an undecodable DNS message (${decoded.error.code}: ${decoded.error.message})`);
  }
  if (!message.ok) return message;
  return interpret(message.value, q, ageOf(response));
}

export async function dohQuery(q: DohQuery, fetch: FetchLike): Promise<Result<DohResponse, DohError>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The timeout covers the whole exchange, body included, and wins even over a transport that ignores the
  // signal; aborting lets one that honours it stop the request.
  const timeout = new Promise<Result<DohResponse, DohError>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(err('timeout', `no answer from ${q.url} within ${q.timeoutMs} ms`));
    }, q.timeoutMs);
  });
  const attempt = exchange(q, fetch, controller.signal).catch((e: unknown) =>
    // fetch rejects on network and TLS failures, CORS, a redirect (redirect: 'error') and on abort.
    err('network', `request to ${q.url} failed: ${e instanceof Error ? e.message : String(e)}`),
  );
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
