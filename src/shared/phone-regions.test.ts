// src/shared/phone-regions.ts is generated from libphonenumber-js's metadata (build/phone-regions.ts).
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { currentPhoneRegionsModule, PHONE_REGIONS_PATH } from '../../build/phone-regions.ts';
import { isPhoneRegion } from './phone-regions.ts';

it('lists the regions of the libphonenumber-js installed (else run `npx tsx build/phone-regions.ts`)', () => {
  expect(readFileSync(PHONE_REGIONS_PATH, 'utf8')).toBe(currentPhoneRegionsModule());
});

it('knows GB, US and XK; not UK, ZZ, lower case or a part of two codes', () => {
  expect(['GB', 'US', 'XK'].map(isPhoneRegion)).toEqual([true, true, true]);
  expect(['UK', 'ZZ', 'gb', 'B ', 'AC AD', ''].map(isPhoneRegion)).toEqual([false, false, false, false, false, false]);
});
