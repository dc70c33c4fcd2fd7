import { Iso20022Error } from './errors';
import { MAX_XML_CHARS, MAX_XML_DEPTH } from './limits';

const LT = 60; // '<'
const GT = 62; // '>'
const SLASH = 47; // '/'
const DQUOTE = 34;
const SQUOTE = 39;

/**
 * Refuses hostile or broken XML before any parser sees it: oversized input, any DOCTYPE or
 * ENTITY declaration (ISO 20022 never needs one; refusing it outright rules out entity
 * expansion "billion laughs" and external entities), nesting deeper than MAX_XML_DEPTH, and
 * truncation (an element, tag, comment or CDATA section still open at end of file).
 * One linear pass over the text; it does not build anything.
 */
export function assertSafeXml(text: string): void {
  if (text.length > MAX_XML_CHARS) {
    throw new Iso20022Error('too_large', `input is ${text.length} characters; the limit is ${MAX_XML_CHARS}`);
  }
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new Iso20022Error('doctype_refused', 'DOCTYPE and ENTITY declarations are refused in ISO 20022 files');
  }
  let depth = 0;
  let elements = 0;
  let cursor = 0;
  const length = text.length;
  for (;;) {
    const open = text.indexOf('<', cursor);
    if (open < 0) break;
    if (text.startsWith('<!--', open)) {
      cursor = endOf(text, '-->', open, 4, 'a comment');
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      cursor = endOf(text, ']]>', open, 9, 'a CDATA section');
      continue;
    }
    if (text.startsWith('<?', open)) {
      cursor = endOf(text, '?>', open, 2, 'a processing instruction');
      continue;
    }
    if (text.startsWith('<!', open)) {
      throw new Iso20022Error('malformed', `unexpected declaration at offset ${open}`);
    }
    // Find the tag's '>' outside quoted attribute values.
    let at = open + 1;
    let quote = 0;
    for (; at < length; at += 1) {
      const code = text.charCodeAt(at);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === DQUOTE || code === SQUOTE) {
        quote = code;
      } else if (code === GT) {
        break;
      } else if (code === LT) {
        throw new Iso20022Error('malformed', `'<' inside a tag at offset ${at}`);
      }
    }
    if (at >= length) throw new Iso20022Error('truncated', `a tag opened at offset ${open} is never closed`);
    if (text.charCodeAt(open + 1) === SLASH) {
      depth -= 1;
      if (depth < 0) throw new Iso20022Error('malformed', `closing tag at offset ${open} has no opening tag`);
    } else if (text.charCodeAt(at - 1) !== SLASH) {
      depth += 1;
      elements += 1;
      if (depth > MAX_XML_DEPTH) {
        throw new Iso20022Error('too_deep', `elements nest deeper than ${MAX_XML_DEPTH} levels`);
      }
    } else {
      elements += 1;
    }
    cursor = at + 1;
  }
  if (elements === 0) throw new Iso20022Error('truncated', 'the input holds no XML element (empty or cut off)');
  if (depth > 0) {
    throw new Iso20022Error('truncated', `the file ends with ${depth} element${depth === 1 ? '' : 's'} still open`);
  }
}

function endOf(text: string, terminator: string, open: number, openerLength: number, what: string): number {
  const end = text.indexOf(terminator, open + openerLength);
  if (end < 0) throw new Iso20022Error('truncated', `${what} opened at offset ${open} is never closed`);
  return end + terminator.length;
}
