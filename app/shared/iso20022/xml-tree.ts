import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Iso20022Error } from './errors';
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

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only the five predefined entities and character references: DOCTYPEs are refused earlier.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Guards, validates and parses XML text into a namespace-resolved element tree (the root). */
export function parseXmlTree(text: string): XmlElement {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  assertSafeXml(source);
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new Iso20022Error('malformed', `${msg} (line ${line}, column ${col})`);
  }
  const nodes = parser.parse(source) as OrderedNode[];
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
