// Background state lives in storage.session, never only in memory (MV3 stops idle workers).
import { sessionStore } from '../platform/background-apis.ts';
import { TabNumbers } from './tab-numbers.ts';

export const tabNumbers = new TabNumbers(sessionStore());
