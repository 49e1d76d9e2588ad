// The words of RPID activities (RFC 4480 §3.2) in the presence lines: each known name by its message, any other
// name as capped text without control or bidi characters. The unit tests run with the English messages
// (test/i18n/setup.ts).
import { describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../core/presence/entry.ts';
import { RPID_ACTIVITIES } from '../core/presence/rpid.ts';
import { t } from './i18n.ts';
import { activityLabel, activityMessageKey, describePresence, MAX_SHOWN_ACTIVITY_CHARS } from './presence-display.ts';

describe('activityLabel', () => {
  it('gives every RFC 4480 activity its message, none the bare name', () => {
    for (const a of RPID_ACTIVITIES) {
      expect(activityLabel(a), a).toBe(t(activityMessageKey(a)));
      expect(activityLabel(a), a).not.toBe(activityMessageKey(a)); // t() answers the key when the message is missing
    }
    expect(activityLabel('on-the-phone')).toBe('on the phone');
    expect(activityLabel('in-transit')).toBe('in transit');
    expect(activityLabel('other')).toBe('other activity');
  });

  it('shows a name RFC 4480 does not define as the text it is', () => {
    expect(activityLabel('commuting')).toBe('commuting');
    // Names that are messages or object properties elsewhere are still only text.
    expect(activityLabel('presence_busy')).toBe('presence_busy');
    expect(activityLabel('toString')).toBe('toString');
    expect(activityLabel('')).toBe('');
  });

  it('cuts a long unknown name and removes control and bidi characters, as from a note', () => {
    const long = activityLabel('x'.repeat(64));
    expect(long).toHaveLength(MAX_SHOWN_ACTIVITY_CHARS);
    expect(long).toBe(`${'x'.repeat(MAX_SHOWN_ACTIVITY_CHARS - 1)}…`);
    // U+202E (right-to-left override) would reverse the card's text after it; BEL is a control.
    expect(activityLabel('a\u202eb\u0007')).toBe('ab');
    // A name shaped like an activity but without a message is the text it is.
    expect(activityLabel('on-the-moon')).toBe('on-the-moon');
  });
});

describe('describePresence', () => {
  it('puts the activities in words, in the order the background gave them', () => {
    const entry: PresenceEntry = {
      uri: 'pres:alice@example.test',
      target: 'sip:alice@example.test',
      subscribed: true,
      state: 'busy',
      activities: ['on-the-phone', 'looking-for-work', 'commuting'],
      note: null,
      changedAt: null,
    };
    expect(describePresence(entry, 0).activities).toEqual(['on the phone', 'looking for work', 'commuting']);
  });
});
