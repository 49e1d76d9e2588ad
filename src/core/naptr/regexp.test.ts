// Vectors: RFC 3402 §3.2, RFC 3403 §6, RFC 6116 §4, RFC 5483 §2.4 and docs/enum-test-vectors.md §3.2/§3.3
// (V# / M# numbers there). Regexp fields are in wire form (one backslash; TS source doubles it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ERE_SIZE } from './ere.ts';
import {
  applyNaptrRegexp,
  COMPILE_BUDGET,
  COMPILED_CACHE_BUDGET,
  compiledCacheCost,
  newCompileBudget,
  parseNaptrRegexp,
} from './regexp.ts';

/** Parses and applies, returning the output, null (no match) or `error: <message>`. */
function rewrite(field: string, aus: string): string | null {
  const parsed = parseNaptrRegexp(field);
  if (!parsed.ok) return `error: ${parsed.error.message}`;
  const r = applyNaptrRegexp(parsed.value, aus);
  return r.ok ? r.value : `error: ${r.error.message}`;
}

const AUS = '+441632960083';

describe('applyNaptrRegexp: standard examples', () => {
  it.each([
    [
      'V1 RFC 6116 §4 back-reference',
      '!^(\\+441632960083)$!sip:\\1@example.com!',
      AUS,
      'sip:+441632960083@example.com',
    ],
    ['V2 RFC 6116 §4 other number does not match', '!^(\\+441632960083)$!sip:\\1@example.com!', '+441632960084', null],
    ['V3 RFC 6116 §4 h323', '!^\\+441632960083$!h323:operator@example.com!', AUS, 'h323:operator@example.com'],
    ['V4 RFC 6116 §4 mailto', '!^.*$!mailto:info@example.com!', AUS, 'mailto:info@example.com'],
    ['V5 RFC 3953 §5 pres', '!^.*$!pres:jon.peterson@example.net!', AUS, 'pres:jon.peterson@example.net'],
    [
      'V7 RFC 3403 §6.1 URN example',
      '!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i',
      'urn:cid:199606121851.1@bar.example.com',
      'example.com',
    ],
    [
      'V8 RFC 3402 §3.2 i flag',
      '!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i',
      'URN:CID:199606121851.1@bar.example.com',
      'example.com',
    ],
    ['V12 RFC 5483 §2.4 corrected +', '!^\\+4655(.*)$!sip:\\1@example.net!', '+46551234', 'sip:1234@example.net'],
    [
      'V13 Nominet live record',
      '!^\\+441865332(.*)$!sip:\\1@nominet.org.uk!',
      '+441865332244',
      'sip:244@nominet.org.uk',
    ],
    ['V14 Nominet pstn:tel', '!^(.*)$!tel:\\1!', '+441865332244', 'tel:+441865332244'],
    ['V15 "/" delimiter (RFC 6116 §5.2)', '/^\\+(.*)$/sip:\\1@example.com/', AUS, 'sip:441632960083@example.com'],
    [
      'V16 escaped delimiter in repl',
      '/^.*$/sip:operator@example.com;path=\\/a\\/b/',
      AUS,
      'sip:operator@example.com;path=/a/b',
    ],
    ['V17 escaped "|" delimiter is a literal in the ERE', '|^a\\|b$|x:y|', 'a|b', 'x:y'],
    ['V17 … and "a" alone does not match', '|^a\\|b$|x:y|', 'a', null],
    ['V18 Asterisk: escaped delimiters only', '!.*!\\!\\!\\!!', AUS, '!!!'],
    [
      'V20 repeated back-references',
      '!^\\+44(1632)(.*)$!sip:\\2-\\1-\\2@example.com!',
      AUS,
      'sip:960083-1632-960083@example.com',
    ],
    [
      'V21 unset group expands to "" (RFC 3402 "possibly empty")',
      '!^\\+44(9)?(.*)$!tel:\\1\\2!',
      AUS,
      'tel:1632960083',
    ],
    [
      'V22 i flag keeps the replacement case (RFC 6116 §3.6)',
      '!^.*$!SIP:Operator@Example.COM!i',
      AUS,
      'SIP:Operator@Example.COM',
    ],
    ['V23 case-sensitive without i', '!^abc$!x:y!', 'ABC', null],
    ['V23 case-insensitive with i', '!^abc$!x:y!i', 'ABC', 'x:y'],
    [
      'V24 "I" accepted as the flag (ABNF literals are case-insensitive)',
      '!^.*$!sip:user@example.com!I',
      AUS,
      'sip:user@example.com',
    ],
    ['V25 empty replacement', '!^.*$!!', AUS, ''],
    ['V26 unanchored: sed-style keeps the unmatched text (RFC 3402 §3.1)', '!1632!-!', AUS, '+44-960083'],
    ['"#" delimiter', '#^\\+44(.*)$#tel:0\\1#', AUS, 'tel:01632960083'],
    ['letter delimiter with escaped delimiter in the ERE', 'x^\\+44\\x?(.*)$xtel:\\1x', AUS, 'tel:1632960083'],
    ['"\\\\" in repl is one backslash', '!^.*$!a\\\\b!', AUS, 'a\\b'],
    ['other escaped characters are literal', '!^.*$!sip:a\\b@x!', AUS, 'sip:ab@x'],
  ])('%s', (_name, field, aus, expected) => {
    expect(rewrite(field, aus)).toBe(expected);
  });

  it('RFC 3402 §3.2 nested groups: \\1=ABCDEFG \\2=BCDE \\3=C \\4=F (V9)', () => {
    const out = ['\\1', '\\2', '\\3', '\\4'].map((ref) => rewrite(`!(A(B(C)DE)(F)G)!${ref}!`, 'ABCDEFG'));
    expect(out).toEqual(['ABCDEFG', 'BCDE', 'C', 'F']);
  });

  it('V27 nine copies of a back-reference (RFC 6116 §5.2, RFC 5483 §3)', () => {
    expect(rewrite('!^(.*)$!sip:\\1\\1\\1\\1\\1\\1\\1\\1\\1@x.example!', AUS)).toBe(`sip:${AUS.repeat(9)}@x.example`);
  });

  it('applies to the AUS, not cumulatively: the same parsed rule gives the same answer twice', () => {
    const parsed = parseNaptrRegexp('!^\\+(.*)$!\\1!');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(applyNaptrRegexp(parsed.value, AUS)).toEqual({ ok: true, value: '441632960083' });
    expect(applyNaptrRegexp(parsed.value, AUS)).toEqual({ ok: true, value: '441632960083' });
  });
});

