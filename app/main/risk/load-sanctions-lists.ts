import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLocalList } from '../../shared/risk/screening/local-list';
import { parseOfacSdn } from '../../shared/risk/screening/ofac-sdn-csv';
import type { ListParseResult, SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { parseUnConsolidatedXml } from './un-consolidated-xml';

/** The file I/O side of list loading: reads, then hands the bytes to the pure parsers. */

/** A list file larger than this is not a sanctions list (the full OFAC CSV set is ~3 MB). */
export const MAX_LIST_FILE_BYTES = 200 * 1024 * 1024;

export class ListLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListLoadError';
  }
}

function readBytes(path: string): Buffer {
  if (!existsSync(path)) throw new ListLoadError('not_found', `${path}: no such file`);
  const bytes = readFileSync(path);
  if (bytes.length > MAX_LIST_FILE_BYTES) throw new ListLoadError('too_large', `${path}: larger than ${MAX_LIST_FILE_BYTES} bytes`);
  return bytes;
}

function unwrap(result: ListParseResult, source: string): { list: SanctionsList; warnings: string[] } {
  if (!result.ok) throw new ListLoadError(result.error.code, `${source}: ${result.error.message}`);
  return { list: result.list, warnings: result.warnings };
}

/** OFAC SDN from a folder holding sdn.csv and, if present, alt.csv and add.csv (any case). */
export function loadOfacDirectory(dir: string) {
  const find = (name: string) => [name, name.toUpperCase()].map((n) => join(dir, n)).find((p) => existsSync(p));
  const sdn = find('sdn.csv');
  if (sdn === undefined) throw new ListLoadError('not_found', `${dir}: no sdn.csv`);
  const alt = find('alt.csv');
  const add = find('add.csv');
  return unwrap(
    parseOfacSdn({
      sdn: readBytes(sdn),
      ...(alt === undefined ? {} : { alt: readBytes(alt) }),
      ...(add === undefined ? {} : { add: readBytes(add) }),
    }),
    dir,
  );
}

export function loadUnFile(path: string) {
  return unwrap(parseUnConsolidatedXml(readBytes(path).toString('utf8')), path);
}

export function loadLocalListFile(path: string) {
  return unwrap(parseLocalList(readBytes(path).toString('utf8')), path);
}
