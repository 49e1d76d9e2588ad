// PIDF (RFC 3863) with the data model's <person> (RFC 4479) and RPID (RFC 4480): a NOTIFY body → typed data.
// Only what the extension shows is read: each tuple's <basic> status, contact, notes and timestamp; each
// person's activities, user-input, notes and timestamp; the document's notes. Every other element is ignored
// (PIDF is extended with elements in other namespaces, which a watcher may not know) — unless it carries
// mustUnderstand="true", then the whole document is refused, because a watcher must not act on a document it
// only partly understands (the mustUnderstand attribute of RFC 3863's schema, for extensions that change the
// meaning of what they are in).
import { err, ok, type Result } from '../result.ts';
import { sanitizeNoteText, type Note } from './note.ts';
import { attrKey, parseXml, XML_ERROR_CODES, type XmlElement } from './xml.ts';
import type { UserInput } from './rpid.ts';

export const PIDF_NS = 'urn:ietf:params:xml:ns:pidf';
export const DM_NS = 'urn:ietf:params:xml:ns:pidf:data-model';
export const RPID_NS = 'urn:ietf:params:xml:ns:pidf:rpid';

export const PIDF_ERROR_CODES = [...XML_ERROR_CODES, 'pidf-not-presence', 'pidf-must-understand'] as const;
export type PidfErrorCode = (typeof PIDF_ERROR_CODES)[number];
export type PidfError = { code: PidfErrorCode; message: string };

export interface PidfTuple {
  id: string;
  /** RFC 3863 <basic>; undefined when absent or neither "open" nor "closed". */
  basic?: 'open' | 'closed';
  contact?: string;
  notes: Note[];
  /** Epoch ms of the tuple's <timestamp> (RFC 3339), when present and valid. */
  timestamp?: number;
  /** RPID activities found in the tuple (older RPID placed them in <status>); usually on the person. */
  activities: string[];
  userInput?: UserInput;
}

export interface PidfPerson {
  id: string;
  /** RPID activity element names in document order, e.g. ["on-the-phone"]; other namespaces' are left out. */
  activities: string[];
  userInput?: UserInput;
  notes: Note[];
  timestamp?: number;
}

export interface PidfDocument {
  /** The presentity's URI (<presence entity>). */
  entity: string;
  tuples: PidfTuple[];
  persons: PidfPerson[];
  /** <note> children of <presence>. */
  notes: Note[];
}

// Elements whose meaning we know (read, or deliberately passed over): mustUnderstand on these is satisfied.
const UNDERSTOOD = new Set([
  ...['presence', 'tuple', 'status', 'basic', 'contact', 'note', 'timestamp'].map((l) => `{${PIDF_NS}}${l}`),
  ...['person', 'device', 'deviceID', 'note', 'timestamp'].map((l) => `{${DM_NS}}${l}`),
  ...['activities', 'user-input', 'note'].map((l) => `{${RPID_NS}}${l}`),
]);
const qname = (el: XmlElement) => `{${el.ns}}${el.local}`;
// Each RPID activity is understood (rpid.ts says how it counts); an activity from another namespace is not.
const understood = (el: XmlElement, parent: XmlElement | undefined) =>
  UNDERSTOOD.has(qname(el)) || (el.ns === RPID_NS && parent?.ns === RPID_NS && parent.local === 'activities');

/** xs:boolean "true"/"1"; the attribute is the PIDF schema's global one, also accepted unqualified. */
function mustUnderstand(el: XmlElement): boolean {
  const v = el.attrs.get(attrKey(PIDF_NS, 'mustUnderstand')) ?? el.attrs.get('mustUnderstand');
  return v !== undefined && /^\s*(true|1)\s*$/.test(v);
}

function findNotUnderstood(el: XmlElement, parent?: XmlElement): XmlElement | undefined {
  if (mustUnderstand(el) && !understood(el, parent)) return el;
  for (const c of el.children) {
    const found = findNotUnderstood(c, el);
    if (found) return found;
  }
  return undefined;
}

