// Property tests: PIDF parsing gets hostile strings and must answer each with a document or a coded error,
// never an exception; and whatever it accepts, presenceState maps to a document state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentNotes, presenceState } from './derive.ts';
import { pickNote } from './note.ts';
import { PIDF_ERROR_CODES, parsePidf } from './pidf.ts';
import { DOCUMENT_STATES } from './state.ts';

const CODES = new Set<string>(PIDF_ERROR_CODES);
const PIECES = [
  '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b">',
  '</presence>',
  '<tuple id="t">',
  '</tuple>',
  '<status>',
  '</status>',
  '<basic>',
  'open',
  'closed',
  '</basic>',
  '<dm:person xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" id="p">',
  '</dm:person>',
  '<r:activities xmlns:r="urn:ietf:params:xml:ns:pidf:rpid">',
  '</r:activities>',
  '<r:on-the-phone/>',
  '<r:away/>',
  '<note xml:lang="en">',
  '</note>',
  '<x mustUnderstand="true">',
  '</x>',
  '<!DOCTYPE a [<!ENTITY e "x">]>',
  '&e;',
  '&amp;',
  '&#x202e;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?pi x?>',
  '"',
  "'",
  '<',
  '>',
  '&',
  '\u0000',
  '\ud800',
];

const answers = (body: string): boolean => {
  const r = parsePidf(body);
  if (!r.ok) return CODES.has(r.error.code) && r.error.message.length > 0;
  pickNote(documentNotes(r.value), ['en']);
  return (DOCUMENT_STATES as readonly string[]).includes(presenceState(r.value));
};

// Each run builds a parser and most end in a thrown-and-caught parse error: ~0.3-2 ms a run on a loaded
// 2-core machine, so the counts stay modest and the timeout generous (this is not a timing test).
const TIMEOUT_MS = 30_000;

describe('parsePidf never throws', () => {
  it(
    'on random strings',
    () => {
      fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), answers), { numRuns: 1500 });
    },
    TIMEOUT_MS,
  );

  it(
    'on random sequences of PIDF-like pieces',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 80 }),
          (parts) => answers(parts.join('')),
        ),
        { numRuns: 1500 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'on valid documents with random text, attributes and nesting inside',
    () => {
      const text = fc.string({ maxLength: 40, unit: 'binary' }).map((s) => s.replace(/[<&\]]/g, ''));
      fc.assert(
        fc.property(text, text, fc.nat({ max: 40 }), (note, id, depth) => {
          const body = `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="${id.replace(/["]/g, '')}"><status><basic>open</basic></status>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}<note>${note}</note></tuple></presence>`;
          return answers(body);
        }),
        { numRuns: 1000 },
      );
      expect(answers('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="x"/>')).toBe(true);
    },
    TIMEOUT_MS,
  );
});
