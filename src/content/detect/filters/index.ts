// All false-positive filters, cheapest first: shapes libphonenumber still accepts although they are not phone
// numbers (docs/detection-cases.md, rows marked ⚑). Each returns why the candidate is not a phone number, or
// undefined.
import { dateLikeReason } from './date-like.ts';
import { cardReason, gluedReason, ibanReason, labelReason, shortCodeReason, urlTokenReason } from './context.ts';

type Filter = (text: string, start: number, end: number) => string | undefined;

const FILTERS: readonly Filter[] = [
  gluedReason,
  shortCodeReason,
  dateLikeReason,
  urlTokenReason,
  labelReason,
  ibanReason,
  cardReason,
];

export function rejectReason(text: string, start: number, end: number): string | undefined {
  for (const filter of FILTERS) {
    const reason = filter(text, start, end);
    if (reason) return reason;
  }
  return undefined;
}
