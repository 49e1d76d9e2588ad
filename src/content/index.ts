// Content-script bootstrap (aesthetics.md: refined-github's two-line entry). The heavy part — matcher,
// metadata, annotation — starts only where numbers can be: text with digits, a tel: link, a frame or an open
// shadow root; other pages get one cheap observer that waits for digits to appear (issue 3, "Size and stealth").
import { whenNumbersMayExist } from './may-have-numbers.ts';

whenNumbersMayExist(document, () => void import('./content-script.ts').then((m) => m.start()));
