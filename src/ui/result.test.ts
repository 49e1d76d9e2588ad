// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { aliceResult, NOW } from '../../test/fixtures/lookup-result.ts';
import { renderResult, uriNode } from './result.ts';
import { formatAgo, formatDuration } from '../shared/i18n.ts';
import { linkScheme } from '../shared/display.ts';
import { stateOfResult as stateOf } from '../shared/protocol.ts';

const alice = aliceResult;

describe('stateOf', () => {
  it('maps statuses and pres to annotation states', () => {
    expect(stateOf(alice)).toBe('pres');
    expect(stateOf({ ...alice, pres: [] })).toBe('no-pres');
    expect(stateOf({ status: 'not-found', pres: [] })).toBe('none');
    expect(stateOf({ ...alice, status: 'error' })).toBe('error');
  });
});

describe('links', () => {
  it('allows only the allow-listed schemes', () => {
    for (const ok of [
      'pres:a@b',
      'sip:a@b',
      'SIPS:a@b',
      'xmpp:a@b',
      'im:a@b',
      'tel:+431',
      'mailto:a@b',
      'http://a.test/',
      'https://a.test/x',
    ]) {
      expect(linkScheme(ok), ok).toBeDefined();
    }
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'chrome://settings',
      'vbscript:x',
      'no-scheme',
      'https://a b',
    ]) {
      expect(linkScheme(bad), bad).toBeUndefined();
    }
  });
  it('shows mailto: with header fields and http(s) to non-public hosts as text (RFC 6068 §2, RFC 1918)', () => {
    for (const text of [
      'mailto:a@b?attach=/etc/passwd&body=x',
      'mailto:a@b?subject=x',
      'http://127.0.0.1:9/admin?delete=1',
      'http://2130706433/',
      'http://localhost/',
      'https://router/',
      'http://192.168.1.1/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://printer.local/',
      'http://nas.home.arpa/',
      'http://0.0.0.0/',
      'http://a.localhost/',
    ]) {
      expect(linkScheme(text), text).toBeUndefined();
      expect(uriNode(text).tagName, text).toBe('CODE');
    }
    for (const link of [
      'mailto:a@b',
      'http://example.com/',
      'https://172.32.0.1/',
      'http://8.8.8.8/',
      'https://[2001:db8::1]/',
    ])
      expect(linkScheme(link), link).toBeDefined();
  });

  it('renders links with rel=noopener noreferrer and others as text', () => {
    const a = uriNode('sip:alice@example.test');
    expect(a.tagName).toBe('A');
    expect(a.getAttribute('href')).toBe('sip:alice@example.test');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    const t = uriNode('javascript:alert(1)');
    expect(t.tagName).toBe('CODE');
    expect(t.getAttribute('href')).toBeNull();
    expect(t.textContent).toBe('javascript:alert(1)');
  });
});

describe('renderResult', () => {
  it('shows state, pres URIs, other URIs with enumservices, DNSSEC and cache age', () => {
    const el = renderResult(alice, NOW);
    expect(el.dataset.state).toBe('pres');
    expect(el.querySelector('.state')?.textContent).toBe('Presence published');
    expect([...el.querySelectorAll('.pres a')].map((a) => a.textContent)).toEqual(['pres:alice@example.test']);
    const others = [...el.querySelectorAll('.uris li')].map((li) => li.textContent);
    expect(others).toEqual([
      'sip:alice@example.test sip',
      'mailto:alice@example.test email:mailto',
      'javascript:alert(1) web:http',
    ]);
    expect(el.querySelectorAll('.uris a')).toHaveLength(2);
    expect(el.querySelector('.dnssec')?.textContent).toBe('DNSSEC validated');
    expect(el.querySelector('.age')?.textContent).toBe('fetched 3 minutes ago');
    expect(el.querySelector('.rejected summary')?.textContent).toBe('1 record ignored');
  });
  it('shows markup in DNS data as text', () => {
    const el = renderResult({ ...alice, pres: ['pres:<img src=x onerror=alert(1)>@x'] }, NOW);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.pres code')?.textContent).toBe('pres:<img src=x onerror=alert(1)>@x');
  });
  it('isolates each reason and error text, so bidi controls cannot reorder the popup (UAX #9)', () => {
    const rejected = [
      { record: '100 10 "\\226\\128\\174u" "E2U+sip" "!^.*$!sip:a@b!" .', reason: 'unknown flag(s) "\u202Eu"' },
    ];
    const el = renderResult({ ...alice, rejected, rejectedOmitted: 7 }, NOW);
    const reason = el.querySelector('.rejected li bdi.reason');
    expect(reason?.textContent).toBe('unknown flag(s) "\u202Eu"');
    expect(el.querySelector('.rejected li > bdi > code')?.textContent).toBe(rejected[0]?.record);
    expect(el.querySelector('.rejected summary')?.textContent).toBe('8 records ignored');
    expect(el.querySelector('.rejected p')?.textContent).toBe('7 more not listed.');
    const failed = renderResult(
      {
        ...alice,
        status: 'error',
        uris: [],
        pres: [],
        rejected: [],
        error: { code: 'malformed', message: 'x\u202Ey' },
      },
      NOW,
    );
    expect(failed.querySelector('.error > bdi')?.textContent).toBe('x\u202Ey');
  });

  it('shows the error of a failed lookup, and no DNSSEC or age: nothing was fetched', () => {
    const el = renderResult(
      {
        ...alice,
        status: 'error',
        dnssec: false,
        uris: [],
        pres: [],
        rejected: [],
        error: { code: 'timeout', message: 'No answer in 5 s' },
      },
      NOW,
    );
    expect(el.querySelector('.error')?.textContent).toBe(
      'The DNS-over-HTTPS server did not answer in time. No answer in 5 s (timeout)',
    );
    expect(el.querySelector('.dnssec')).toBeNull();
    expect(el.querySelector('.age')).toBeNull();
  });
});

describe('formatAgo and formatDuration (Intl, in the UI language)', () => {
  it('rounds to the largest whole unit', () => {
    expect(formatAgo(0)).toBe('just now');
    expect(formatAgo(42)).toBe('42 seconds ago');
    expect(formatAgo(2 * 3600 + 59)).toBe('2 hours ago');
    expect(formatAgo(3 * 86_400)).toBe('3 days ago');
    expect(formatDuration(42)).toBe('42 sec');
    expect(formatDuration(90)).toBe('1 min');
    expect(formatDuration(-5)).toBe('0 sec');
  });
});
