// Run code in the extension's content-script world of a page's top frame (Chromium's isolated world, reached
// over CDP): what a content script sends from there carries the browser's own sender facts for that tab, frame
// and document, exactly as the real content script's messages and event port do.
import type { Page } from 'playwright-core';

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { frameId?: string; type?: string };
}

export interface ContentWorld {
  /** Evaluate `expression` (awaited) in the content script's world; returns its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

/** The content-script world of `page`'s top frame; the content script must have started there. */
export async function contentWorld(page: Page, extensionOrigin: string): Promise<ContentWorld> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ExecutionContext }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const top = frameTree.frame.id;
  const deadline = Date.now() + 10_000;
  let context: ExecutionContext | undefined;
  while (!(context = contexts.find((c) => c.origin === extensionOrigin && c.auxData?.frameId === top))) {
    if (Date.now() > deadline) throw new Error(`no content-script world in ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const contextId = context.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const r = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    detach: () => cdp.detach(),
  };
}
