// Command-line arguments (README "The CLI (a contract)").
import { describe, expect, it } from 'vitest';
import { parseCli } from './args.ts';

const timeoutOf = (value: string) => {
  const r = parseCli(['lookup', '+4312345678', `--timeout=${value}`]);
  return r.ok && r.value.command === 'lookup' ? r.value.args.timeoutMs : r.ok ? undefined : r.error.message;
};

describe('--timeout', () => {
  it.each([
    ['1', 1],
    ['250', 250],
    ['120000', 120_000],
  ])('accepts %j as %i ms', (value, ms) => {
    expect(timeoutOf(value)).toBe(ms);
  });

  it.each(['0x10', '1e3', ' 100', '100 ', '+100', '1_000', '0b1', '100.0', '', '0', '120001', '-5'])(
    'refuses %j: only decimal digits, 1 to 120000',
    (value) => {
      expect(timeoutOf(value)).toBe('--timeout must be a whole number of milliseconds between 1 and 120000.');
    },
  );
});
