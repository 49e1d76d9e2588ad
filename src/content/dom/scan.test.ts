// @vitest-environment happy-dom
// The marks (README "Page annotations") and the skip rules on a DOM. happy-dom has no CSS highlights, so the
// marks go into a recording stand-in for the browser's highlight API; the browsers are covered by test/e2e.
import { beforeEach, describe, expect, it } from 'vitest';
import { Marks, type HighlightApi } from './marks.ts';
import { scanNode, type ScanContext } from './scan.ts';
import { Watcher } from './watcher.ts';
import { isSkippedElement, pageOptsOut, SKIPPED_ELEMENTS } from './skip-rules.ts';
import { addOwnHost } from './own-hosts.ts';

/** Highlights by name, each a set of plain range objects. */
const registry = new Map<string, Set<StaticRangeInit>>();
const api: HighlightApi = {
  range: (init) => ({ ...init, collapsed: false }) as unknown as AbstractRange,
  register(_doc, name) {
    const set = new Set<StaticRangeInit>();
    registry.set(name, set);
    return set as unknown as ReturnType<HighlightApi['register']>;
  },
  unregister: (_doc, name) => void registry.delete(name),
};

function makeContext(): ScanContext & { roots: Node[] } {
  const ctx: ScanContext & { roots: Node[] } = {
    marks: new Marks(() => 'idle', api),
    userRegion: 'DE',
    roots: [] as Node[],
    addRoot: (root: Node) => void ctx.roots.push(root),
    marked: () => {},
    scanned: new WeakMap(),
    links: new WeakMap(),
    frames: new WeakSet<Element>(),
  };
  return ctx;
}

function run(job: Generator<void, void, void>): void {
  for (let r = job.next(); !r.done; r = job.next());
}

/** Test fixtures are literal, trusted HTML. */
function setBody(html: string): void {
  document.body.replaceChildren(document.createRange().createContextualFragment(html));
}

/** The text a range covers (happy-dom's Range serialises it). */
function textOf(r: StaticRangeInit): string {
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range.toString();
}

/** [text, e164, highlight] of every mark, in document order. */
function numbers(ctx: ScanContext): [string, string, string][] {
  ctx.marks.flush();
  const out: [StaticRangeInit, string, string][] = [];
  for (const [e164, set] of ctx.marks.byNumber) {
    for (const mark of set) {
      const name = [...registry].find(([, h]) => h.has(mark.range as unknown as StaticRangeInit))![0];
      out.push([mark.range as unknown as StaticRangeInit, e164, name]);
    }
  }
  out.sort((a, b) =>
    a[0].startContainer === b[0].startContainer
      ? a[0].startOffset - b[0].startOffset
      : a[0].startContainer.compareDocumentPosition(b[0].startContainer) & 4
        ? -1
        : 1,
  );
  return out.map(([r, e164, name]) => [textOf(r), e164, name]);
}

beforeEach(() => {
  document.documentElement.lang = 'de';
  document.body.replaceChildren();
  registry.clear();
});