const children = (el: XmlElement, ns: string, local: string) =>
  el.children.filter((c) => c.ns === ns && c.local === local);
const child = (el: XmlElement, ns: string, local: string) => el.children.find((c) => c.ns === ns && c.local === local);
const token = (el: XmlElement | undefined) => el?.text.replace(/\s+/g, ' ').trim() ?? '';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 §5.6 date-time (the xs:dateTime of <timestamp>, which PIDF requires to carry a zone) → epoch ms. */
export function parseTimestamp(text: string): number | undefined {
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1) return undefined; // e.g. 2026-02-30
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  // A leap second (:60) counts as :59; the offset turns local time into UTC.
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
}

function notes(el: XmlElement, ns: string): Note[] {
  return children(el, ns, 'note')
    .map((n) => ({ text: sanitizeNoteText(n.text), lang: n.lang }))
    .filter((n) => n.text !== '');
}

function timestamp(el: XmlElement, ns: string): number | undefined {
  const t = child(el, ns, 'timestamp');
  return t ? parseTimestamp(t.text) : undefined;
}

/** RPID <activities> anywhere among `scopes` (the element itself and, for tuples, its <status>). */
function activities(scopes: XmlElement[]): string[] {
  const names = scopes
    .flatMap((s) => children(s, RPID_NS, 'activities'))
    .flatMap((a) => a.children.filter((c) => c.ns === RPID_NS).map((c) => c.local));
  return [...new Set(names)];
}

function userInput(scopes: XmlElement[]): UserInput | undefined {
  const v = scopes.map((s) => token(child(s, RPID_NS, 'user-input'))).find((t) => t !== '');
  return v === 'idle' || v === 'active' ? v : undefined;
}

function tuple(el: XmlElement): PidfTuple {
  const status = child(el, PIDF_NS, 'status');
  const basic = status ? token(child(status, PIDF_NS, 'basic')) : '';
  const scopes = status ? [el, status] : [el];
  const t: PidfTuple = { id: el.attrs.get('id') ?? '', notes: notes(el, PIDF_NS), activities: activities(scopes) };
  if (basic === 'open' || basic === 'closed') t.basic = basic;
  const contact = token(child(el, PIDF_NS, 'contact'));
  if (contact) t.contact = contact;
  const ts = timestamp(el, PIDF_NS);
  if (ts !== undefined) t.timestamp = ts;
  const ui = userInput(scopes);
  if (ui) t.userInput = ui;
  return t;
}

function person(el: XmlElement): PidfPerson {
  const p: PidfPerson = { id: el.attrs.get('id') ?? '', activities: activities([el]), notes: notes(el, DM_NS) };
  const ui = userInput([el]);
  if (ui) p.userInput = ui;
  const ts = timestamp(el, DM_NS);
  if (ts !== undefined) p.timestamp = ts;
  return p;
}

/** Parse a PIDF document. Never throws; hostile input ends in a coded error (see xml.ts for the limits). */
export function parsePidf(body: string): Result<PidfDocument, PidfError> {
  const parsed = parseXml(body);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.ns !== PIDF_NS || root.local !== 'presence') {
    const name = root.ns ? `{${root.ns}}${root.local}` : root.local;
    return err('pidf-not-presence', `The root element is ${name}, not <presence> in ${PIDF_NS} (RFC 3863).`);
  }
  const unknown = findNotUnderstood(root);
  if (unknown) {
    return err(
      'pidf-must-understand',
      `The document marks {${unknown.ns}}${unknown.local} mustUnderstand, and it is not understood.`,
    );
  }
  return ok({
    entity: root.attrs.get('entity') ?? '',
    tuples: children(root, PIDF_NS, 'tuple').map(tuple),
    persons: children(root, DM_NS, 'person').map(person),
    notes: notes(root, PIDF_NS),
  });
}
