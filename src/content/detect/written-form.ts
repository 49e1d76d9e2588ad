// Whether a number is written the way a region writes its national numbers: the checks of libphonenumber's
// STRICT_GROUPING leniency (PhoneNumberMatcher.isNationalPrefixPresentIfRequired, allNumberGroupsRemainGrouped),
// which libphonenumber-js has not ported (its matcher refuses that leniency). A UK number is written with its
// trunk 0 (`020 7946 0018`), so `(302)3914066` is not one; `0800-006-498` splits the UK group `006498`.
import { numberingPlan, parsePhoneNumberFromString, isSupportedCountry, type PlanFormat } from './phone-lib.ts';

/** What the form check needs of a parsed number (libphonenumber-js PhoneNumber). */
export interface ParsedNumber {
  number: string;
  countryCallingCode: string;
  nationalNumber: string;
  ext?: string;
}

/**
 * - `international`: written with its country code (`+1 …`, `00 1 …`), whatever the region;
 * - `fits`: a national form of its region (or one we cannot judge, e.g. a transformed trunk prefix);
 * - `no-trunk-prefix`: the region writes this number with its trunk prefix and the text has none;
 * - `regrouped`: the text splits a digit group the region writes together.
 */
export type WrittenForm = 'international' | 'fits' | 'no-trunk-prefix' | 'regrouped';

const NON_DIGITS = /[^0-9]+/g;

/** How `slice` (matcher text, NFKC: ASCII digits) writes `phone`. */
export function writtenForm(slice: string, phone: ParsedNumber): WrittenForm {
  if (/^[^0-9]*\+/.test(slice)) return 'international';
  let digits = slice.replace(NON_DIGITS, '');
  const ext = phone.ext ?? '';
  if (ext && digits.endsWith(ext)) digits = digits.slice(0, -ext.length);
  const nsn = phone.nationalNumber;
  if (!digits.endsWith(nsn)) return 'fits';
  const before = digits.slice(0, digits.length - nsn.length);
  const plan = compiledPlan(phone.countryCallingCode);
  if (before.endsWith(phone.countryCallingCode) && before !== plan.trunkPrefix) return 'international';
  const format = plan.formats.find((f) => (!f.leading || f.leading.test(nsn)) && f.whole.test(nsn));
  if (!format) return 'fits';
  if (before === '' && format.trunkPrefixRequired) return 'no-trunk-prefix';
  return groupsRemainGrouped(slice, nsn, ext, format, Boolean(plan.trunkPrefix)) ? 'fits' : 'regrouped';
}

/** The E.164 form of `slice` read as a national number of `region`, when it is written the way `region` writes it. */
export function readNationally(slice: string, region: string): string | undefined {
  if (!region || !isSupportedCountry(region)) return undefined;
  const phone = parsePhoneNumberFromString(slice, { defaultCountry: region });
  return phone?.isValid() && writtenForm(slice, phone) === 'fits' ? phone.number : undefined;
}

interface CompiledFormat {
  /** The last (most detailed) leading-digits pattern, anchored at the start. */
  leading: RegExp | undefined;
  /** The whole-number pattern, anchored at both ends. */
  whole: RegExp;
  /** How the groups are written (`$1 $2 $3`). */
  groups: string;
  trunkPrefixRequired: boolean;
}

const plans = new Map<string, { formats: CompiledFormat[]; trunkPrefix: string | undefined }>();

/**
 * A calling code's formats with their patterns compiled once (libphonenumber-js format.js chooseFormatForNumber
 * picks the first whose last leading-digits pattern and whole pattern match). The patterns are the metadata
 * shipped in the bundle, never page text or DNS data, and are matched only against a number's national digits
 * (at most 17), as libphonenumber-js itself does with `new RegExp`.
 */
function compiledPlan(callingCode: string) {
  let plan = plans.get(callingCode);
  if (!plan) {
    const source = numberingPlan(callingCode);
    const formats = source.formats().map((f: PlanFormat) => {
      const leading = f.leadingDigitsPatterns();
      return {
        leading: leading.length ? new RegExp(`^(?:${leading[leading.length - 1]!})`) : undefined,
        whole: new RegExp(`^(?:${f.pattern()})$`),
        groups: f.internationalFormat(),
        trunkPrefixRequired: f.nationalPrefixIsMandatoryWhenFormattingInNationalFormat(),
      };
    });
    plans.set(callingCode, (plan = { formats, trunkPrefix: source.nationalPrefix() || undefined }));
  }
  return plan;
}

/** PhoneNumberMatcher.allNumberGroupsRemainGrouped, for a number written without its country code. */
function groupsRemainGrouped(
  slice: string,
  nsn: string,
  ext: string,
  format: CompiledFormat,
  hasTrunkPrefix: boolean,
): boolean {
  const groups = nsn.replace(format.whole, format.groups).split(NON_DIGITS).filter(Boolean);
  if (groups.join('') !== nsn) return true;
  let from = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    from = slice.indexOf(group, from);
    if (from < 0) return false;
    from += group.length;
    // No separator after the first group: accepted only when the number is one unbroken block.
    if (i === 0 && from < slice.length && hasTrunkPrefix && /[0-9]/.test(slice[from]!))
      return slice.slice(from - group.length).startsWith(nsn);
  }
  return slice.slice(from).includes(ext);
}
