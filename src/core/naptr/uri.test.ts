// RFC 6116 §3.3 (absolute URI), RFC 3402 §3.2 ("SHOULD verify"), docs/enum-test-vectors.md §3.3 M17 and §4.3.
import { describe, expect, it } from 'vitest';
import { classifyUri } from './uri.ts';

describe('classifyUri', () => {
  it.each([
    ['sip:+441632960083@example.com', ['sip']],
    ['sips:+441632960123@atlanta.example.com', ['sip']],
    ['h323:operator@example.com', ['h323']],
    ['mailto:info@example.com', ['email:mailto']],
    ['tel:+441632960083', ['voice:tel', 'sms:tel']],
    ['https://example.com/a?b=c#d', ['web:https']],
    ['http://[2001:db8::1]/', ['web:http']],
    ['ftp://ftp.example.com/pub', ['ft:ftp']],
    ['xmpp:alice@example.com', ['xmpp']],
    ['SIP:Operator@Example.COM', ['sip']],
    ['sip:a%20b@example.com', ['sip']],
    ['pres:jon.peterson@example.net', ['pres']],
    ['sip:jon@example.net', ['pres']],
    ['xmpp:jon@example.net', ['pres']],
    ['im:jon@example.net', ['pres']],
  ])('accepts %s for %j', (uri, services) => {
    expect(classifyUri(uri, services)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['empty', '', ['sip'], /empty/],
    ['M17 no scheme', 'no-scheme', ['sip'], /not an absolute URI/],
    ['M17 missing scheme', ':missing-scheme', ['sip'], /not an absolute URI/],
    ['M17 nothing after the scheme', 'sip:', ['sip'], /not an absolute URI/],
    ['M17 space', 'sip:operator @example.com', ['sip'], /non-printable/],
    ['M17 CRLF header injection', 'sip:op@example.com\r\nRoute: <sip:192.0.2.1>', ['sip'], /non-printable/],
    ['non-ASCII', 'sip:jörg@example.com', ['sip'], /non-ASCII/],
    ['characters RFC 3986 never allows', 'sip:a<b>@example.com', ['sip'], /not an absolute URI/],
    ['bad percent-encoding', 'sip:a%2@example.com', ['sip'], /not an absolute URI/],
    ['V19 sed-style garbage', '+.m.4.n4.o1632960083', ['sip'], /not an absolute URI/],
    ['javascript:', 'javascript:alert(1)', ['web:http'], /never usable/],
    ['JavaScript: in any case', 'JavaScript:alert(1)', ['sip'], /never usable/],
    ['data:', 'data:text/html,<b>x</b>', ['web:http'], /never usable|not an absolute/],
    ['data: base64', 'data:text/html;base64,PGI+', ['web:http'], /never usable/],
    ['file:', 'file:///etc/passwd', ['web:http'], /never usable/],
    ['vbscript:', 'vbscript:msgbox(1)', ['sip'], /never usable/],
    ['blob:', 'blob:https://example.com/uuid', ['web:https'], /never usable/],
    ['unknown scheme', 'foo:bar', ['sip'], /not one the ENUM enumservices use/],
    ['presence record with an http URI', 'https://example.com/', ['pres'], /not a presence URI scheme/],
    ['presence record with a tel URI', 'tel:+441632960083', ['pres'], /not a presence URI scheme/],
    ['compound with pres and a mailto URI', 'mailto:a@example.com', ['email:mailto', 'pres'], /not a presence/],
    ['too long', `sip:${'a'.repeat(3000)}@example.com`, ['sip'], /longer than/],
  ])('rejects %s', (_name, uri, services, message) => {
    const r = classifyUri(uri, services);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});
