// A bounded, namespace-aware XML reader for presence documents (NOTIFY bodies are untrusted network data).
// saxes is a pure-JS streaming parser (no DOM, so it runs in a service worker and in Node); on top of it:
//   - the body is at most MAX_XML_CHARS long, checked before parsing;
//   - a DOCTYPE is refused outright: no DTD, so no entity expansion (XXE, "billion laughs") can happen —
//     saxes itself never expands DTD entities, only the five predefined ones and character references;
//   - element nesting is at most MAX_XML_DEPTH, the element count at most MAX_XML_ELEMENTS;
//   - each element keeps at most MAX_XML_TEXT characters of text (the rest is dropped while parsing).
// The result is a small element tree with namespace URIs resolved and xml:lang inherited (XML 1.0 §2.12).
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { err, ok, type Result } from '../result.ts';

/** 64 KB: larger than any real presence document, small enough to parse in well under a millisecond per KB. */
export const MAX_XML_CHARS = 64 * 1024;
export const MAX_XML_DEPTH = 32;
export const MAX_XML_ELEMENTS = 4096;
export const MAX_XML_TEXT = 1024;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export const XML_ERROR_CODES = [
  'xml-too-large',
  'xml-doctype',
  'xml-too-deep',
  'xml-too-many-elements',
  'xml-malformed',
] as const;
export type XmlErrorCode = (typeof XML_ERROR_CODES)[number];

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Attributes keyed `{ns}local` (no braces part when unqualified), e.g. `id`, `{http://…}lang`. */
  attrs: Map<string, string>;
  /** xml:lang in scope (inherited from ancestors), '' when none. */
  lang: string;
  children: XmlElement[];
  /** Character data directly inside this element, at most MAX_XML_TEXT characters. */
  text: string;
}

export const attrKey = (ns: string, local: string): string => (ns ? `{${ns}}${local}` : local);

class Stop extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function element(tag: SaxesTagNS, lang: string): XmlElement {
  const attrs = new Map<string, string>();
  for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
    if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) continue; // declarations, not data
    attrs.set(attrKey(a.uri, a.local), a.value);
  }
  return {
    ns: tag.uri,
    local: tag.local,
    attrs,
    lang: attrs.get(attrKey(XML_NS, 'lang')) ?? lang,
    children: [],
    text: '',
  };
}

/** Parse `xml` into an element tree, or say precisely why not. Never throws. */
export function parseXml(xml: string): Result<XmlElement, { code: XmlErrorCode; message: string }> {
  if (xml.length > MAX_XML_CHARS) {
    return err('xml-too-large', `The document has ${xml.length} characters; at most ${MAX_XML_CHARS} are accepted.`);
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  parser.on('doctype', () => {
    throw new Stop('xml-doctype', 'The document has a DOCTYPE; DTDs and entity declarations are refused.');
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH)
      throw new Stop('xml-too-deep', `Elements are nested deeper than ${MAX_XML_DEPTH} levels.`);
    if (++count > MAX_XML_ELEMENTS)
      throw new Stop('xml-too-many-elements', `The document has more than ${MAX_XML_ELEMENTS} elements.`);
    const parent = stack[stack.length - 1];
    const el = element(tag, parent?.lang ?? '');
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el); // saxes reports a closetag for self-closing elements too
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    const el = stack[stack.length - 1];
    if (el && el.text.length < MAX_XML_TEXT) el.text += t.slice(0, MAX_XML_TEXT - el.text.length);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof Stop) return err(e.code, e.message);
    return err('xml-malformed', `The document is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!root) return err('xml-malformed', 'The document has no root element.');
  return ok(root);
}
