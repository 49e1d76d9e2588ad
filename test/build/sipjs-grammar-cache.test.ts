// The build's SIP.js grammar step (build/sipjs-grammar-cache.ts): the rewritten grammar parses every header
// exactly as the original does, again and again, and decodes its bytecode only once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheGrammarBytecode } from '../../build/sipjs-grammar-cache.ts';

const file = join(dirname(createRequire(import.meta.url).resolve('sip.js')), 'grammar/pegjs/dist/grammar.js');
const source = readFileSync(file, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'sipjs-grammar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Grammar = { parse(input: string, options: { startRule: string; data?: unknown }): void };
/** Import `code` as the grammar module, its relative imports pointing at SIP.js's own files. */
async function load(code: string, name: string): Promise<Grammar> {
  const base = pathToFileURL(dirname(file) + '/').href;
  const path = join(dir, name);
  writeFileSync(
    path,
    code.replace(/from "(\.\.?\/[^"]+)"/g, (_, rel: string) => `from "${new URL(rel, base).href}"`),
  );
  return (await import(pathToFileURL(path).href)) as Grammar;
}

// Headers of a NOTIFY and its answer (RFC 3261 §20, RFC 6665 §8.2.3), and one that does not parse.
const SAMPLES: [string, string][] = [
  ['Request_Response', 'NOTIFY sip:bob@df7jal23ls0d.invalid;transport=ws SIP/2.0'],
  ['Request_Response', 'SIP/2.0 200 OK'],
  ['Via', 'SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bK4b43c2ff8.1;rport=5066'],
  ['Contact', '<sip:alice@127.0.0.1:5066;transport=ws>;expires=600'],
  ['Name_Addr_Header', '"Alice" <sip:alice@example.test>;tag=a6c85cf'],
  ['CSeq', '2 NOTIFY'],
  ['Subscription_State', 'active;expires=597'],
  ['Event', 'presence'],
  ['SIP_URI', 'sip:alice@example.test;transport=ws'],
  ['Contact', '<sip:alice@ not a uri'],
];

const parseAll = (g: Grammar) =>
  SAMPLES.map(([startRule, input]) => {
    const options: { startRule: string; data?: unknown } = { startRule };
    try {
      g.parse(input, options);
    } catch (e) {
      return `SyntaxError ${(e as Error).message}`;
    }
    return JSON.parse(JSON.stringify(options.data ?? null)) as unknown;
  });

describe('sipjs-grammar-cache', () => {
  it('parses every header as the original grammar does, on every call', async () => {
    const original = await load(source, 'original.js');
    const cached = await load(cacheGrammarBytecode(source), 'cached.js');
    const expected = parseAll(original);
    expect(expected.at(-1)).toMatch(/^SyntaxError/);
    expect(parseAll(cached)).toEqual(expected);
    expect(parseAll(cached)).toEqual(expected);
  });

  it('decodes the bytecode once per module, not once per parse', () => {
    const code = cacheGrammarBytecode(source);
    expect(code.match(/peg\$bytecodeOnce \?\?= \[/g)).toHaveLength(1);
    expect(code.startsWith('let peg$bytecodeOnce;\n')).toBe(true);
  });

  it('refuses a grammar it does not know, instead of building without the step', () => {
    expect(() => cacheGrammarBytecode('export const parse = () => {};')).toThrow(/grammar\.js changed/);
  });
});
