// @vitest-environment happy-dom
// Texts matched together (text-batch.ts) give exactly the numbers each text gives alone: the line feed that joins
// them is a hard boundary for the matcher, the neighbour splitting, the region reading and every filter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InlineText } from './inline-text.ts';
import { Marks, type HighlightApi } from './marks.ts';
import { TextBatch } from './text-batch.ts';
import { findNumbers, type RegionHints } from '../detect/find-numbers.ts';

const api: HighlightApi = {
  range: (init) => ({ ...init }) as unknown as AbstractRange,
  register: () => new Set() as unknown as ReturnType<HighlightApi['register']>,
  unregister: () => {},
};

/** Texts that end or start where a neighbour's context would change the outcome if it leaked across. */
const TEXTS = [
  'Tel. 030 1234567',
  '+49 30 1234567 Zentrale',
  'Rechnung Nr.',
  '20240315-0042 bezahlt',
  'USA:',
  '(302)3914066',
  'South Africa:',
  '0800-006-498',
  'ext. 204',
  '030 7654321, 030 7654322',
  'am 12.3.2024 um 09:30 Uhr',
  '+',
  '+1 650 253 0000',
  'Fax',
  '089/1234567',
  'abc',
  '0171 2345678x',
  'DE89 3704 0044',
  '0532 0130 00',
  '4111 1111 1111 1111',
  '(040) 123 45 67 oder',
  '06.12.34.56.78',
  'PLZ 10115 Berlin',
  '020 7946 0018 London',
  '',
];

function run(job: Generator<void, void, void>): void {
  for (let r = job.next(); !r.done; r = job.next());
}

/** The numbers each text gets through a batch: [text index, start, end, e164]. */
function batched(texts: readonly string[], hints: RegionHints): [number, number, number, string][] {
  const marks = new Marks(() => 'idle', api);
  const batch = new TextBatch(marks, () => {});
  const nodes = texts.map((t) => document.createTextNode(t));
  for (const node of nodes) {
    const text = new InlineText();
    text.append(node);
    run(batch.add(text, node.data, [], hints));
  }
  run(batch.flush());
  const out: [number, number, number, string][] = [];
  for (const [e164, set] of marks.byNumber)
    for (const m of set) {
      const r = m.range as unknown as StaticRangeInit;
      out.push([nodes.indexOf(r.startContainer as Text), r.startOffset, r.endOffset, e164]);
    }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function alone(texts: readonly string[], hints: RegionHints): [number, number, number, string][] {
  return texts.flatMap((t, i) =>
    findNumbers(t, hints).map((d) => [i, d.start, d.end, d.e164] as [number, number, number, string]),
  );
}

describe('TextBatch', () => {
  const hints: RegionHints[] = [
    { page: 'DE', user: 'US', languages: ['en'] },
    { page: 'GB', user: 'US', languages: ['en'] },
    { page: 'US', user: 'DE', languages: ['en', 'de'] },
  ];

  it('finds in the texts joined exactly what each text gives alone (every pair of neighbours)', () => {
    for (const h of hints) expect(batched(TEXTS, h)).toEqual(alone(TEXTS, h));
    for (const h of hints) expect(batched([...TEXTS].reverse(), h)).toEqual(alone([...TEXTS].reverse(), h));
  });

  it('holds for any sequence of these texts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TEXTS), { maxLength: 12 }), fc.constantFrom(...hints), (texts, h) => {
        expect(batched(texts, h)).toEqual(alone(texts, h));
      }),
      { numRuns: 200 },
    );
  });

  it('matches a text longer than a batch alone, in pieces, with every number', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Büro ${i} Tel. 030 ${1234500 + i} erreichbar`).join(' ');
    const found = batched(['Tel. 030 7654321', long, 'Fax 030 7654329'], hints[0]!);
    expect(found.filter(([i]) => i === 1)).toHaveLength(400);
    expect(found).toEqual(alone(['Tel. 030 7654321', long, 'Fax 030 7654329'], hints[0]!));
  });
});
