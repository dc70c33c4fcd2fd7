import { readCsvRecords } from './csv-records';
import { textFromLatin1 } from './latin1';
import type { AliasKind, EntryType, ListParseResult, SanctionsAddress, SanctionsEntry } from './sanctions-list';

/**
 * OFAC SDN list in its legacy CSV form (https://ofac.treasury.gov/sdn-list-data-formats):
 *   sdn.csv  ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
 *            Vess_flag, Vess_owner, Remarks                         (12 columns)
 *   alt.csv  ent_num, alt_num, alt_type, alt_name, alt_remarks      (5 columns)
 *   add.csv  ent_num, add_num, address, city/state/postal, country, add_remarks (6 columns)
 * No header; "-0-" (often with a trailing space) means empty; ISO-8859-1.
 */
export interface OfacFiles {
  sdn: string | Uint8Array;
  alt?: string | Uint8Array;
  add?: string | Uint8Array;
}

const SDN_COLUMNS = 12;
const ALT_COLUMNS = 5;
const ADD_COLUMNS = 6;

/** OFAC's empty marker; the last record of a file has been seen truncated to "-0". */
function value(field: string | undefined): string | null {
  const text = (field ?? '').trim();
  return text === '' || text === '-0-' || text === '-0' ? null : text;
}

function entryType(sdnType: string | null): EntryType {
  if (sdnType === 'individual') return 'individual';
  if (sdnType === 'vessel') return 'vessel';
  if (sdnType === 'aircraft') return 'aircraft';
  return 'entity'; // OFAC leaves SDN_Type empty for entities.
}

function aliasKind(altType: string | null): AliasKind {
  if (altType === 'fka') return 'fka';
  if (altType === 'nka') return 'nka';
  return 'aka';
}

function readFile(input: string | Uint8Array, file: string, columns: number) {
  const parsed = readCsvRecords(textFromLatin1(input));
  if (!parsed.ok) return { ok: false as const, message: `${file} line ${parsed.error.line}: ${parsed.error.message}` };
  const bad = parsed.records.findIndex((r) => r.length !== columns);
  if (bad >= 0) {
    const got = parsed.records[bad]?.length ?? 0;
    return { ok: false as const, message: `${file} record ${bad + 1} has ${got} columns, expected ${columns}` };
  }
  return { ok: true as const, records: parsed.records };
}

export function parseOfacSdn(files: OfacFiles): ListParseResult {
  const sdn = readFile(files.sdn, 'sdn.csv', SDN_COLUMNS);
  if (!sdn.ok) return { ok: false, error: { code: 'bad_csv', message: sdn.message } };
  const warnings: string[] = [];
  const entries: SanctionsEntry[] = [];
  const byId = new Map<string, SanctionsEntry>();
  for (const [index, r] of sdn.records.entries()) {
    const id = value(r[0]);
    const name = value(r[1]);
    if (id === null || !/^\d+$/.test(id) || name === null) {
      return { ok: false, error: { code: 'bad_record', message: `sdn.csv record ${index + 1}: missing ent_num or name` } };
    }
    if (byId.has(id)) return { ok: false, error: { code: 'bad_record', message: `sdn.csv: ent_num ${id} appears twice` } };
    const program = value(r[3]);
    const entry: SanctionsEntry = {
      list: 'ofac',
      id,
      type: entryType(value(r[2])),
      name,
      aliases: [],
      // Programs are written "SDGT] [IRGC" when an entry is under several.
      programs: program === null ? [] : program.split(/\]\s*\[/).map((p) => p.replace(/[[\]]/g, '').trim()),
      addresses: [],
      reference: null,
      remarks: value(r[11]),
    };
    entries.push(entry);
    byId.set(id, entry);
  }
  if (files.alt !== undefined) {
    const alt = readFile(files.alt, 'alt.csv', ALT_COLUMNS);
    if (!alt.ok) return { ok: false, error: { code: 'bad_csv', message: alt.message } };
    for (const r of alt.records) {
      const entry = byId.get(value(r[0]) ?? '');
      const name = value(r[3]);
      if (name === null) continue;
      if (!entry) {
        warnings.push(`alt.csv: alias "${name}" refers to unknown ent_num ${r[0] ?? ''}`);
        continue;
      }
      entry.aliases.push({ name, kind: aliasKind(value(r[2])) });
    }
  }
  if (files.add !== undefined) {
    const add = readFile(files.add, 'add.csv', ADD_COLUMNS);
    if (!add.ok) return { ok: false, error: { code: 'bad_csv', message: add.message } };
    for (const r of add.records) {
      const entry = byId.get(value(r[0]) ?? '');
      if (!entry) {
        warnings.push(`add.csv: address refers to unknown ent_num ${r[0] ?? ''}`);
        continue;
      }
      const parts = [value(r[2]), value(r[3]), value(r[4])].filter((p): p is string => p !== null);
      if (parts.length === 0) continue;
      const address: SanctionsAddress = { text: parts.join(', '), country: value(r[4]) };
      entry.addresses.push(address);
    }
  }
  if (entries.length === 0) return { ok: false, error: { code: 'empty_list', message: 'sdn.csv holds no entries' } };
  return { ok: true, list: { list: 'ofac', title: 'OFAC SDN', entries }, warnings };
}
