import { describe, expect, it } from 'vitest';
import { parsePidf, parseTimestamp, type PidfDocument } from './pidf.ts';

const NS =
  'xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"';

const doc = (body: string): PidfDocument => {
  const r = parsePidf(body);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const code = (body: string): string => {
  const r = parsePidf(body);
  return r.ok ? 'ok' : r.error.code;
};

describe('parsePidf: documents as servers send them', () => {
  it('reads the RFC 3863 §5 style example with two tuples, contact, notes and timestamp', () => {
    const d = doc(`<?xml version="1.0" encoding="UTF-8"?>
      <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:im="urn:ietf:params:xml:ns:pidf:im" entity="pres:someone@example.com">
        <tuple id="bs35r9">
          <status><basic>open</basic><im:im>busy</im:im></status>
          <contact priority="0.8">im:someone@mobilecarrier.net</contact>
          <note xml:lang="en">Don't Disturb Please!</note>
          <note xml:lang="fr">Ne dérangez pas, s'il vous plait</note>
          <timestamp>2001-10-27T16:49:29Z</timestamp>
        </tuple>
        <tuple id="eg92n8"><status><basic>closed</basic></status><contact>mailto:someone@example.com</contact></tuple>
        <note>I'll be in Tokyo next week</note>
      </presence>`);
    expect(d.entity).toBe('pres:someone@example.com');
    expect(d.tuples).toEqual([
      {
        id: 'bs35r9',
        basic: 'open',
        contact: 'im:someone@mobilecarrier.net',
        activities: [],
        notes: [
          { text: "Don't Disturb Please!", lang: 'en' },
          { text: "Ne dérangez pas, s'il vous plait", lang: 'fr' },
        ],
        timestamp: Date.UTC(2001, 9, 27, 16, 49, 29),
      },
      { id: 'eg92n8', basic: 'closed', contact: 'mailto:someone@example.com', activities: [], notes: [] },
    ]);
    expect(d.notes).toEqual([{ text: "I'll be in Tokyo next week", lang: '' }]);
    expect(d.persons).toEqual([]);
  });

  it('reads the person element with RPID activities, user-input and a dm:note (the document Kamailio relays)', () => {
    const d = doc(`<presence ${NS} entity="sip:alice@test.example">
      <tuple id="t-alice-ws"><status><basic>open</basic></status><contact>sip:alice@test.example</contact></tuple>
      <dm:person id="p-alice">
        <rpid:activities><rpid:on-the-phone/><rpid:meeting/></rpid:activities>
        <rpid:user-input idle-threshold="600">idle</rpid:user-input>
        <dm:note xml:lang="de">Am Telefon</dm:note>
        <dm:timestamp>2026-12-01T08:00:00.250+01:00</dm:timestamp>
      </dm:person>
    </presence>`);
    expect(d.persons).toEqual([
      {
        id: 'p-alice',
        activities: ['on-the-phone', 'meeting'],
        userInput: 'idle',
        notes: [{ text: 'Am Telefon', lang: 'de' }],
        timestamp: Date.UTC(2026, 11, 1, 7, 0, 0, 250),
      },
    ]);
  });

  it('accepts any prefixes, a default namespace on a child, CDATA and character references', () => {
    const d = doc(`<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" entity="sip:b@x">
      <p:tuple id="a"><p:status><basic xmlns="urn:ietf:params:xml:ns:pidf"> open </basic></p:status>
      <p:note><![CDATA[<b>bold</b>]]> &amp; &#x263A;</p:note></p:tuple></p:presence>`);
    expect(d.tuples[0]?.basic).toBe('open');
    expect(d.tuples[0]?.notes).toEqual([{ text: '<b>bold</b> & ☺', lang: '' }]);
  });

  it('inherits xml:lang from ancestors (XML 1.0 §2.12)', () => {
    const d = doc(`<presence ${NS} entity="sip:a@b" xml:lang="sv"><dm:person id="p"><dm:note>Hej</dm:note></dm:person>
      <tuple id="t" xml:lang="fi"><status><basic>open</basic></status><note>Moi</note></tuple></presence>`);
    expect(d.persons[0]?.notes).toEqual([{ text: 'Hej', lang: 'sv' }]);
    expect(d.tuples[0]?.notes).toEqual([{ text: 'Moi', lang: 'fi' }]);
  });

  it('takes activities placed inside a tuple status (early RPID) too', () => {
    const d = doc(`<presence ${NS} entity="sip:a@b"><tuple id="t"><status><basic>open</basic>
      <rpid:activities><rpid:away/></rpid:activities></status></tuple></presence>`);
    expect(d.tuples[0]?.activities).toEqual(['away']);
  });

  it('ignores unknown elements and attributes, and a <basic> that is neither open nor closed', () => {
    const d = doc(`<presence ${NS} xmlns:x="urn:example:ext" entity="sip:a@b" x:foo="1">
      <x:gizmo><x:deep><x:deeper>text</x:deeper></x:deep></x:gizmo>
      <tuple id="t"><status><basic>ajar</basic><x:mood>fine</x:mood></status><x:extra/></tuple>
      <dm:device id="d"><dm:deviceID>urn:uuid:1</dm:deviceID></dm:device>
      <dm:person id="p"><rpid:activities><rpid:other>knitting</rpid:other><x:new-activity/></rpid:activities>
      <rpid:mood><rpid:happy/></rpid:mood></dm:person>
    </presence>`);
    expect(d.tuples).toEqual([{ id: 't', activities: [], notes: [] }]);
    expect(d.persons[0]?.activities).toEqual(['other']);
  });

  it('drops empty notes and invalid timestamps', () => {
    const d = doc(`<presence ${NS} entity="sip:a@b"><tuple id="t"><status><basic>closed</basic></status>
      <note>   </note><timestamp>yesterday</timestamp></tuple></presence>`);
    expect(d.tuples[0]).toEqual({ id: 't', basic: 'closed', activities: [], notes: [] });
  });
});

describe('parsePidf: mustUnderstand (RFC 3863)', () => {
  const withExt = (attr: string) => `<presence ${NS} xmlns:x="urn:example:ext" entity="sip:a@b">
    <tuple id="t"><status><basic>open</basic><x:critical ${attr}>yes</x:critical></status></tuple></presence>`;

  it.each([
    'mustUnderstand="true"',
    'mustUnderstand="1"',
    'mustUnderstand=" true "',
    'xmlns:p="urn:ietf:params:xml:ns:pidf" p:mustUnderstand="true"',
  ])('refuses the whole document when an element it does not understand says %s', (attr) => {
    expect(code(withExt(attr))).toBe('pidf-must-understand');
  });

  it.each(['mustUnderstand="false"', 'mustUnderstand="0"', ''])('ignores the element when it says %j', (attr) => {
    expect(code(withExt(attr))).toBe('ok');
  });

  it('refuses an activity from another namespace marked mustUnderstand', () => {
    expect(
      code(`<presence ${NS} xmlns:x="urn:example:ext" entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status></tuple>
      <dm:person id="p"><rpid:activities><x:juggling mustUnderstand="true"/></rpid:activities></dm:person></presence>`),
    ).toBe('pidf-must-understand');
  });

  it('accepts mustUnderstand on elements it does understand', () => {
    expect(
      code(`<presence ${NS} entity="sip:a@b"><tuple id="t"><status mustUnderstand="true"><basic>open</basic></status></tuple>
      <dm:person id="p"><rpid:activities mustUnderstand="1"><rpid:busy mustUnderstand="1"/></rpid:activities></dm:person></presence>`),
    ).toBe('ok');
  });
});

describe('parsePidf: hostile and wrong input', () => {
  it('refuses a DOCTYPE: external entities (XXE)', () => {
    expect(
      code(`<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <presence ${NS} entity="sip:a@b"><note>&xxe;</note></presence>`),
    ).toBe('xml-doctype');
  });

  it('refuses a DOCTYPE: the "billion laughs" entity bomb, without expanding it', () => {
    const defs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY l0 "lol">${defs}]><presence ${NS} entity="x"><note>&l10;</note></presence>`;
    expect(code(bomb)).toBe('xml-doctype');
  });

  it('refuses an undeclared entity reference', () => {
    expect(code(`<presence ${NS} entity="sip:a@b"><note>&nbsp;</note></presence>`)).toBe('xml-malformed');
  });

  it('refuses a body over 64 KB before parsing it (a 1 MB body)', () => {
    const padding = `<note>${'x'.repeat(1000)}</note>`.repeat(1000);
    expect(code(`<presence ${NS} entity="sip:a@b">${padding}</presence>`)).toBe('xml-too-large');
  });

  it('accepts a document just under the limit', () => {
    const head = `<presence ${NS} entity="sip:a@b"><!--`;
    const tail = `--></presence>`;
    expect(code(head + 'x'.repeat(64 * 1024 - head.length - tail.length) + tail)).toBe('ok');
  });

  it('refuses deep nesting', () => {
    const deep = `<presence ${NS} entity="sip:a@b">${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</presence>`;
    expect(code(deep)).toBe('xml-too-deep');
  });

  it('refuses more elements than a presence document needs', () => {
    expect(code(`<presence ${NS} entity="sip:a@b">${'<x/>'.repeat(6000)}</presence>`)).toBe('xml-too-many-elements');
  });

  it.each([
    ['wrong namespace', '<presence xmlns="urn:ietf:params:xml:ns:cpim-pidf" entity="sip:a@b"/>'],
    [
      'no namespace',
      '<presence entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status></tuple></presence>',
    ],
    ['another root', `<tuple xmlns="urn:ietf:params:xml:ns:pidf" id="t"/>`],
  ])('refuses a document that is not PIDF: %s', (_, body) => {
    expect(code(body)).toBe('pidf-not-presence');
  });

  it.each([
    ['empty body', ''],
    ['text only', 'open'],
    ['unclosed', `<presence ${NS} entity="a">`],
    ['two roots', `<presence ${NS} entity="a"/><presence ${NS} entity="b"/>`],
    ['unbound prefix', '<x:presence entity="a"/>'],
    ['JSON', '{"basic":"open"}'],
  ])('refuses malformed XML: %s', (_, body) => {
    expect(code(body)).toBe('xml-malformed');
  });

  it('strips bidi overrides and control characters from notes and caps their length', () => {
    const rlo = '\u202e';
    // XML 1.1 allows C0 controls as character references; XML 1.0 refuses them (next test).
    const d = doc(
      `<?xml version="1.1"?><presence ${NS} entity="sip:a@b"><note>${rlo}evil\u2066 te&#x9b;xt&#x7;&#x9;tab\nline ${'y'.repeat(5000)}</note></presence>`,
    );
    const text = d.notes[0]?.text ?? '';
    expect(text.startsWith('evil text tab line yyy')).toBe(true);
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(/[\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]/.test(text)).toBe(false);
    expect(Array.from(text).length).toBe(200);
    expect(text.endsWith('…')).toBe(true);
  });

  it('refuses a control character reference in XML 1.0', () => {
    expect(code(`<presence ${NS} entity="sip:a@b"><note>bell&#x7;</note></presence>`)).toBe('xml-malformed');
  });

  it('keeps only the first 1024 characters of an element text while parsing', () => {
    const d = doc(
      `<presence ${NS} entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status><contact>sip:${'a'.repeat(3000)}@b</contact></tuple></presence>`,
    );
    expect(d.tuples[0]?.contact?.length).toBe(1024);
  });
});

describe('parseTimestamp (RFC 3339 §5.6)', () => {
  it.each([
    ['2026-12-01T07:04:24Z', Date.UTC(2026, 11, 1, 7, 4, 24)],
    ['2026-12-01t07:04:24.5z', Date.UTC(2026, 11, 1, 7, 4, 24, 500)],
    ['2026-12-01T08:04:24+01:00', Date.UTC(2026, 11, 1, 7, 4, 24)],
    ['2026-11-30T23:04:24.123456-08:00', Date.UTC(2026, 11, 1, 7, 4, 24, 123)],
    ['2016-12-31T23:59:60Z', Date.UTC(2016, 11, 31, 23, 59, 59)],
  ])('%s', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each([
    '2026-12-01T07:04:24',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-12-01 07:04:24Z',
    'Tue, 1 Dec 2026 07:04:24 GMT',
    '',
  ])('refuses %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
