import { describe, expect, it } from 'vitest';
import { checkSender, parseContentMessage, parseMessage, senderKind, stateOfResult } from './protocol.ts';

const OWN = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}`;

describe('parseMessage (runtime guard for every message)', () => {
  it.each([
    [{ type: 'resolveNumber', payload: { e164: '+4312345678' } }],
    [{ type: 'reportNumbers', payload: { numbers: [{ e164: '+12025550143', state: 'idle' }] } }],
    [{ type: 'getTabNumbers', payload: { tabId: 3 } }],
    [{ type: 'inspectNumber', payload: { input: '020 7946 0148', region: 'GB' } }],
    [{ type: 'clearCache', payload: {} }],
    [{ type: 'testProvider', payload: { dohUrl: 'https://dns.google/dns-query', dohMethod: 'post' } }],
    [{ type: 'viewPresence', payload: { e164: '+4312345678' } }],
    [
      {
        type: 'testSip',
        payload: { sipServer: 'wss://sip.example.com', sipAddress: 'sip:a@example.com', sipUsername: '', password: '' },
      },
    ],
    [{ type: 'viewPresence', payload: { e164: '+4312345678', tabId: 4 } }],
  ])('accepts %j', (m) => {
    expect(parseMessage(m)).toEqual({ ok: true, value: m });
  });

  it.each([
    ['not an object', 'resolveNumber'],
    ['unknown type', { type: 'setSettings', payload: {} }],
    ['prototype key as type', { type: 'constructor', payload: {} }],
    ['missing payload', { type: 'clearCache' }],
    ['not E.164', { type: 'resolveNumber', payload: { e164: '12345' } }],
    ['too long for E.164', { type: 'resolveNumber', payload: { e164: '+1234567890123456' } }],
    ['leading zero country code', { type: 'resolveNumber', payload: { e164: '+0123456' } }],
    ['unknown state', { type: 'reportNumbers', payload: { numbers: [{ e164: '+4312345678', state: 'owned' }] } }],
    [
      'huge report',
      { type: 'reportNumbers', payload: { numbers: Array(10_001).fill({ e164: '+4312345678', state: 'idle' }) } },
    ],
    ['negative tab', { type: 'getTabNumbers', payload: { tabId: -1 } }],
    ['bad method', { type: 'testProvider', payload: { dohUrl: 'https://x', dohMethod: 'put' } }],
    ['huge input', { type: 'inspectNumber', payload: { input: '1'.repeat(101), region: '' } }],
    [
      'a SIP password that is not text',
      { type: 'testSip', payload: { sipServer: 'wss://x', sipAddress: 'sip:a@x', sipUsername: '', password: 1 } },
    ],
    ['presence for a URI instead of a number', { type: 'viewPresence', payload: { e164: 'sip:alice@example.com' } }],
    ['presence for a fractional tab', { type: 'viewPresence', payload: { e164: '+4312345678', tabId: 0.5 } }],
  ])('refuses %s with a coded error', (_why, m) => {
    const r = parseMessage(m);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-message');
  });
});

describe('checkSender', () => {
  const page = { id: OWN, hasTab: false, url: `${ORIGIN}/src/popup/index.html` };
  const content = { id: OWN, hasTab: true, url: 'https://example.com/contacts' };

  it('lets extension pages send anything', () => {
    expect(checkSender('clearCache', page, OWN, ORIGIN)).toEqual({ ok: true, value: 'page' });
    // the popup opened in a tab is still our page
    expect(checkSender('testProvider', { ...page, hasTab: true }, OWN, ORIGIN)).toEqual({ ok: true, value: 'page' });
  });

  it("lets content scripts only resolve and report numbers, and say which number's presence the card shows", () => {
    expect(checkSender('resolveNumber', content, OWN, ORIGIN)).toEqual({ ok: true, value: 'content' });
    expect(checkSender('viewPresence', content, OWN, ORIGIN)).toEqual({ ok: true, value: 'content' });
    expect(checkSender('reportNumbers', content, OWN, ORIGIN)).toEqual({ ok: true, value: 'content' });
    for (const t of ['clearCache', 'testProvider', 'getTabNumbers', 'inspectNumber'] as const) {
      const r = checkSender(t, content, OWN, ORIGIN);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
  });

  it('refuses other extensions, look-alike origins and senders without tab or page', () => {
    expect(checkSender('resolveNumber', { ...content, id: 'other' }, OWN, ORIGIN).ok).toBe(false);
    expect(checkSender('clearCache', { id: OWN, hasTab: true, url: `${ORIGIN}.evil.example/x` }, OWN, ORIGIN).ok).toBe(
      false,
    );
    expect(checkSender('resolveNumber', { id: OWN, hasTab: false, url: 'https://example.com/' }, OWN, ORIGIN).ok).toBe(
      false,
    );
  });
});

describe('parseContentMessage', () => {
  it('accepts showCardForSelection with short text only', () => {
    expect(parseContentMessage({ type: 'showCardForSelection', payload: { text: '+43 1 2345678' } })).toBeDefined();
    expect(parseContentMessage({ type: 'showCardForSelection', payload: { text: 'x'.repeat(201) } })).toBeUndefined();
    expect(parseContentMessage({ type: 'other', payload: {} })).toBeUndefined();
  });
});

describe('stateOfResult', () => {
  it('maps lookup results to annotation states', () => {
    expect(stateOfResult({ status: 'error', pres: [] })).toBe('error');
    expect(stateOfResult({ status: 'not-found', pres: [] })).toBe('none');
    expect(stateOfResult({ status: 'found', pres: [] })).toBe('no-pres');
    expect(stateOfResult({ status: 'found', pres: ['pres:a@b.example'] })).toBe('pres');
  });
});

describe('senderKind (the check content scripts apply to what reaches them)', () => {
  it('calls the background and our pages "page", a web page\'s tab "content", anything else refused', () => {
    expect(senderKind({ id: OWN, hasTab: false, url: `${ORIGIN}/service-worker-loader.js` }, OWN, ORIGIN)).toEqual({
      ok: true,
      value: 'page',
    });
    expect(senderKind({ id: OWN, hasTab: true, url: 'https://example.com/' }, OWN, ORIGIN)).toEqual({
      ok: true,
      value: 'content',
    });
    expect(senderKind({ id: 'other', hasTab: false, url: `${ORIGIN}/x` }, OWN, ORIGIN).ok).toBe(false);
  });
});