describe('marks', () => {
  it('marks each number with a range over exactly its characters and never touches the DOM', () => {
    setBody('<p id="p">Tel. 030 1234567 &amp; Fax 030 7654321 &lt;b&gt;</p><div>ohne Nummer 12</div>');
    const before = document.body.innerHTML;
    const ctx = makeContext();
    run(scanNode(document.body, ctx));
    expect(numbers(ctx)).toEqual([
      ['030 1234567', '+49301234567', 'enum-idle'],
      ['030 7654321', '+49307654321', 'enum-idle'],
    ]);
    expect(document.body.innerHTML).toBe(before);
    ctx.marks.setState('+49301234567', 'pres');
    expect(numbers(ctx).map((n) => n[2])).toEqual(['enum-pres', 'enum-idle']);
    ctx.marks.clear();
    expect([...registry.keys()]).toEqual([]);
    expect(document.body.innerHTML).toBe(before);
  });

  it('a number with known presence is also in exactly one enum-status-<state> highlight, painted over its lookup one', () => {
    const priorities = new Map<string, number>();
    const ctx = {
      ...makeContext(),
      marks: new Marks(() => 'pres', {
        ...api,
        register: (doc, name, priority) => (priorities.set(name, priority), api.register(doc, name, priority)),
      }),
    };
    setBody('<p>Tel. 030 1234567, Fax 030 7654321</p>');
    ctx.marks.setStatus('+49301234567', 'busy'); // known before its mark reaches the page: flush adds both
    run(scanNode(document.body, ctx));
    ctx.marks.flush();
    const holding = (name: string) => [...(registry.get(name) ?? [])].map((r) => textOf(r));
    expect(holding('enum-status-busy')).toEqual(['030 1234567']);
    ctx.marks.setStatus('+49301234567', 'offline');
    expect([holding('enum-status-busy'), holding('enum-status-offline'), holding('enum-pres')]).toEqual([
      [],
      ['030 1234567'],
      ['030 1234567', '030 7654321'],
    ]);
    expect([priorities.get('enum-pres'), priorities.get('enum-status-offline')]).toEqual([0, 1]);
    ctx.marks.setStatus('+49301234567', undefined);
    expect(holding('enum-status-offline')).toEqual([]);
    ctx.marks.clear();
    expect([...registry.keys()]).toEqual([]);
  });

  it('matches a number over the inline text of its block, not across block boundaries', () => {
    document.documentElement.lang = 'en-US';
    setBody(
      '<p><b>(202)</b> 555-0143</p><p><span>+1</span> <span>202</span> <span>555</span> <span>0144</span></p>' +
        '<p>+1 202<wbr>555<wbr>0145</p><p>+1 202 555\u00ad0146</p>' +
        '<table><tr><td>+1 202</td><td>555 0147</td></tr></table><p>+1 202<br>555 0148</p><ul><li>+1 202</li><li>555 0149</li></ul>',
    );
    const ctx = makeContext();
    run(scanNode(document.body, ctx));
    expect(numbers(ctx)).toEqual([
      ['(202) 555-0143', '+12025550143', 'enum-idle'],
      ['+1 202 555 0144', '+12025550144', 'enum-idle'],
      ['+1 2025550145', '+12025550145', 'enum-idle'],
      ['+1 202 555\u00ad0146', '+12025550146', 'enum-idle'],
    ]);
  });

  it('uses the nearest lang for national numbers', () => {
    setBody(
      '<p lang="en-GB">Call 020 7946 0018</p><p lang="fr">Appelez le 01 42 68 53 00</p><p>Ruf an: 030 1234567</p>',
    );
    const ctx = makeContext();
    run(scanNode(document.body, ctx));
    expect(numbers(ctx).map((n) => n[1])).toEqual(['+442079460018', '+33142685300', '+49301234567']);
  });

  it('marks a tel: link once, over its text, and its matching text not again', () => {
    setBody('<a href="tel:+49301234567">030 1234567</a> <a href="tel:+4930999999">Zentrale</a>');
    const ctx = makeContext();
    run(scanNode(document.body, ctx));
    expect(numbers(ctx)).toEqual([
      ['030 1234567', '+49301234567', 'enum-idle'],
      ['Zentrale', '+4930999999', 'enum-idle'],
    ]);
  });

  it('never marks editable or script-like content (skip-rules.ts)', () => {
    setBody(
      [
        '<input value="030 1234567">',
        '<textarea>030 1234567</textarea>',
        '<select><option>030 1234567</option></select>',
        '<div contenteditable="true"><p>030 1234567</p></div>',
        '<div contenteditable="false">030 1234568</div>',
        '<div role="textbox">030 1234567</div><div role="searchbox">030 1234567</div><div role="combobox">030 1234567</div>',
        '<noscript>030 1234567</noscript><template>030 1234567</template>',
        '<svg><text>030 1234567</text></svg>',
      ].join(''),
    );
    const ctx = makeContext();
    run(scanNode(document.body, ctx));
    expect(numbers(ctx)).toEqual([['030 1234568', '+49301234568', 'enum-idle']]);
  });

  it('skips exactly the elements the skip selector names (isSkippedElement asks it in steps)', () => {
    setBody(
      [
        '<input><textarea></textarea><select><option></option></select><canvas></canvas><iframe></iframe>',
        '<div contenteditable></div><div contenteditable="true"></div><div contenteditable="FALSE"></div>',
        '<p contenteditable="plaintext-only"></p><div role="TextBox"></div><span role="searchbox"></span>',
        '<div role="combobox"></div><div role="note"></div><p title="input"></p><b>x</b><td-like></td-like>',
        '<svg><text>x</text></svg>',
      ].join(''),
    );
    const elements = [...document.body.querySelectorAll('*')];
    expect(elements.length).toBeGreaterThan(15);
    for (const el of elements)
      expect(isSkippedElement(el), el.outerHTML).toBe(
        el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || el.matches(SKIPPED_ELEMENTS),
      );
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
  it('scans changed blocks again; a rewritten or removed number leaves no stale range', async () => {
    const ctx = makeContext();
    const changed: Node[] = [];
    const watcher = new Watcher({ changed: (n) => void changed.push(n), pending: () => {} });
    watcher.observe(document.body);
    setBody('<p>Tel. 030 1234567</p>');
    await Promise.resolve();
    watcher.flush();
    expect(changed).toEqual([document.body]);
    for (const n of changed.splice(0)) run(scanNode(n, ctx));
    expect(numbers(ctx).map((n) => n[1])).toEqual(['+49301234567']);
    // Marking changed nothing in the DOM: no records, no work.
    await Promise.resolve();
    watcher.flush();
    expect(changed).toEqual([]);

    // The page rewrites its own text node (as a framework does): the old range goes, the new text is marked.
    const p = document.querySelector('p')!;
    (p.firstChild as Text).data = 'Neu: 030 7654321';
    await Promise.resolve();
    watcher.flush();
    expect(changed).toEqual([p]);
    for (const n of changed.splice(0)) run(scanNode(n, ctx));
    expect(numbers(ctx)).toEqual([['030 7654321', '+49307654321', 'enum-idle']]);

    // Half of a split number is rewritten: the range over both halves goes.
    p.replaceChildren(document.createRange().createContextualFragment('<b>030</b> 2223334'));
    await Promise.resolve();
    watcher.flush();
    for (const n of changed.splice(0)) run(scanNode(n, ctx));
    ctx.marks.prune();
    expect(numbers(ctx)).toEqual([['030 2223334', '+49302223334', 'enum-idle']]);
    (p.firstChild!.firstChild as Text).data = 'Tel';
    await Promise.resolve();
    watcher.flush();
    for (const n of changed.splice(0)) run(scanNode(n, ctx));
    expect(numbers(ctx).map((n) => n[0])).not.toContain('030 2223334');
    expect(numbers(ctx).map((n) => n[0])).not.toContain('Tel 2223334');

    // The page removes the paragraph: its marks go with it.
    (p.firstChild!.firstChild as Text).data = '030';
    await Promise.resolve();
    watcher.flush();
    for (const n of changed.splice(0)) run(scanNode(n, ctx));
    expect(numbers(ctx).length).toBe(1);
    p.remove();
    await Promise.resolve();
    watcher.flush();
    expect(ctx.marks.prune()).toEqual([]);
    expect(numbers(ctx)).toEqual([]);
    watcher.disconnect();
  });

  it("passes the extension's own card host by: adding, filling or removing it marks nothing and rescans nothing", async () => {
    const ctx = makeContext();
    const changed: Node[] = [];
    const watcher = new Watcher({ changed: (n) => void changed.push(n), pending: () => {} });
    setBody('<p>Tel. 030 1234567</p>');
    run(scanNode(document, ctx));
    watcher.observe(document);
    const host = document.createElement('div');
    addOwnHost(host);
    host.append('Karte: 030 7654321');
    document.documentElement.append(host);
    await Promise.resolve();
    expect(watcher.flush()).toBe(false);
    host.append(' und 030 5556667');
    host.remove();
    await Promise.resolve();
    expect(watcher.flush()).toBe(false);
    expect(changed).toEqual([]);
    // Scanned while present, directly or as part of the document, it still holds no mark.
    document.documentElement.append(host);
    run(scanNode(document, ctx));
    run(scanNode(host, ctx));
    expect(numbers(ctx).map((n) => n[0])).toEqual(['030 1234567']);
    host.remove();
    watcher.disconnect();
  });
});
