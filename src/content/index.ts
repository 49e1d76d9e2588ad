// Content-script bootstrap (after refined-github's two-line entry). The work — matcher, metadata,
// annotation — starts only where numbers can be: text with digits, a tel: link, a frame or an open shadow root;
// other pages get one cheap observer that waits for digits to appear (README "Page annotations").
// A static import: the standalone file holds everything anyway, and an inlined dynamic import wrapped every
// module in a lazy initialiser (1.5 KB gzip more, and the whole script parsed twice on pages with numbers).
import { whenNumbersMayExist } from './may-have-numbers.ts';
import { start } from './lifecycle.ts';

whenNumbersMayExist(document, () => start());
