// Hostile presence documents (NOTIFY bodies are untrusted network data; README "Live presence"), each with the
// code the extension must answer with (src/core/presence/xml.ts): an external entity (XXE) behind a DOCTYPE,
// nesting far deeper than MAX_XML_DEPTH, and a document of 1 MB, sixteen times MAX_XML_CHARS; and one that is
// well-formed but names more, and longer, RPID activities than an entry carries (core/presence/entry.ts).
// Kamailio forwards the first two as published (seen: the DOCTYPE and all 100 levels arrive at a watcher);
// the third only a server like sip-notifier.ts can send (see there).

const open = (who: string, inner: string) =>
  `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:${who}@example.test">` +
  `<tuple id="t1"><status><basic>open</basic></status>${inner}</tuple></presence>`;
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const xxeBody = (who: string) =>
  `${DECL}<!DOCTYPE presence [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${open(who, '<note>&xxe;</note>')}`;

export const deepBody = (who: string, depth = 100) =>
  DECL + open(who, '<x:a xmlns:x="urn:example:deep">'.repeat(depth) + '</x:a>'.repeat(depth));

export const hugeBody = (who: string) => DECL + open(who, `<note>${'A'.repeat(1024 * 1024)}</note>`);

/** Open and on the phone, behind a 200-character RPID element name and 100 names RFC 4480 does not define. */
export const manyActivitiesBody = (who: string) =>
  DECL +
  `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"` +
  ` xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:${who}@example.test">` +
  `<tuple id="t1"><status><basic>open</basic></status></tuple><dm:person id="p"><rpid:activities>` +
  `<rpid:${'a'.repeat(200)}/>${Array.from({ length: 100 }, (_, i) => `<rpid:new-${i}/>`).join('')}` +
  `<rpid:on-the-phone/></rpid:activities></dm:person></presence>`;

export const HOSTILE_CODES = { xxe: 'xml-doctype', deep: 'xml-too-deep', huge: 'xml-too-large' } as const;