describe('POSIX ERE semantics (docs/enum-test-vectors.md §4.1)', () => {
  it.each([
    ['V28 [[:digit:]+] bracket with class', '!^[[:digit:]+]*$!ok:!', AUS, 'ok:'],
    ['V30 backslash is literal inside brackets', '![\\d]!X!', '+4d4', '+4X4'],
    ['V31 alternation is leftmost-longest', '!(\\+4|\\+44)!X!', AUS, 'X1632960083'],
    [
      'V29 "+?" is (x+)? as in glibc, not lazy',
      '!(^[[:digit:]]+?)!sip:\\1@ut.cw-ngv.com!',
      '1234',
      'sip:1234@ut.cw-ngv.com',
    ],
    ['V32 [+]* then the rest', '!^[+]*(.*)$!sip:\\1@os2.example!', '+9175191005', 'sip:9175191005@os2.example'],
    [
      'V33 \\+? and [[:digit:]]*',
      '!^\\+?([[:digit:]]*)$!sip:\\1@x.example!',
      '+9175191005',
      'sip:9175191005@x.example',
    ],
    ['"]" first in a bracket is literal', '!^[]a]+$!ok:!', 'a]a', 'ok:'],
    ['"]" first in a negated bracket is literal', '!^[^]a]+$!ok:!', 'bcd', 'ok:'],
    ['"-" last in a bracket is literal', '!^[a-]+$!ok:!', 'a-a', 'ok:'],
    ['ranges', '!^\\+[0-35-9]+$!ok:!', '+1235', 'ok:'],
    ['ranges exclude', '!^\\+[0-35-9]+$!ok:!', '+1234', null],
    [
      '[[:alpha:]] [[:upper:]] [[:lower:]] [[:xdigit:]]',
      '!^[[:alpha:]][[:upper:]][[:lower:]][[:xdigit:]]$!ok:!',
      'zAbF',
      'ok:',
    ],
    [
      '[[:alnum:]] [[:punct:]] [[:space:]] [[:blank:]]',
      '!^[[:alnum:]][[:punct:]][[:space:]][[:blank:]]$!ok:!',
      '7+ \t',
      'ok:',
    ],
    ['[[:print:]] [[:graph:]] [[:cntrl:]]', '!^[[:print:]][[:graph:]][[:cntrl:]]$!ok:!', ' !\n', 'ok:'],
    ['negated class', '!^[^[:digit:]]$!ok:!', '+', 'ok:'],
    ['[=c=] and [.c.]', '!^[[=a=]][[.+.]]$!ok:!', 'a+', 'ok:'],
    ['[[:upper:]] with i flag', '!^[[:upper:]]+$!ok:!i', 'abc', 'ok:'],
    [
      'RE2 metacharacters are literal when escaped',
      '!^\\(\\)\\.\\*\\+\\?\\{\\}\\[\\]\\^\\$\\|$!ok:!',
      '().*+?{}[]^$|',
      'ok:',
    ],
    ['literal "}" and "]" outside brackets', '!^}]$!ok:!', '}]', 'ok:'],
    ['intervals {m} {m,} {m,n}', '!^\\+4{2}1{1,}6{0,3}3(.*)$!x:\\1!', AUS, 'x:2960083'],
    ['stacked quantifiers a** are allowed', '!^(.)**$!ok:!', AUS, 'ok:'],
    ['"." matches a newline (no REG_NEWLINE)', '!^a.b$!ok:!', 'a\nb', 'ok:'],
    ['"^" and "$" anchor to the whole string', '!^b$!ok:!', 'a\nb', null],
    ['non-ASCII literals and brackets', '!^ö[ä-ü]$!ok:!', 'öü', 'ok:'],
    ['empty group and empty alternative', '!^(|\\+)44()(.*)$!x:\\3!', AUS, 'x:1632960083'],
  ])('%s', (_name, field, aus, expected) => {
    expect(rewrite(field, aus)).toBe(expected);
  });

  it('known divergence: among equally long matches RE2 picks submatches leftmost-first (see regexp.ts)', () => {
    // POSIX would maximise \1 ("+44"); the whole match is the same either way.
    expect(rewrite('!^(\\+4|\\+44)(.*)$!x:\\1-\\2!', AUS)).toBe('x:+4-41632960083');
  });
});

