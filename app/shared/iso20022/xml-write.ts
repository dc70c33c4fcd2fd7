/** A tiny XML writer: enough for the messages Hankou emits, with escaping done in one place. */
export type XmlNode = { name: string; attrs?: Record<string, string>; children?: XmlNode[]; text?: string } | null;

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An element; children that are null are left out, so optional parts read naturally. */
export function el(name: string, content?: string | (XmlNode | false | undefined)[] | null, attrs?: Record<string, string>): XmlNode {
  if (content === null) return null;
  if (typeof content === 'string') return { name, text: content, ...(attrs ? { attrs } : {}) };
  const children = (content ?? []).filter((c): c is NonNullable<XmlNode> => c !== null && c !== false && c !== undefined);
  return { name, children, ...(attrs ? { attrs } : {}) };
}

/** An element holding text, or nothing when the value is null. */
export function opt(name: string, value: string | null | undefined): XmlNode {
  return value === null || value === undefined ? null : el(name, value);
}

export function renderXml(root: NonNullable<XmlNode>): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out);
  return out.join('');
}

function write(node: NonNullable<XmlNode>, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${indent}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>\n`);
    return;
  }
  const children = (node.children ?? []).filter((c): c is NonNullable<XmlNode> => c !== null);
  if (children.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>\n`);
    return;
  }
  out.push(`${indent}<${node.name}${attrs}>\n`);
  for (const c of children) write(c, depth + 1, out);
  out.push(`${indent}</${node.name}>\n`);
}
