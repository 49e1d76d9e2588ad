import { describe, expect, it } from 'vitest';
import { MAX_NOTE_CHARS, pickNote, sanitizeNoteText, type Note } from './note.ts';

const notes: Note[] = [
  { text: 'Away', lang: 'en' },
  { text: 'Absent', lang: 'fr-CA' },
  { text: 'Abwesend', lang: 'de-DE' },
  { text: 'Poissa', lang: 'fi' },
];

describe('pickNote (closest xml:lang)', () => {
  it.each([
    [['en-US', 'de'], 'Away'], // en-US → truncation en
    [['de-AT', 'en'], 'Abwesend'], // de-AT → de → a narrower de tag before the next language
    [['fr'], 'Absent'], // fr → fr-CA
    [['FI'], 'Poissa'], // case-insensitive
    [['sv', 'fi'], 'Poissa'], // falls through to the next language
    [['ja'], 'Away'], // nothing fits: first note (no untagged one)
    [[], 'Away'],
  ])('%j → %s', (languages, text) => {
    expect(pickNote(notes, languages)?.text).toBe(text);
  });

  it('prefers an untagged note over an unrelated language', () => {
    expect(
      pickNote(
        [
          { text: 'Hej', lang: 'sv' },
          { text: 'plain', lang: '' },
        ],
        ['ja'],
      )?.text,
    ).toBe('plain');
  });

  it('skips a trailing single-letter subtag when truncating (RFC 4647 §3.4)', () => {
    expect(
      pickNote(
        [
          { text: 'x', lang: 'zh-hant' },
          { text: 'y', lang: 'en' },
        ],
        ['zh-Hant-x-private'],
      )?.text,
    ).toBe('x');
  });

  it('has nothing to pick from no notes', () => {
    expect(pickNote([], ['en'])).toBeUndefined();
  });
});

describe('sanitizeNoteText', () => {
  it('keeps ordinary text, including right-to-left scripts and emoji', () => {
    expect(sanitizeNoteText('  שלום   עולם 👋 ')).toBe('שלום עולם 👋');
  });

  it('removes bidi embeddings, overrides and isolates, and controls', () => {
    expect(sanitizeNoteText('a\u202eb\u2067c\u0000d\u009be\u007f')).toBe('abcde');
  });

  it('turns line breaks and tabs into single spaces', () => {
    expect(sanitizeNoteText('one\r\ntwo\tthree\u2028four')).toBe('one two three four');
  });

  it('drops a lone surrogate left by a cut', () => {
    expect(sanitizeNoteText('ok\ud83d')).toBe('ok');
    expect(sanitizeNoteText('\ude00ok')).toBe('ok');
  });

  it('caps at a code point boundary', () => {
    const long = sanitizeNoteText('😀'.repeat(500));
    expect(Array.from(long)).toHaveLength(MAX_NOTE_CHARS);
    expect(long.endsWith('😀…')).toBe(true);
  });
});
