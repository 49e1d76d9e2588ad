// The one formatter of the words a user sees. Messages come from the browser's own localization
// (`_locales/<lang>/messages.json`, i18n.getMessage, README "Languages"): each context's platform layer installs
// getMessage with `useMessages`; the browser picks the messages of its UI language, so the card follows the
// browser's language, not the page's. Numbers, plurals and ages are formatted with Intl in that language. Kept free of browser APIs so
// that shared/ and the views stay testable in Node (the unit tests install the English messages).
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
/** i18n.getMessage: the message for `key` with $1…$9 substituted, "" when there is none. */
export type GetMessage = (key: string, substitutions?: string[]) => string;

let getMessage: GetMessage = () => '';
let language: string | undefined;

/**
 * Install the browser's getMessage. The language of every Intl format is the one of the messages the browser
 * picked for its UI language (their `locale` message), so numbers always match the words around them: in a
 * browser started with --lang=de, Chromium's getUILanguage() may still answer "en-US". Asked on first use, not
 * here: the first getMessage in a page loads the extension's messages (18 ms of CPU in Chromium, profiled on a
 * page without numbers), and the content script installs this on every page, most of which never show a word.
 */
export function useMessages(lookup: GetMessage): void {
  getMessage = lookup;
  language = undefined;
}

/** The language of the messages in use as a BCP 47 tag, the locale of every Intl format. */
export const uiLocale = (): string => (language ??= getMessage('locale') || 'en');

/** The message `key` (a name built at run time), or "" when the messages have none. */
export const messageIfAny = (key: string): string => getMessage(key);

/** The message `key` with its placeholders filled in order; the key itself when the message is missing. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return getMessage(key, substitutions) || key;
}

/**
 * A plural message: the key `<base>_<category>` for `count`'s Intl.PluralRules category, falling back to
 * `<base>_other`; its first placeholder is the formatted count.
 */
export function plural(base: 'rejected' | 'rejectedMore' | 'badgeTitle', count: number): string {
  const category = new Intl.PluralRules(uiLocale()).select(count);
  const n = formatNumber(count);
  return getMessage(`${base}_${category}`, [n]) || t(`${base}_other`, n);
}

export const formatNumber = (n: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(uiLocale(), options).format(n);

type Unit = 'second' | 'minute' | 'hour' | 'day';

/** A length of time in its largest whole unit. */
function largestUnit(seconds: number): [number, Unit] {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return [s, 'second'];
  if (s < 3600) return [Math.floor(s / 60), 'minute'];
  if (s < 86_400) return [Math.floor(s / 3600), 'hour'];
  return [Math.floor(s / 86_400), 'day'];
}

/** A duration in the largest whole unit: "42 sec", "3 min" in English, "3 Min." in German. */
export function formatDuration(seconds: number): string {
  const [value, unit] = largestUnit(seconds);
  return formatNumber(value, { style: 'unit', unit });
}

/** How long ago, Intl.RelativeTimeFormat: "42 seconds ago", "vor 5 Minuten"; under 5 s "just now". */
export function formatAgo(seconds: number): string {
  if (seconds < 5) return t('justNow');
  const [value, unit] = largestUnit(seconds);
  return new Intl.RelativeTimeFormat(uiLocale()).format(-value, unit);
}

/**
 * A message with DOM nodes in place of its placeholders (a link or code inside a translated sentence, whose
 * position differs by language): the text parts around them, in order.
 */
export function withNodes<N>(key: MessageKey, ...nodes: N[]): (string | N)[] {
  const marks = nodes.map((_, i) => `\u{E000}${i}\u{E000}`);
  return t(key, ...marks)
    .split(/\u{E000}(\d+)\u{E000}/u)
    .map((part, i) => (i % 2 === 1 ? nodes[Number(part)]! : part))
    .filter((part) => part !== '');
}
