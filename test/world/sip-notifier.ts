// A presence server the test controls completely: SIP over WebSocket (RFC 7118, subprotocol "sip") on
// 127.0.0.1, no authentication, that accepts every SUBSCRIBE (200, then a NOTIFY without a body, as Kamailio
// does) and sends the NOTIFY bodies a test gives it (RFC 6665 §4.2.2) — for documents Kamailio cannot carry:
// Kamailio 5.6 reads at most 64 KB per WebSocket frame ("message is too long for our buffer size (65535 / …)")
// and sends a longer frame with a 4-byte extended length where RFC 6455 §5.2 has 8 (seen: 81 7f 00 10 03 00
// 4e 4f… for a 1 MB NOTIFY), which a WebSocket client fails on. So a 1 MB document reaches a watcher only
// from a server like this one: hostile, or broken.
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

const token = () => randomBytes(6).toString('hex');
const CONTACT = '<sip:notifier@127.0.0.1;transport=ws>';

interface Dialog {
  ws: WebSocket;
  callId: string;
  /** The watcher's From header (its tag included): the To of our NOTIFYs. */
  watcher: string;
  /** The watcher's Contact URI: the Request-URI of our NOTIFYs. */
  contact: string;
  target: string;
  tag: string;
  cseq: number;
}

export interface SipNotifier {
  /** ws://127.0.0.1:<port> */
  url: string;
  /** The presentities (sip:user@domain) with a live subscription. */
  subscribed(): string[];
  /** Send `body` (application/pidf+xml) to every watcher of `target`; the number of watchers. */
  notify(target: string, body: string): number;
  close(): Promise<void>;
}

/** Header values by lower-case name, compact forms (RFC 3261 §7.3.3) folded into the long ones. */
function headers(head: string): Map<string, string[]> {
  const compact: Record<string, string> = { f: 'from', t: 'to', i: 'call-id', v: 'via', m: 'contact' };
  const out = new Map<string, string[]>();
  for (const line of head.split('\r\n').slice(1)) {
    const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const key = compact[name] ?? name;
    out.set(key, [...(out.get(key) ?? []), m[2]!]);
  }
  return out;
}

export async function startSipNotifier(): Promise<SipNotifier> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const dialogs = new Map<string, Dialog>();

  const send = (d: Dialog, state: string, body = '') => {
    d.cseq += 1;
    const bytes = Buffer.byteLength(body);
    d.ws.send(
      [
        `NOTIFY ${d.contact} SIP/2.0`,
        `Via: SIP/2.0/WS notifier.invalid;branch=z9hG4bK${token()}`,
        'Max-Forwards: 70',
        `From: <${d.target}>;tag=${d.tag}`,
        `To: ${d.watcher}`,
        `Call-ID: ${d.callId}`,
        `CSeq: ${d.cseq} NOTIFY`,
        'Event: presence',
        `Subscription-State: ${state}`,
        `Contact: ${CONTACT}`,
        ...(bytes ? ['Content-Type: application/pidf+xml'] : []),
        `Content-Length: ${bytes}`,
        '',
        body,
      ].join('\r\n'),
    );
  };

  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const text = String(data);
      const head = text.slice(0, text.indexOf('\r\n\r\n'));
      const start = /^SUBSCRIBE (\S+) SIP\/2\.0/.exec(head);
      if (!start) return; // keep-alives, answers to our NOTIFYs, anything else
      const h = headers(head);
      const one = (name: string) => h.get(name)?.[0] ?? '';
      const to = one('to');
      const tag = /;\s*tag=([^;\s]+)/.exec(to)?.[1] ?? token();
      const expires = Number(one('expires') || 600);
      ws.send(
        [
          'SIP/2.0 200 OK',
          ...(h.get('via') ?? []).map((v) => `Via: ${v}`),
          `From: ${one('from')}`,
          `To: ${/;\s*tag=/.test(to) ? to : `${to};tag=${tag}`}`,
          `Call-ID: ${one('call-id')}`,
          `CSeq: ${one('cseq')}`,
          `Contact: ${CONTACT}`,
          `Expires: ${expires}`,
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      const callId = one('call-id');
      const known = dialogs.get(callId);
      const dialog: Dialog = known ?? {
        ws,
        callId,
        watcher: one('from'),
        contact: /<([^>]+)>/.exec(one('contact'))?.[1] ?? one('contact'),
        target: start[1]!.replace(/;.*$/, ''),
        tag,
        cseq: 0,
      };
      if (expires === 0) {
        dialogs.delete(callId);
        send(dialog, 'terminated;reason=timeout');
        return;
      }
      dialogs.set(callId, dialog);
      if (!known) send(dialog, `active;expires=${expires}`);
    });
    ws.on('close', () => {
      for (const [id, d] of dialogs) if (d.ws === ws) dialogs.delete(id);
    });
  });

  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    subscribed: () => [...new Set([...dialogs.values()].map((d) => d.target))],
    notify(target, body) {
      const watchers = [...dialogs.values()].filter((d) => d.target === target);
      for (const d of watchers) send(d, 'active;expires=600', body);
      return watchers.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}