describe('parseNaptrRegexp: malformed fields (docs/enum-test-vectors.md §3.3)', () => {
  it.each([
    ['M1 digit delimiter', '1.*1horse.mane1', /cannot be a delimiter/],
    ['M2 "0" delimiter (RFC 3402: digits MUST NOT be delimiters)', '0.*0horse.mane0', /cannot be a delimiter/],
    ['"\\" delimiter', '\\.*\\x\\', /cannot be a delimiter/],
    ['"i" delimiter', 'i.*ixi', /cannot be a delimiter/],
    ['M3 two delimiters', '!.*!horse.mane', /exactly 3 unescaped "!" delimiters, found 2/],
    ['M4 last delimiter escaped', '!.*!horse.mane\\!', /found 2/],
    ['M5 four delimiters', '!.*!horse!mane!', /found 4/],
    ['M6 unknown flag', '!.*!horse.mane!o', /unknown flag/],
    ['M7 \\0 is not a back-reference', '!.*!horse.\\0!', /not a back-reference/],
    ['M8 unmatched (', '!(.*!horse.mane!', /unmatched "\("/],
    ['M8 unmatched )', '!.*)!x!', /unmatched "\)"/],
    ['M8 unterminated bracket', '!(^[a-z*$)!x!', /unterminated bracket/],
    ['M9 incomplete', '!1234', /found 1/],
    ['M10 no final delimiter', '!(^.*$)!sip:\\1@ut.cw-ngv.com', /found 2/],
    [
      'V10 \\5 with four groups (RFC 3402 §3.2)',
      '!(A(B(C)DE)(F)G)!\\5!',
      /back-reference \\5 but the expression has 4 group/,
    ],
    ['V11 unescaped leading + (RFC 5483 §2.4)', '!^+4655(.*)$!sip:\\1@example.net!', /nothing to repeat/],
    ['quantifier first', '!*a!x!', /nothing to repeat/],
    ['quantifier after "("', '!(*a)!x!', /nothing to repeat/],
    ['quantifier after "|"', '!a|*b!x!', /nothing to repeat/],
    ['empty field', '', /empty/],
    ['empty ERE', '!!x!', /empty/],
    ['trailing backslash', '!a!b\\', /lone backslash/],
    ['back-reference in the ERE', '!(a)\\1!x!', /back-reference \\1 inside/],
    ['GNU/Perl escape \\d in the ERE', '!^\\d+$!x!', /not defined in POSIX/],
    ['unknown class', '!^[[:foo:]]$!x!', /unknown character class/],
    ['unterminated class', '!^[[:digit]$!x!', /unterminated "\[:"/],
    ['multi-character collating element', '!^[[.space.]]$!x!', /not a single character/],
    ['reversed range', '!^[z-a]$!x!', /invalid range/],
    ['class ending a range', '!^[a-[:digit:]]$!x!', /cannot end a range/],
    ['invalid interval', '!a{x}!x!', /invalid interval/],
    ['interval m > n', '!a{3,2}!x!', /invalid interval/],
    ['interval over RE_DUP_MAX', '!a{256}!x!', /invalid interval/],
    ['nested intervals expand past MAX_ERE_SIZE', '!((a{200}){200}){200}!x!', /expands to 40200 positions/],
    ['longer than 255', `!${'a'.repeat(300)}!x!`, /longer than 255/],
  ])('%s', (_name, field, message) => {
    const r = parseNaptrRegexp(field);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('caps the expanded output (RFC 5483 §9)', () => {
    const field = `!^(.*)$!${'\\1'.repeat(120)}!`;
    const parsed = parseNaptrRegexp(field);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = applyNaptrRegexp(parsed.value, '+'.padEnd(200, '1'));
    expect(r.ok).toBe(false);
  });

  it('rejects an oversized AUS', () => {
    const parsed = parseNaptrRegexp('!^.*$!x:!');
    expect(parsed.ok && applyNaptrRegexp(parsed.value, '1'.repeat(1000)).ok).toBe(false);
  });
});

describe('linear time (docs/enum-test-vectors.md V34, §4.1 ReDoS)', () => {
  it('the nested-star pattern that took 51 s in V8 returns no match at once', () => {
    expect(rewrite('!^(((.*)*)*)*x$!sip:x@y!', '+4412345678901')).toBeNull();
    expect(rewrite('!^(((.*)*)*)*x$!sip:x@y!', '+4416329600831'.repeat(10))).toBeNull();
  });

  it('deeper nesting and alternation blow-ups also finish', () => {
    const deep = `!^${'('.repeat(30)}.*${')*'.repeat(30)}x$!a:!`;
    expect(rewrite(deep, '+44123456789012345')).toBeNull();
    expect(rewrite('!^(\\+|4|1|\\+4|41|44)*x$!a:!', '+441441441441441441441441')).toBeNull();
  });

  it('property: random fields and AUS strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 32 }), (field, aus) => {
        const parsed = parseNaptrRegexp(field);
        if (parsed.ok) applyNaptrRegexp(parsed.value, aus);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: random ERE-shaped fields over phone-number AUS strings never throw', () => {
    const ereChar = fc.constantFrom(
      ...'()[]{}|*+?.^$\\-:,![]0123456789+abc'.split(''),
      '[:digit:]',
      '[[:alpha:]]',
      '{1,3}',
    );
    const field = fc.array(ereChar, { maxLength: 40 }).map((a) => `!${a.join('').replaceAll('!', '')}!sip:\\1@x!`);
    const aus = fc.stringMatching(/^\+[0-9]{1,15}$/);
    fc.assert(
      fc.property(field, aus, (f, a) => {
        const parsed = parseNaptrRegexp(f);
        if (parsed.ok) applyNaptrRegexp(parsed.value, a);
      }),
      { numRuns: 2000 },
    );
  });
});

/** A distinct 255-octet field whose ERE is cheap to match but (unbounded) costly to compile. */
const bomb = (i: number): string => `!^${'(.{0,31}){31}'.repeat(18)}$!sip:p${i}@x!`;
/** A distinct field of nearly the largest allowed expanded size: `(.{0,16}){15}` is 17 × 15 = 255 positions. */
const largest = (i: number): string => `!^(.{0,16}){15}$!sip:q${i}@x!`;

describe('compile cost is bounded (README "Hostile zones")', () => {
  it('refuses counted repetition that expands past MAX_ERE_SIZE, whatever the nesting or siblings', () => {
    expect(bomb(1).length).toBeLessThanOrEqual(255);
    for (const field of [
      bomb(1),
      '!^(.{0,31}){31}$!x!',
      '!^(a{16}){17}$!x!',
      `!^${'a{200}'.repeat(2)}$!x!`,
      '!^(a|b{255})c{2}$!x!',
    ]) {
      const r = parseNaptrRegexp(field);
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(new RegExp(`at most ${MAX_ERE_SIZE} are allowed`));
    }
  });

  it('keeps the patterns ENUM uses, up to MAX_ERE_SIZE positions', () => {
    for (const field of [
      '!^.*$!sip:a@b!',
      '!^\\+4312345(.*)$!sip:\\1@b!',
      '!^\\+([0-9]{15})$!tel:+\\1!',
      '!^(.{0,255})$!x:\\1!',
      largest(0),
      '!^(a{0,5}){3}b{2,}$!x:!',
    ]) {
      expect(parseNaptrRegexp(field).ok, field).toBe(true);
    }
    expect(rewrite('!^(.{0,255})$!x:\\1!', AUS)).toBe(`x:${AUS}`);
  });

  it('stops compiling new regexps once a lookup has spent its budget; cached ones still work', () => {
    const budget = newCompileBudget();
    const results = Array.from({ length: 200 }, (_, i) => parseNaptrRegexp(largest(1000 + i), budget));
    const compiledCount = results.filter((r) => r.ok).length;
    expect(compiledCount).toBeGreaterThan(10);
    expect(compiledCount).toBeLessThan(200);
    expect(budget.remaining).toBeGreaterThanOrEqual(0);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('compile-budget');
    expect(refused && !refused.ok && refused.error.message).toMatch(new RegExp(`of ${COMPILE_BUDGET} compile units`));
    // A field compiled earlier costs nothing, even with the budget spent.
    expect(parseNaptrRegexp(largest(1000), budget).ok).toBe(true);
  });

  it('bounds the compile cache by the summed size of its programs, not by count', () => {
    for (let i = 0; i < 400; i++) parseNaptrRegexp(largest(5000 + i));
    expect(compiledCacheCost()).toBeLessThanOrEqual(COMPILED_CACHE_BUDGET);
    expect(compiledCacheCost()).toBeGreaterThan(COMPILED_CACHE_BUDGET / 2);
  });
});

describe('bracket expressions count one position per range', () => {
  it('refuses a many-range class repeated up to RE_DUP_MAX, keeps [0-9]{15}', () => {
    const r = parseNaptrRegexp('!^[#%)+/13579;=?ACEGIKMOQSUWY_acegikmoqsuwy]{0,255}$!x:!');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/expands to \d+ positions/);
    expect(parseNaptrRegexp('!^\\+([0-9]{15})$!tel:+\\1!').ok).toBe(true);
    expect(parseNaptrRegexp('!^([[:digit:][:alpha:]]{0,60})$!x:!').ok).toBe(true);
  });
});
