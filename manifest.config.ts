// The one place for the extension's manifest, for both browsers (TARGET=firefox selects the Firefox variant).
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export const target: 'chrome' | 'firefox' = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

/** Loopback DoH origins of the test world (test/world/), granted only by a test build: ENUM_PRESENCE_TEST_BUILD=1
 *  (npm run build:test, used by npm test, npm start and npm run bench:page). A shipped build asks for a loopback
 *  or any other custom provider at run time, like every custom provider. */
export const TEST_WORLD_HOSTS = ['https://127.0.0.1/*', 'https://localhost/*'];
const testBuild = process.env.ENUM_PRESENCE_TEST_BUILD === '1';

export default defineManifest({
  manifest_version: 3,
  // Name and description in the browser's language: public/_locales/<lang>/messages.json (README "Languages").
  name: '__MSG_extName__',
  version: pkg.version,
  description: '__MSG_extDescription__',
  default_locale: 'en',
  icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
  // activeTab: the popup learns the current tab's hostname (for the site switch) only when the user opens it.
  permissions: ['storage', 'contextMenus', 'activeTab'],
  // DoH providers: the presets (plus loopback in a test build); a custom provider's origin is asked for at run time.
  host_permissions: [
    'https://cloudflare-dns.com/*',
    'https://dns.google/*',
    'https://dns.quad9.net/*',
    ...(testBuild ? TEST_WORLD_HOSTS : []),
  ],
  optional_host_permissions: ['https://*/*'],
  background:
    target === 'firefox'
      ? { scripts: ['src/background/index.ts'], type: 'module' }
      : { service_worker: 'src/background/index.ts', type: 'module' },
  content_scripts: [
    {
      matches: ['http://*/*', 'https://*/*'],
      js: ['src/content/index.ts'],
      css: ['src/content/annotations.css'],
      run_at: 'document_idle',
      all_frames: true,
    },
  ],
  action: { default_popup: 'src/popup/index.html', default_title: '__MSG_extName__' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  storage: { managed_schema: 'managed-schema.json' },
  ...(target === 'firefox'
    ? {
        // Firefox's default MV3 policy for extension pages is "script-src 'self'; upgrade-insecure-requests;"
        // (MDN "content_security_policy"), and upgrade-insecure-requests turns the ws:// of a loopback SIP server
        // (README "Settings": ws:// only for 127.0.0.1, localhost, ::1) into wss://: a TLS handshake on a plain
        // port, which never completes (seen: Kamailio's WS port received a TLS ClientHello; the connection timed
        // out). Nothing else is left to that upgrade: every other URL the extension opens is https:// or wss://
        // by validation (shared/settings.ts). Scripts stay 'self' only, as by default.
        content_security_policy: { extension_pages: "script-src 'self';" },
        browser_specific_settings: {
          gecko: {
            id: 'enum-presence@enum-presence.invalid',
            strict_min_version: '142.0',
            // Declared honestly (Mozilla's taxonomy, extensionworkshop.com "firefox-builtin-data-consent"): every lookup
            // sends the ENUM name of a phone number — the number's digits reversed under e164.arpa — to the DoH
            // provider the user chose. A phone number is "personallyIdentifyingInfo" (its examples name phone
            // numbers), and the numbers come from the text of the pages visited ("websiteContent"). Both are
            // required: looking numbers up is the extension's one function. Nothing else is sent, to no one else.
            data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
          },
        },
      }
    : { minimum_chrome_version: '120' }),
});
