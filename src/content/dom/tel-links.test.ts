import { describe, expect, it } from 'vitest';
import { telNumber } from './tel-links.ts';

describe('telNumber', () => {
  it.each([
    ['tel:+44-20-7946-0148', '', '+442079460148'],
    ['tel:020-7946-0148', 'GB', '+442079460148'],
    // A leading 00 is the international prefix (ITU-T E.164), as toE164 reads it for the popup and the CLI.
    ['tel:0044-20-7946-0148', '', '+442079460148'],
    ['tel:0044-20-7946-0148', 'US', '+442079460148'],
    ['tel:011-44-20-7946-0148', 'US', '+442079460148'],
  ])('%s (region %j) → %s', (href, region, e164) => {
    expect(telNumber(href, region)).toBe(e164);
  });

  it('gives nothing for a local number without a region', () => {
    expect(telNumber('tel:020-7946-0148', '')).toBeUndefined();
  });
});
