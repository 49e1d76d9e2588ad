// @vitest-environment happy-dom
// The annotation contract and the where-not rules on a DOM (issue 3, "Annotation" and "Where not").
import { beforeEach, describe, expect, it } from 'vitest';
import { Annotations, WRAPPER_TAG } from '../../../src/content/dom/annotations.ts';
import { applyWrite, scanNode, type ScanHost } from '../../../src/content/dom/scan.ts';
import { Watcher } from '../../../src/content/dom/watcher.ts';
import { pageOptsOut } from '../../../src/content/dom/where-not.ts';

function makeHost(): ScanHost & { wrappers: Element[]; roots: Node[] } {
  const annotations = new Annotations(() => 'idle');
  const host: ScanHost & { wrappers: Element[]; roots: Node[] } = {
    annotations,
    userRegion: 'DE',
    wrappers: [] as Element[],
    roots: [] as Node[],
    addRoot: (root: Node) => void host.roots.push(root),
    annotated: (els: Element[]) => void host.wrappers.push(...els),
    wrote: () => {},
    // Writes are applied at once here; the idle queue batches them in the extension.
    write: (w: Parameters<ScanHost['write']>[0]) => applyWrite(w, host),
    scanned: new WeakMap<Text, string>(),
    frames: new WeakSet<Element>(),
  };
  return host;
}

function run(job: Generator<void, void, void>): void {
  for (let r = job.next(); !r.done; r = job.next());
}

/** Test fixtures are literal, trusted HTML. */
function setBody(html: string): void {
  document.body.replaceChildren(document.createRange().createContextualFragment(html));
}

const numbers = () => [...document.querySelectorAll('[data-enum-e164]')].map((el) => [el.textContent, el.getAttribute('data-enum-e164'), el.getAttribute('data-enum-state')]);

beforeEach(() => {
  document.documentElement.lang = 'de';
  document.body.replaceChildren();
});

describe('annotation', () => {
  it('wraps each number, keeps the text byte-identical and restores the original DOM', () => {
    setBody('<p id="p">Tel. 030 1234567 &amp; Fax 030 7654321 &lt;b&gt;</p><div>ohne Nummer 12</div>');
    const before = document.body.innerHTML;
    const text = document.getElementById('p')!.firstChild as Text;
    const host = makeHost();
    run(scanNode(document.body, host));
    expect(numbers()).toEqual([
      ['030 1234567', '+49301234567', 'idle'],
      ['030 7654321', '+49307654321', 'idle'],
    ]);
    expect(document.body.textContent).toBe('Tel. 030 1234567 & Fax 030 7654321 <b>ohne Nummer 12');
    expect(document.querySelector(WRAPPER_TAG)!.attributes.length).toBe(2);
    host.annotations.setState('+49301234567', 'pres');
    expect(numbers()[0]![2]).toBe('pres');
    host.annotations.restoreAll();
    expect(document.body.innerHTML).toBe(before);
    // The page's own Text node is the one left in place, holding its whole text again.
    expect(document.getElementById('p')!.firstChild).toBe(text);
    expect(document.getElementById('p')!.childNodes.length).toBe(1);
  });

  it('uses the nearest lang for national numbers', () => {
    setBody('<p lang="en-GB">Call 020 7946 0018</p><p lang="fr">Appelez le 01 42 68 53 00</p><p>Ruf an: 030 1234567</p>');
    run(scanNode(document.body, makeHost()));
    expect(numbers().map((n) => n[1])).toEqual(['+442079460018', '+33142685300', '+49301234567']);
  });

  it('annotates a tel: link once, on the link, and its matching text not again', () => {
    setBody('<a href="tel:+49301234567">030 1234567</a> <a href="tel:+4930999999">Zentrale</a>');
    run(scanNode(document.body, makeHost()));
    expect([...document.querySelectorAll('[data-enum-e164]')].map((e) => e.tagName)).toEqual(['A', 'A']);
    expect(numbers().map((n) => n[1])).toEqual(['+49301234567', '+4930999999']);
  });

  it('never touches editable or script-like content (issue 3, "Where not")', () => {
    setBody([
      '<input value="030 1234567">',
      '<textarea>030 1234567</textarea>',
      '<select><option>030 1234567</option></select>',
      '<div contenteditable="true"><p>030 1234567</p></div>',
      '<div contenteditable="false">030 1234568</div>',
      '<div role="textbox">030 1234567</div><div role="searchbox">030 1234567</div><div role="combobox">030 1234567</div>',
      '<noscript>030 1234567</noscript><template>030 1234567</template>',
      '<svg><text>030 1234567</text></svg>',
    ].join(''));
    run(scanNode(document.body, makeHost()));
    expect(numbers()).toEqual([['030 1234568', '+49301234568', 'idle']]);
  });

  it('finds the opt-out meta', () => {
    const meta = document.createElement('meta');
    meta.name = 'format-detection';
    meta.content = 'telephone=no, email=no';
    document.head.append(meta);
    expect(pageOptsOut(document)).toBe(true);
    meta.content = 'telephone=yes';
    expect(pageOptsOut(document)).toBe(false);
    meta.remove();
  });
});

describe('dynamic content', () => {
  it('scans inserted nodes and changed text, and ignores its own writes', async () => {
    const host = makeHost();
    const changed: Node[] = [];
    const watcher = new Watcher(host.annotations, { changed: (n) => void changed.push(n), pending: () => {} });
    host.wrote = () => watcher.dropOwnRecords();
    watcher.observe(document.body);
    setBody('<p>Tel. 030 1234567</p>');
    await Promise.resolve();
    watcher.flush();
    expect(changed.length).toBeGreaterThan(0);
    for (const n of changed.splice(0)) run(scanNode(n, host));
    expect(numbers().map((n) => n[1])).toEqual(['+49301234567']);
    // Our own wrapping produced no work.
    await Promise.resolve();
    watcher.flush();
    expect(changed).toEqual([]);

    // The page rewrites its own text node (as a framework does): our pieces go, the new text is scanned.
    const original = document.querySelector('p')!.firstChild as Text;
    original.data = 'Neu: 030 7654321';
    await Promise.resolve();
    watcher.flush();
    expect(document.querySelector('p')!.textContent).toBe('Neu: 030 7654321');
    for (const n of changed.splice(0)) run(scanNode(n, host));
    expect(numbers().map((n) => n[1])).toEqual(['+49307654321']);

    // The page removes its text node: the rest of the number goes with it.
    document.querySelector('p')!.firstChild!.remove();
    await Promise.resolve();
    watcher.flush();
    expect(document.querySelector('p')!.textContent).toBe('');
    watcher.disconnect();
  });
});
