// The only module that imports webextension-polyfill: one `browser.*` API for Chromium and Firefox.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs, Storage } from 'webextension-polyfill';
