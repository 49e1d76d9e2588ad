// @vitest-environment happy-dom
// The style half of the card's link guard (the point and IntersectionObserver v2 halves need a real browser:
// test/e2e/card-guard.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { hiddenByStyle } from './link-guard.ts';

function host(style = ''): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('style', style);
  document.documentElement.append(el);
  return el;
}

afterEach(() => {
  document.documentElement.removeAttribute('style');
  for (const el of [...document.documentElement.children]) if (el.tagName === 'DIV') el.remove();
});

describe('hiddenByStyle', () => {
  it('lets a plainly shown host through, and a dark-mode inversion of the page', () => {
    expect(hiddenByStyle(host())).toBeUndefined();
    document.documentElement.style.filter = 'invert(0.9) hue-rotate(180deg)';
    expect(hiddenByStyle(host())).toBeUndefined();
  });
  it('refuses a host made transparent, invisible or filtered away, on itself or an ancestor', () => {
    expect(hiddenByStyle(host('opacity: 0 !important'))).toBe('opacity');
    expect(hiddenByStyle(host('opacity: 0.5'))).toBe('opacity');
    expect(hiddenByStyle(host('visibility: hidden'))).toBe('visibility');
    expect(hiddenByStyle(host('display: none'))).toBe('display');
    expect(hiddenByStyle(host('filter: opacity(0)'))).toBe('filter');
    document.documentElement.style.opacity = '0.1';
    expect(hiddenByStyle(host())).toBe('opacity');
  });
});
