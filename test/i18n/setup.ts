// Unit tests see the extension's English messages, through the same formatter the browser's getMessage feeds.
import { useMessages } from '../../src/shared/i18n.ts';
import { getMessageFrom, readLocale } from './locales.ts';

useMessages(getMessageFrom(readLocale('en')));
