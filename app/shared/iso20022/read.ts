import { Iso20022Error } from './errors';
import { identifyNamespace, ROOT_ELEMENT } from './message-types';
import { readCamt } from './read-camt';
import { readPacs } from './read-pacs';
import type { Iso20022Message } from './types';
import { child, parseXmlTree, type XmlElement } from './xml-tree';

const ISO_NS_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:';

/**
 * Reads any supported ISO 20022 message from XML text into its normalised shape. Accepts a
 * bare Document or any wrapper (the head.001 business application header envelope, a SWIFT
 * translator Envelope...) that holds a Document within two levels. The Document's namespace
 * decides the type and version; the header's MsgDefIdr is not trusted (real files disagree).
 * Throws Iso20022Error for anything it refuses.
 */
export function readIso20022(xml: string): Iso20022Message {
  const root = parseXmlTree(xml);
  const document = findDocument(root);
  const id = identifyNamespace(document.ns);
  const body = child(document, ROOT_ELEMENT[id.type]);
  if (!body) throw new Iso20022Error('missing_field', `${id.type} Document has no ${ROOT_ELEMENT[id.type]} element`);
  return id.type === 'camt.053' || id.type === 'camt.054' ? readCamt(body, id) : readPacs(body, id);
}

export type Iso20022ReadResult =
  | { ok: true; message: Iso20022Message }
  | { ok: false; code: Iso20022Error['code']; message: string; messageZh: string };

/** As readIso20022, but a refused file is a value rather than an exception. */
export function tryReadIso20022(xml: string): Iso20022ReadResult {
  try {
    return { ok: true, message: readIso20022(xml) };
  } catch (error) {
    if (error instanceof Iso20022Error) {
      return { ok: false, code: error.code, message: error.message, messageZh: error.messageZh };
    }
    throw error;
  }
}

/** The ISO Document inside any wrapper (envelope, business application header) within two levels. */
export function findDocument(root: XmlElement): XmlElement {
  if (root.name === 'Document') return root;
  for (const level1 of root.children) {
    if (level1.name === 'Document') return level1;
  }
  for (const level1 of root.children) {
    for (const level2 of level1.children) if (level2.name === 'Document') return level2;
  }
  // A root that is itself a message body in an ISO namespace but lacks the Document wrapper.
  if (root.ns?.startsWith(ISO_NS_PREFIX)) {
    throw new Iso20022Error('no_document', `root element <${root.name}> is not wrapped in a <Document>`);
  }
  throw new Iso20022Error('no_document', `no <Document> element under <${root.name}>`);
}
