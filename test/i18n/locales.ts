// The browser's i18n.getMessage over a `_locales/<lang>/messages.json`, for tests in Node: named placeholders
// ($name$, case-insensitive) become their content, whose $1…$9 are the substitutions; "$$" is a dollar sign.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetMessage } from '../../src/shared/i18n.ts';

export const LOCALES_DIR = join(import.meta.dirname, '../../public/_locales');

export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export const localeNames = (): string[] => readdirSync(LOCALES_DIR).sort();

export function readLocale(lang: string): Record<string, Message> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Record<string, Message>;
}

export function getMessageFrom(messages: Record<string, Message>): GetMessage {
  return (key, substitutions = []) => {
    const m = messages[key];
    if (!m) return '';
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
    const placeholders = Object.fromEntries(
      Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
    );
    return m.message.replace(/\$([a-z0-9_@]+)\$|\$\$/gi, (all, name?: string) =>
      name ? fill(placeholders[name.toLowerCase()] ?? all) : '$',
    );
  };
}
