// The only module that imports webextension-polyfill: one `browser.*` API for Chromium and Firefox.
//
// `require`, not `import`: the polyfill is a CommonJS module, and an ES import of it makes the bundler copy every
// property of its exports onto a new object (Rolldown's `__toESM`). Where the browser has its own `browser`
// namespace (Firefox; Chromium since it added one) the polyfill exports that object as it is, whose API namespaces
// the browser creates on first access: the copy created all of them at once, 11–44 ms in a freshly opened
// extension page (measured in Chromium 156 on a page that copies them as `__toESM` does), before the options page
// or popup could render and at every start of the service worker. `require` hands over the exports untouched.
import type { Browser } from 'webextension-polyfill';

declare const require: (id: 'webextension-polyfill') => Browser;
const browser = require('webextension-polyfill');

export default browser;
export type { Runtime, Tabs, Storage } from 'webextension-polyfill';
