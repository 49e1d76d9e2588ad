import { describe, expect, it } from 'vitest';
import { unknownEntry } from '../core/presence/entry.ts';
import { formatPresence } from './presence.ts';

describe('formatPresence', () => {
  it("gives a failed watch's reason as the server's words and the code that names it", () => {
    const entry = unknownEntry('pres:alice@example.test', 'sip:alice@example.test', {
      code: 'sip-auth-failed',
      message: '407 Proxy Authentication Required',
    });
    expect(formatPresence([entry])).toEqual([
      'presence pres:alice@example.test: unknown: 407 Proxy Authentication Required (sip-auth-failed)',
    ]);
  });

  it('escapes control characters the server or the presentity sent', () => {
    const entry = unknownEntry('pres:alice@example.test', null, { code: 'sip-forbidden', message: '403 \u001b[2JNo' });
    expect(formatPresence([entry])[0]).toBe(
      'presence pres:alice@example.test: unknown: 403 \\027[2JNo (sip-forbidden)',
    );
  });
});
