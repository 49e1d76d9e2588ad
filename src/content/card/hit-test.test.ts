// Which computed colours count as invisible text for the hover trigger (src/content/card/hit-test.ts): only an
// alpha of 0, in the forms Chromium and Firefox compute; black (`rgb(0, 0, 0)`) is as visible as any colour.
import { describe, expect, it } from 'vitest';
import { isTransparent } from './hit-test.ts';

describe('isTransparent', () => {
  it.each(['transparent', 'rgba(0, 0, 0, 0)', 'rgba(255, 10, 0, 0)', 'rgb(0 0 0 / 0)', 'color(srgb 1 0 0 / 0)'])(
    '%s is invisible',
    (c) => {
      expect(isTransparent(c)).toBe(true);
    },
  );
  it.each(['rgb(0, 0, 0)', 'rgb(10, 20, 0)', 'rgba(10, 0, 0, 0.5)', 'rgba(0, 0, 0, 0.05)', 'color(srgb 1 0 0)'])(
    '%s is visible',
    (c) => {
      expect(isTransparent(c)).toBe(false);
    },
  );
});
