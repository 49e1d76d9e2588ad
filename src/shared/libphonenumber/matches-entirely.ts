// Stands in for libphonenumber-js's helpers/matchesEntirely.js (es6-modern and es6, 1.13.16), in the build only
// (build/libphonenumber-patches.ts). The library builds `new RegExp('^(?:' + pattern + ')$')` on every call, for
// the metadata's few hundred patterns, many times per candidate (number types, national prefixes): a regexp object
// each time (bench/page profile: a tenth of the matcher's self time). The same regexp, made once per pattern:
// without the g or y flag, `test` keeps no state between calls.
const compiled = new Map<unknown, RegExp>();

export default function matchesEntirely(text: string | undefined, regularExpressionText: string): boolean {
  let re = compiled.get(regularExpressionText);
  if (!re) compiled.set(regularExpressionText, (re = new RegExp('^(?:' + regularExpressionText + ')$')));
  return re.test(text || '');
}
