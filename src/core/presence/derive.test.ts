import { describe, expect, it } from 'vitest';
import { documentActivities, documentNotes, latestTimestamp, presenceState } from './derive.ts';
import type { PidfDocument, PidfPerson, PidfTuple } from './pidf.ts';
import { parsePidf } from './pidf.ts';
import { AWAY_ACTIVITIES, BUSY_ACTIVITIES, RPID_ACTIVITIES } from './rpid.ts';
import { DOCUMENT_STATES, PRESENCE_STATES, isPresenceState } from './state.ts';

const tuple = (basic: PidfTuple['basic'], extra: Partial<PidfTuple> = {}): PidfTuple => ({
  id: 't',
  activities: [],
  notes: [],
  ...(basic ? { basic } : {}),
  ...extra,
});
const person = (activities: string[], extra: Partial<PidfPerson> = {}): PidfPerson => ({
  id: 'p',
  activities,
  notes: [],
  ...extra,
});
const docOf = (tuples: PidfTuple[], persons: PidfPerson[] = []): PidfDocument => ({
  entity: 'sip:a@b',
  tuples,
  persons,
  notes: [],
});

describe('presenceState: from all tuples and the person element', () => {
  it.each([
    ['no tuples at all', docOf([]), 'offline'],
    ['every tuple closed', docOf([tuple('closed'), tuple('closed')]), 'offline'],
    ['no <basic> anywhere', docOf([tuple(undefined)]), 'offline'],
    ['closed, even when the person is on the phone', docOf([tuple('closed')], [person(['on-the-phone'])]), 'offline'],
    ['one tuple open among closed ones', docOf([tuple('closed'), tuple('open')]), 'available'],
    ['open with a neutral activity', docOf([tuple('open')], [person(['working', 'tv', 'other'])]), 'available'],
    ['open + on-the-phone', docOf([tuple('open')], [person(['on-the-phone'])]), 'busy'],
    ['open + meeting on the tuple (early RPID)', docOf([tuple('open', { activities: ['meeting'] })]), 'busy'],
    ['open + vacation', docOf([tuple('open')], [person(['vacation'])]), 'away'],
    ['open + sleeping', docOf([tuple('open')], [person(['sleeping'])]), 'away'],
    ['busy wins over away', docOf([tuple('open')], [person(['travel', 'on-the-phone'])]), 'busy'],
    ['open, person idle', docOf([tuple('open')], [person([], { userInput: 'idle' })]), 'away'],
    ['open, person active', docOf([tuple('open')], [person([], { userInput: 'active' })]), 'available'],
    ['every open tuple idle', docOf([tuple('open', { userInput: 'idle' }), tuple('closed')]), 'away'],
    [
      'one open tuple still active',
      docOf([tuple('open', { userInput: 'idle' }), tuple('open', { userInput: 'active' })]),
      'available',
    ],
  ] as const)('%s → %s', (_, doc, state) => {
    expect(presenceState(doc)).toBe(state);
  });

  it.each(['busy', 'on-the-phone', 'meeting', 'performance', 'presentation'])('%s is busy', (a) => {
    expect(presenceState(docOf([tuple('open')], [person([a])]))).toBe('busy');
  });

  it.each(['away', 'vacation', 'sleeping', 'appointment'])('%s is away', (a) => {
    expect(presenceState(docOf([tuple('open')], [person([a])]))).toBe('away');
  });

  it('classifies only RFC 4480 activities, and none as both busy and away', () => {
    for (const a of [...BUSY_ACTIVITIES, ...AWAY_ACTIVITIES]) expect(RPID_ACTIVITIES).toContain(a);
    for (const a of BUSY_ACTIVITIES) expect(AWAY_ACTIVITIES.has(a)).toBe(false);
  });

  it('reads a real document end to end', () => {
    const r = parsePidf(`<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
      xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@test.example">
      <tuple id="t-alice-ws"><status><basic>open</basic></status><contact>sip:alice@test.example</contact></tuple>
      <dm:person id="p-alice"><rpid:activities><rpid:on-the-phone/></rpid:activities><dm:note>On the phone</dm:note></dm:person>
    </presence>`);
    expect(r.ok && presenceState(r.value)).toBe('busy');
    expect(r.ok && documentActivities(r.value)).toEqual(['on-the-phone']);
  });
});

describe('document helpers', () => {
  it('collects activities once, person first', () => {
    expect(documentActivities(docOf([tuple('open', { activities: ['meeting', 'busy'] })], [person(['busy'])]))).toEqual(
      ['busy', 'meeting'],
    );
  });

  it('orders notes person, document, tuples', () => {
    const d: PidfDocument = {
      entity: 'x',
      notes: [{ text: 'doc', lang: '' }],
      tuples: [tuple('open', { notes: [{ text: 'tuple', lang: '' }] })],
      persons: [person([], { notes: [{ text: 'person', lang: '' }] })],
    };
    expect(documentNotes(d).map((n) => n.text)).toEqual(['person', 'doc', 'tuple']);
  });

  it('finds the newest timestamp, or none', () => {
    expect(
      latestTimestamp(docOf([tuple('open', { timestamp: 5 }), tuple('open')], [person([], { timestamp: 9 })])),
    ).toBe(9);
    expect(latestTimestamp(docOf([tuple('open')]))).toBeUndefined();
  });
});

describe('the list of states', () => {
  it('is one list: document states are a subset, and the guard accepts exactly the list', () => {
    expect(PRESENCE_STATES).toEqual(['available', 'busy', 'away', 'offline', 'pending', 'blocked', 'unknown']);
    for (const s of DOCUMENT_STATES) expect(PRESENCE_STATES).toContain(s);
    expect(PRESENCE_STATES.every(isPresenceState)).toBe(true);
    expect([undefined, 'online', 'Busy', 1].some(isPresenceState)).toBe(false);
  });
});
