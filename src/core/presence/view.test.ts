import { describe, expect, it } from 'vitest';
import { isPresenceEntry, MAX_ACTIVITIES, MAX_ACTIVITY_CHARS } from './entry.ts';
import { nextView, viewFromNotify } from './view.ts';

const doc = (
  basic: string,
  person = '',
) => `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@example.com">
  <tuple id="t"><status><basic>${basic}</basic></status></tuple>${person}</presence>`;

describe('viewFromNotify', () => {
  it("reads an active NOTIFY's document: state, activities, the note for the reader, the document's timestamp", () => {
    const body = doc(
      'open',
      `<dm:person id="p"><rpid:activities><rpid:meeting/></rpid:activities>
      <dm:note xml:lang="fr">En réunion</dm:note><dm:note xml:lang="en">In a\u202e meeting</dm:note>
      <dm:timestamp>2026-01-02T03:04:05Z</dm:timestamp></dm:person>`,
    );
    expect(viewFromNotify('active;expires=600', body, ['en-GB'], 99)).toEqual({
      state: 'busy',
      activities: ['meeting'],
      note: 'In a meeting',
      changedAt: Date.parse('2026-01-02T03:04:05Z'),
    });
  });

  it('without a timestamp the state changed when the NOTIFY came', () => {
    expect(viewFromNotify('active', doc('closed'), [], 1234)).toEqual({
      state: 'offline',
      activities: [],
      note: null,
      changedAt: 1234,
    });
  });

  it('says pending, blocked and unknown from the Subscription-State, and a bad document as unknown with its error', () => {
    expect(viewFromNotify('pending;expires=60', '', [], 1).state).toBe('pending');
    expect(viewFromNotify('terminated;reason=rejected', '', [], 1)).toMatchObject({
      state: 'blocked',
      error: { code: 'subscription-rejected' },
    });
    expect(viewFromNotify('active', '', [], 1)).toMatchObject({ state: 'unknown', error: { code: 'no-document' } });
    expect(viewFromNotify('', doc('open'), [], 1)).toMatchObject({
      state: 'unknown',
      error: { code: 'bad-subscription-state' },
    });
    expect(viewFromNotify('active', '<!DOCTYPE x [<!ENTITY a "b">]><presence/>', [], 1)).toMatchObject({
      state: 'unknown',
      error: { code: expect.any(String) },
    });
  });
});

describe('viewFromNotify with hostile activity names', () => {
  it('classifies every name but carries them bounded, so that views still accept the entry', () => {
    const long = `a${'x'.repeat(200)}`;
    const many = Array.from({ length: 100 }, (_, i) => `<rpid:new-${i}/>`).join('');
    const body = doc(
      'open',
      `<dm:person id="p"><rpid:activities><rpid:${long}/>${many}<rpid:on-the-phone/></rpid:activities></dm:person>`,
    );
    const view = viewFromNotify('active', body, [], 1);
    // on-the-phone is the 102nd name: still read, so the state is busy.
    expect(view.state).toBe('busy');
    expect(view.activities).toHaveLength(MAX_ACTIVITIES);
    expect(view.activities[0]).toBe(`a${'x'.repeat(MAX_ACTIVITY_CHARS - 2)}…`);
    expect(view.activities[1]).toBe('new-0');
    expect(isPresenceEntry({ ...view, uri: 'pres:alice@example.com', target: null, subscribed: true })).toBe(true);
  });
});

describe('nextView', () => {
  it('a refresh with the same state keeps when it changed; a new state or a document timestamp moves it', () => {
    const first = viewFromNotify('active', doc('closed'), [], 100);
    const refresh = nextView(first, viewFromNotify('active', doc('closed'), [], 200), 200);
    expect(refresh.changedAt).toBe(100);
    expect(nextView(refresh, viewFromNotify('active', doc('open'), [], 300), 300).changedAt).toBe(300);
    const stamped = viewFromNotify(
      'active',
      doc('closed', '<dm:person id="p"><dm:timestamp>2026-01-02T03:04:05Z</dm:timestamp></dm:person>'),
      [],
      400,
    );
    expect(nextView(first, stamped, 400).changedAt).toBe(Date.parse('2026-01-02T03:04:05Z'));
  });
});
