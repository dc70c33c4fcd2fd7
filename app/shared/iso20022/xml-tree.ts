import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Iso20022Error } from './errors';
import { MAX_XML_DEPTH } from './limits';
import { assertSafeXml } from './xml-guard';

/** An element with its namespace resolved and its prefix dropped. */
export interface XmlElement {
  name: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed character data directly inside this element. */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[^\s&;<>]*);/g;

/** A code point XML 1.0 allows as a character (production [2] Char). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Resolves the five predefined entities and character references (&#38; &#x4E2D;), as XML
 * requires, and refuses everything else: an undeclared entity (&xxe;) or a reference to a
 * code point XML does not allow (&#0;, &#xD800;, &#x110000;). DOCTYPEs, the only way to declare
 * an entity, are refused before parsing, so nothing here ever expands to more text than it reads.
 */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_REFERENCE, (reference, body: string) => {
    if (body.startsWith('#')) {
      const digits = body.startsWith('#x') ? body.slice(2) : body.slice(1);
      const codePoint = digits.length > 8 ? Number.NaN : Number.parseInt(digits, body.startsWith('#x') ? 16 : 10);
      if (!Number.isInteger(codePoint) || !isXmlChar(codePoint)) {
        throw new Iso20022Error('malformed', `character reference ${reference} is not a character XML allows`);
      }
      return String.fromCodePoint(codePoint);
    }
    const value = PREDEFINED_ENTITIES[body];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, body)) {
      throw new Iso20022Error('malformed', `entity ${reference.slice(0, 40)} is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are)`);
    }
    return value;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities go through decodeXmlReferences alone: DOCTYPEs are refused earlier, so no entity
  // is ever declared, and the library's own decoder left character references undecoded.
  processEntities: true,
  entityDecoder: {
    decode: decodeXmlReferences,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The guard allows MAX_XML_DEPTH; the parser's own ceiling must not be lower.
  maxNestedTags: MAX_XML_DEPTH + 8,
  // The library throws a bare Error on these names (it keys objects by name); refuse them as
  // the file's fault instead. Other Object.prototype names it renames, harmlessly (<__toString>).
  transformTagName: refuseReservedName,
  transformAttributeName: refuseReservedName,
});

function refuseReservedName(name: string): string {
  const local = name.slice(name.indexOf(':') + 1);
  if (local === '__proto__' || local === 'constructor' || local === 'prototype') {
    throw new Iso20022Error('malformed', `the name "${name.slice(0, 80)}" is not allowed in ISO 20022 files`);
  }
  return name;
}

/** Guards, validates and parses XML text into a namespace-resolved element tree (the root). */
export function parseXmlTree(text: string): XmlElement {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  assertSafeXml(source);
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new Iso20022Error('malformed', `${msg} (line ${line}, column ${col})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    if (error instanceof Iso20022Error) throw error;
    // Whatever else the library refuses is still the file's fault, and must read as such.
    throw new Iso20022Error('malformed', error instanceof Error ? error.message : String(error));
  }
  const roots = nodes.filter((node) => elementName(node) !== null);
  if (roots.length !== 1 || roots[0] === undefined) {
    throw new Iso20022Error('malformed', `expected one root element, found ${roots.length}`);
  }
  return toElement(roots[0], new Map());
}

function elementName(node: OrderedNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
  return null;
}

function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const qualified = elementName(node);
  if (qualified === null) throw new Error('toElement called on a text node');
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let scope: Map<string, string> | ReadonlyMap<string, string> = inherited;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === inherited) scope = new Map(inherited);
      (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
    } else {
      attrs[localName(key)] = value;
    }
  }
  const colon = qualified.indexOf(':');
  const prefix = colon < 0 ? '' : qualified.slice(0, colon);
  const ns = scope.get(prefix) ?? null;
  if (prefix !== '' && ns === null) {
    throw new Iso20022Error('malformed', `namespace prefix "${prefix}" is not declared`);
  }
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of (node[qualified] ?? []) as OrderedNode[]) {
    if ('#text' in child) texts.push(String(child['#text']));
    else if (elementName(child) !== null) children.push(toElement(child, scope));
  }
  return { name: localName(qualified), ns, attrs, children, text: texts.join('').trim() };
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** The first child with this local name, or undefined. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child with this local name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Follows a path of local names, first match at each step. */
export function at(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = child(current, name);
  return current;
}

/** Text at a path, or null when the element is absent or empty. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | null {
  const found = at(element, ...path);
  return found && found.text !== '' ? found.text : null;
}
