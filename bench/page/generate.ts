// Generates the benchmark page (bench/page/run.ts): about 1 MB of text holding 5,000 phone
// numbers in mixed national and international formats across four languages, between sentences with
// dates, prices, times and postcodes, in paragraphs, list items and table cells. Deterministic (seeded). The page
// is laid out before DOMContentLoaded (a script at the end of its body reads its layout).
import { findNumbers } from '../../src/content/detect/find-numbers.ts';

let seed = 0x5eed;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const digits = (n: number, first = '23456789') =>
  pick([...first]) + Array.from({ length: n - 1 }, () => Math.floor(rand() * 10)).join('');

const SECTIONS = [
  {
    lang: 'de',
    region: 'DE',
    words:
      'der die das und mit für auf bei Kunden Service Termin Anfrage Büro Öffnungszeiten erreichen Sie uns gerne Montag bis Freitag Rückfrage Beratung'.split(
        ' ',
      ),
    noise: () =>
      pick([
        `am ${1 + Math.floor(rand() * 28)}.${1 + Math.floor(rand() * 12)}.2024`,
        `für ${Math.floor(rand() * 90) + 10},99 €`,
        `um 09:30 Uhr`,
        `PLZ 10115 Berlin`,
        `${Math.floor(rand() * 100)} %`,
        `Rechnung Nr. 2024${digits(4, '01')}-00${Math.floor(rand() * 90) + 10}`,
      ]),
    numbers: [
      () => `030 ${digits(7)}`,
      () => `+49 30 ${digits(7)}`,
      () => `(040) ${digits(3)} ${digits(2, '0123456789')} ${digits(2, '0123456789')}`,
      () => `0171 ${digits(7)}`,
      () => `+49 (0)89 ${digits(7)}`,
      () => `089/${digits(7)}`,
    ],
  },
  {
    lang: 'en-GB',
    region: 'GB',
    words:
      'the and for our office please call between with team support opening hours Monday Friday questions about your order'.split(
        ' ',
      ),
    noise: () =>
      pick([
        `on 03/07/2024`,
        `£${Math.floor(rand() * 90) + 10}.99`,
        `at 10:45`,
        `version 2.${Math.floor(rand() * 9)}.1`,
      ]),
    numbers: [
      () => `020 7${digits(3, '0123456789')} ${digits(4, '0123456789')}`,
      () => `+44 20 8${digits(3, '0123456789')} ${digits(4, '0123456789')}`,
      () => `0161 ${digits(3)} ${digits(4, '0123456789')}`,
    ],
  },
  {
    lang: 'fr',
    region: 'FR',
    words:
      'le la les et pour notre service client appelez nous du lundi au vendredi pour toute question sur votre commande'.split(
        ' ',
      ),
    noise: () => pick([`le 14/07/2024`, `${Math.floor(rand() * 90) + 10},50 €`, `à 14h30`]),
    numbers: [
      () =>
        `01 4${digits(1, '0123456789')} ${digits(2, '0123456789')} ${digits(2, '0123456789')} ${digits(2, '0123456789')}`,
      () =>
        `+33 1 4${digits(1, '0123456789')} ${digits(2, '0123456789')} ${digits(2, '0123456789')} ${digits(2, '0123456789')}`,
      () =>
        `06.${digits(2, '0123456789')}.${digits(2, '0123456789')}.${digits(2, '0123456789')}.${digits(2, '0123456789')}`,
    ],
  },
  {
    lang: 'en-US',
    region: 'US',
    words:
      'the and for our store call us from with support team hours Monday Friday questions about shipping returns'.split(
        ' ',
      ),
    noise: () => pick([`on 3/10/2024`, `$${Math.floor(rand() * 90) + 10}.99`, `at 5:30 pm`, `ZIP 94043`]),
    numbers: [
      () => `(650) 253-${digits(4, '0123456789')}`,
      () => `+1 650 253 ${digits(4, '0123456789')}`,
      () => `212-${digits(3)}-${digits(4, '0123456789')}`,
    ],
  },
] as const;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function sentence(section: (typeof SECTIONS)[number], length: number): string {
  const out: string[] = [];
  while (out.join(' ').length < length) out.push(rand() < 0.08 ? section.noise() : pick(section.words));
  return out.join(' ');
}

export interface BenchPage {
  html: string;
  /** Numbers the content script must annotate (checked with the detector itself while generating). */
  expected: number;
  textBytes: number;
  /** The region each section's `lang` names (what the content script reads its national numbers in). */
  regions: Record<string, string>;
}

export function generatePage(numbers = 5000, fillerPerNumber = 170): BenchPage {
  seed = 0x5eed;
  const blocks: string[] = [];
  let expected = 0;
  let textBytes = 0;
  for (let s = 0; s < SECTIONS.length; s++) {
    const section = SECTIONS[s]!;
    const count = Math.round(numbers / SECTIONS.length);
    const items: string[] = [];
    for (let i = 0; i < count && expected < numbers;) {
      const text = `${sentence(section, fillerPerNumber / 2)} ${pick(section.numbers)()} ${sentence(section, fillerPerNumber / 2)}.`;
      const found = findNumbers(text, section.region);
      if (found.length !== 1) continue; // keep the page's count exact: one number per item, as detected
      expected++;
      i++;
      textBytes += Buffer.byteLength(text);
      const kind = i % 10;
      items.push(
        kind < 6
          ? `<p>${escape(text)}</p>`
          : kind < 8
            ? `<ul><li>${escape(text)}</li></ul>`
            : `<table><tr><td>${i}</td><td>${escape(text)}</td></tr></table>`,
      );
    }
    blocks.push(`<section lang="${section.lang}"><h2>${section.lang}</h2>\n${items.join('\n')}\n</section>`);
  }
  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>ENUM Presence page benchmark</title>
<script>
  // Long tasks from the start (buffered), for the benchmark to read.
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
</script>
<style>body { font: 15px/1.5 sans-serif; margin: 2em; max-width: 60em; } td { border: 1px solid #ddd; }</style>
</head><body>
${blocks.join('\n')}
<script>
  // The page lays itself out while it loads (as pages that measure their own layout do): its first style and
  // layout of 1 MB of text (100–200 ms, the same with and without the extension) then falls before
  // DOMContentLoaded, outside the window the benchmark times the extension in.
  document.body.getBoundingClientRect();
</script>
</body></html>`;
  return { html, expected, textBytes, regions: Object.fromEntries(SECTIONS.map((s) => [s.lang, s.region])) };
}
