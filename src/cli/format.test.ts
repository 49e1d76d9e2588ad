import { describe, expect, it } from 'vitest';
import { formatError, formatJson, jsonResult } from './format.ts';

describe('CLI output escapes what JSON.stringify and terminals would not', () => {
  it('formatJson writes DEL, C1 and bidi controls as \\u escapes and stays the same JSON value', () => {
    const value = { reason: 'a\u202Eb\u009b31m\u007f\u2066', ok: 'é☎' };
    const text = formatJson(value);
    expect(text).toBe('{\n  "reason": "a\\u202eb\\u009b31m\\u007f\\u2066",\n  "ok": "é☎"\n}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it("formatError escapes a resolver's text, byte by byte", () => {
    expect(formatError('bad \x1b]0;T\x07 \r\u202E')).toBe('enum-presence: bad \\027]0;T\\007 \\013\\226\\128\\174\n');
  });
});

describe('the JSON contract', () => {
  it("keeps a rejected record's fields to {record, reason}: the extension's `why` is not printed", () => {
    const rejected = [
      {
        record: '100 10 "u" "E2U+web:http" "!^.*$!javascript:alert(1)!" .',
        reason: 'the "javascript:" scheme is never usable',
        why: { code: 'unsafe-scheme' as const, params: ['javascript'] },
      },
    ];
    const result = {
      e164: '+441632960083',
      domain: 'x.e164.arpa',
      status: 'found' as const,
      dnssec: false,
      uris: [],
      pres: [],
      rejected,
      ttl: 60,
      fetchedAt: 0,
    };
    expect(JSON.parse(formatJson(jsonResult(result))).rejected).toEqual([
      { record: rejected[0]!.record, reason: rejected[0]!.reason },
    ]);
  });
});
