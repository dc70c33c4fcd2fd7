import { Iso20022Error } from './errors';

export const MESSAGE_TYPES = ['camt.053', 'camt.054', 'pacs.008', 'pacs.002', 'pacs.004', 'pacs.009'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Versions read, per message type (the last three digits of the namespace). The elements
 * Hankou reads changed in known ways across these versions (BIC -> BICFI, entry status text ->
 * Sts/Cd, related parties gaining Pty), and every reader handles each form. A namespace
 * outside these ranges is refused by name rather than read on the hope it looks the same.
 */
export const SUPPORTED_VERSIONS: Record<MessageType, { from: number; to: number }> = {
  'camt.053': { from: 2, to: 13 },
  'camt.054': { from: 2, to: 13 },
  'pacs.008': { from: 2, to: 13 },
  'pacs.002': { from: 3, to: 14 },
  'pacs.004': { from: 2, to: 13 },
  'pacs.009': { from: 2, to: 11 },
};

/** The root element inside Document for each message type. */
export const ROOT_ELEMENT: Record<MessageType, string> = {
  'camt.053': 'BkToCstmrStmt',
  'camt.054': 'BkToCstmrDbtCdtNtfctn',
  'pacs.008': 'FIToFICstmrCdtTrf',
  'pacs.002': 'FIToFIPmtStsRpt',
  'pacs.004': 'PmtRtr',
  'pacs.009': 'FICdtTrf',
};

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})\.(\d{3})\.(\d{2})$/;

export interface MessageId {
  type: MessageType;
  /** "001.08": variant and version, as in the namespace. */
  version: string;
  versionNumber: number;
}

/** Reads the message type and version from a Document namespace; refuses anything unknown. */
export function identifyNamespace(ns: string | null): MessageId {
  const match = ns === null ? null : NAMESPACE.exec(ns);
  if (!match) {
    throw new Iso20022Error('unknown_namespace', `"${ns ?? '(none)'}" is not an ISO 20022 message namespace`);
  }
  const [, family = '', variant = '', version = ''] = match;
  const type = MESSAGE_TYPES.find((t) => t === family);
  if (type === undefined) {
    throw new Iso20022Error(
      'unknown_namespace',
      `namespace "${ns}" is ${family}, which Hankou does not read (it reads ${MESSAGE_TYPES.join(', ')})`,
    );
  }
  const versionNumber = Number(version);
  const range = SUPPORTED_VERSIONS[type];
  if (variant !== '001' || versionNumber < range.from || versionNumber > range.to) {
    throw new Iso20022Error(
      'unsupported_version',
      `namespace "${ns}" is ${type} version ${variant}.${version}; Hankou reads ${type} 001.${pad(range.from)} to 001.${pad(range.to)}`,
    );
  }
  return { type, version: `${variant}.${version}`, versionNumber };
}

export function namespaceFor(type: MessageType, version: string): string {
  return `urn:iso:std:iso:20022:tech:xsd:${type}.${version}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
