// The one "access withheld" UI of the options page: why the browser's refusal matters here, and a button that asks
// again. Used by the provider field (a new custom server) and the notice above the form (the server in use).
// The request must start inside the click, before any await, or the browser refuses it.
import type { PermissionAnswer } from '../platform/permissions.ts';
import { h } from '../ui/dom.ts';
import { t } from '../shared/i18n.ts';

export interface WithheldOptions {
  /** id of the "Allow access" button. */
  buttonId: string;
  host: string;
  /** What the missing access means where it is shown. */
  explanation: string;
  /** Starts the browser's permission request (synchronously, inside the click). */
  request(): Promise<PermissionAnswer>;
  /** The browser's answer to a click on the button. */
  answered(answer: PermissionAnswer): void;
}

export function withheldAccess(o: WithheldOptions): HTMLElement[] {
  const allow = h('button', { type: 'button', id: o.buttonId }, t('allowAccess', o.host));
  allow.addEventListener('click', () => void o.request().then(o.answered));
  return [h('p', { class: 'error', role: 'alert' }, o.explanation), allow];
}
