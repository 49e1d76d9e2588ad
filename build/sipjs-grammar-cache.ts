// Build step: SIP.js 0.21's generated SIP grammar (peggy, sip.js/lib/grammar/pegjs/dist/grammar.js) decodes its
// 236 bytecode strings again on every Grammar.parse call, and a SIP message is parsed header by header: in the
// service worker that decoding was the largest piece of the work a NOTIFY costs (bench/presence, CPU profile of
// the worker). The bytecode depends on nothing but those strings, so it is decoded once and kept for every later
// parse; the grammar's other per-call state (actions, expectations, position) is left as it is.
import type { Plugin } from 'vite';

const GRAMMAR = /sip\.js\/lib\/grammar\/pegjs\/dist\/grammar\.js$/;
const DECLARATION = 'const peg$bytecode = [';

/** The grammar module's source with its bytecode decoded once per module; throws when it is not what it expects. */
export function cacheGrammarBytecode(source: string): string {
  const at = source.indexOf(DECLARATION);
  if (at < 0 || source.indexOf(DECLARATION, at + 1) >= 0)
    throw new Error('sipjs-grammar-cache: SIP.js grammar.js changed (its one `const peg$bytecode = [` is gone)');
  const cached = `${source.slice(0, at)}const peg$bytecode = (peg$bytecodeOnce ??= [${source.slice(at + DECLARATION.length)}`;
  // The array literal ends at the first "];" after it: its elements are peg$decode("…") calls, whose strings
  // hold no "];" (checked: the result must parse, which the unit test does through import()).
  const end = cached.indexOf('];', at);
  return `let peg$bytecodeOnce;\n${cached.slice(0, end)}]);${cached.slice(end + 2)}`;
}

export function sipjsGrammarCache(): Plugin {
  return {
    name: 'sipjs-grammar-cache',
    transform(code, id) {
      return GRAMMAR.test(id) ? { code: cacheGrammarBytecode(code), map: null } : undefined;
    },
  };
}
