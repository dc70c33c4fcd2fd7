import { XMLParser } from 'fast-xml-parser';
import type { AliasKind, ListParseResult, SanctionsAddress, SanctionsAlias, SanctionsEntry } from '../../shared/risk/screening/sanctions-list';

/**
 * The UN Security Council Consolidated List XML (scsanctions.un.org/resources/xml/en/consolidated.xml):
 * CONSOLIDATED_LIST > INDIVIDUALS > INDIVIDUAL and ENTITIES > ENTITY, names in FIRST_NAME ..
 * FOURTH_NAME, aliases in *_ALIAS (QUALITY Good/Low, ALIAS_NAME), the original-script name in
 * NAME_ORIGINAL_SCRIPT. Lives in app/main because it uses fast-xml-parser (app/shared imports zod only).
 */

/** A document type declaration can define entities (billion laughs, external entities): refused. */
const DOCTYPE = /<!DOCTYPE/i;

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'VALUE',
]);

function text(node: unknown): string | null {
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim().replace(/\s+/g, ' ');
  if (typeof node === 'number') return String(node);
  return null;
}

function asNodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === 'object' && v !== null) : [];
}

/** Individuals carry Good/Low quality; entities carry a.k.a./f.k.a. */
function aliasKind(quality: string | null): AliasKind {
  if (quality === 'Low') return 'weak';
  if (quality === 'f.k.a.') return 'fka';
  return 'aka';
}

function aliases(nodes: Node[]): SanctionsAlias[] {
  const out: SanctionsAlias[] = [];
  for (const node of nodes) {
    const name = text(node.ALIAS_NAME);
    if (name !== null) out.push({ name, kind: aliasKind(text(node.QUALITY)) });
  }
  return out;
}

function addresses(nodes: Node[]): SanctionsAddress[] {
  const out: SanctionsAddress[] = [];
  for (const node of nodes) {
    const parts = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((k) => text(node[k])).filter((p): p is string => p !== null);
    if (parts.length > 0) out.push({ text: parts.join(', '), country: text(node.COUNTRY) });
  }
  return out;
}

function toEntry(node: Node, type: 'individual' | 'entity'): SanctionsEntry | string {
  const id = text(node.DATAID);
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((k) => text(node[k]))
    .filter((p): p is string => p !== null)
    .join(' ');
  if (id === null || name === '') return `an ${type} without DATAID or name (reference ${text(node.REFERENCE_NUMBER) ?? '?'})`;
  const prefix = type === 'individual' ? 'INDIVIDUAL' : 'ENTITY';
  const found = aliases(asNodes(node[`${prefix}_ALIAS`]));
  const original = text(node.NAME_ORIGINAL_SCRIPT);
  if (original !== null) found.push({ name: original, kind: 'original_script' });
  const program = text(node.UN_LIST_TYPE);
  return {
    list: 'un',
    id,
    type,
    name,
    aliases: found,
    programs: program === null ? [] : [program],
    addresses: addresses(asNodes(node[`${prefix}_ADDRESS`])),
    reference: text(node.REFERENCE_NUMBER),
    remarks: text(node.COMMENTS1),
  };
}

export function parseUnConsolidatedXml(xml: string): ListParseResult {
  if (DOCTYPE.test(xml)) return { ok: false, error: { code: 'doctype_refused', message: 'UN list XML carries a DOCTYPE; refused (entity expansion risk)' } };
  let document: Node;
  try {
    const parser = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: true,
      isArray: (name) => ARRAY_TAGS.has(name),
    });
    document = parser.parse(xml, true) as Node;
  } catch (error) {
    return { ok: false, error: { code: 'bad_xml', message: `UN list XML is not well formed: ${(error as Error).message}` } };
  }
  // An element with no children parses to '' rather than an object.
  const root = (document.CONSOLIDATED_LIST === '' ? {} : document.CONSOLIDATED_LIST) as Node | undefined;
  if (typeof root !== 'object' || root === null) {
    return { ok: false, error: { code: 'bad_xml', message: 'no CONSOLIDATED_LIST element: not the UN consolidated list' } };
  }
  const warnings: string[] = [];
  const entries: SanctionsEntry[] = [];
  const seen = new Set<string>();
  const groups: [unknown, 'individual' | 'entity'][] = [
    [(root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL, 'individual'],
    [(root.ENTITIES as Node | undefined)?.ENTITY, 'entity'],
  ];
  for (const [nodes, type] of groups) {
    for (const node of asNodes(nodes)) {
      const entry = toEntry(node, type);
      if (typeof entry === 'string') warnings.push(`skipped ${entry}`);
      else if (seen.has(entry.id)) warnings.push(`skipped a second entry with DATAID ${entry.id}`);
      else {
        seen.add(entry.id);
        entries.push(entry);
      }
    }
  }
  if (entries.length === 0) return { ok: false, error: { code: 'empty_list', message: 'UN list XML holds no individuals or entities' } };
  return { ok: true, list: { list: 'un', title: 'UN Security Council Consolidated List', entries }, warnings };
}

