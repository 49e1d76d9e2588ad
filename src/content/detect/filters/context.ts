// Filters that look around a candidate: digits glued to letters, tokens of URLs,
// e-mail addresses and message IDs, invoice/order/reference labels, IBANs, card numbers and postcodes.
// Each rule names the false positive it removes, by its case in docs/detection-cases.md (public sources there).
import { countDigits } from '../digits.ts';

// Letters of scripts written with spaces between words. CJK text puts numbers right next to letters
// (PhoneNumberMatcherTest testMatchesWithSurroundingChineseChars: `我的电话号码是415-666-7777`), so it is not "glued".
const GLUED = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}\p{Nd}_@]/u;

/** `2133734253a`, `0312345678foobaa` (libphonenumber-js tests, H#36, and its issue #410), `a+12025550188a` (#389). */
export function gluedReason(text: string, start: number, end: number): string | undefined {
  const before = text[start - 1];
  const after = text[end];
  if ((before && GLUED.test(before)) || (after && GLUED.test(after))) return 'glued to letters or digits';
  return undefined;
}

const DOMAIN = /[a-z0-9-]+\.[a-z]{2,}(?:[/:?#]|$)/i;

/**
 * The whitespace-delimited token around the candidate is a URL, e-mail address or message ID
 * (Vialer parser tests: `https://www.facebook.com/events/1231231231231233/…`,
 * `153fa67.0501234567.551b673@posting.google.com`, docs/detection-cases.md H#45, H#45b).
 */
export function urlTokenReason(text: string, start: number, end: number): string | undefined {
  let a = start;
  let b = end;
  while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
  while (b < text.length && !/\s/.test(text[b]!)) b++;
  const around = text.slice(a, start) + ' ' + text.slice(end, b);
  if (around.trim() === '') return undefined;
  if (around.includes('@')) return 'part of an e-mail address or message ID';
  if (/:\/\/|^\s*www\./i.test(around) || DOMAIN.test(around) || /[?&=]/.test(around)) return 'part of a URL';
  return undefined;
}

// Words that say the digits after them are a phone number; they win over ID labels ("Tel. Nr.", "Phone no.").
const PHONE_CUE =
  /(?:\btel|phone|fon\b|\bfax|mobil|handy|\bcall|anruf|\bcell|whats ?app|\bsms|hotline|contact|kontakt|festnetz|durchwahl|\b[tmf]\.|☎|📞|✆|電話|电话|téléphone|telefono|teléfono|телефон)/i;
// Invoice, order and reference numbers (docs/detection-cases.md C#1), account and tax IDs, postcodes.
const ID_CUE =
  /(?:invoice|rechnung|order|bestell|auftrag|ref(?:erence|erenz)?\b|kunden|customer|account|konto|vorgang|ticket|case\b|aktenzeichen|\baz\b|tracking|sendung|serial|s\/n|artikel|\bart\.|sku|isbn|ean|\bust|vat|steuer|tax|iban|bic|bsn|abn|acn|kvk|hrb|\bplz|zip|post ?code|postal|\bnr\b\.?|\bno\b\.?|nº|№|#|\bid\b|\bpin\b|\btan\b)/i;

/**
 * Whether any candidate starting in text[from, to) may have a phone label before it (labelBefore: the 24
 * characters before its start). Looser than labelBefore: the cue without its word boundaries, anywhere from 24
 * characters before `from` to `to`, so it is never false where labelBefore could be 'phone'.
 */
export function mayHavePhoneLabel(text: string, from: number, to: number): boolean {
  return PHONE_CUE_ANYWHERE.test(text.slice(Math.max(0, from - LABEL_WINDOW), to));
}
const PHONE_CUE_ANYWHERE = new RegExp(PHONE_CUE.source.replaceAll('\\b', ''), 'i');

/** Phone-ness of the words right before the candidate: 'phone', 'id' or undefined. */
const LABEL_WINDOW = 24;

export function labelBefore(text: string, start: number, window = LABEL_WINDOW): 'phone' | 'id' | undefined {
  let from = Math.max(0, start - window);
  const nl = text.lastIndexOf('\n', start - 1);
  if (nl >= from) from = nl + 1;
  const before = text.slice(from, start);
  if (PHONE_CUE.test(before)) return 'phone';
  if (ID_CUE.test(before)) return 'id';
  return undefined;
}

/** `Rechnung Nr. 20240315-0042`, `Bestellnummer 0301234567` (docs/detection-cases.md H#44). */
export function labelReason(text: string, start: number): string | undefined {
  return labelBefore(text, start) === 'id' ? 'labelled as a reference number' : undefined;
}

/** An IBAN (`DE89 3704 0044 0532 0130 00`): the candidate continues a country code + check digits. */
export function ibanReason(text: string, start: number, end: number): string | undefined {
  let a = start;
  while (a > 0 && start - a < 40 && /[A-Z0-9 ]/.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && b - end < 40 && /[A-Z0-9 ]/.test(text[b]!)) b++;
  const compact = text.slice(a, b).trim();
  return /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/.test(compact) && /[A-Z]{2}\d{2}/.test(compact)
    ? 'IBAN'
    : undefined;
}

/** Card numbers: 13–19 digits in groups of four (or 4-6-5) passing the Luhn check. */
export function cardReason(text: string, start: number, end: number): string | undefined {
  let a = start;
  let b = end;
  while (a > 0 && /[\d -]/.test(text[a - 1]!)) a--;
  while (b < text.length && /[\d -]/.test(text[b]!)) b++;
  const run = text.slice(a, b).trim();
  if (!/^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?$/.test(run) && !/^\d{4}[ -]\d{6}[ -]\d{4,5}$/.test(run))
    return undefined;
  return luhn(run.replace(/\D/g, '')) ? 'card number' : undefined;
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Postcodes and other short codes: `A-1010 Wien`, `PLZ 10115 Berlin` (docs/detection-cases.md H#43), a lone AT
 * `12345` (`max` reads it as +4312345, H#50). Numbers under six digits need a phone label to count.
 */
export function shortCodeReason(text: string, start: number, end: number): string | undefined {
  const digits = countDigits(text, start, end);
  if (text[start] === '+' || digits >= 6) return undefined;
  if (labelBefore(text, start) === 'phone') return undefined;
  return 'too short without a phone label (postcode or code)';
}
