import { z } from 'zod';

/** Which list an entry comes from; `id` is always that list's own number for the entry. */
export const SANCTIONS_LISTS = ['ofac', 'un', 'local'] as const;
export type SanctionsListId = (typeof SANCTIONS_LISTS)[number];

export const ENTRY_TYPES = ['individual', 'entity', 'vessel', 'aircraft'] as const;
export const entryTypeSchema = z.enum(ENTRY_TYPES);
export type EntryType = z.infer<typeof entryTypeSchema>;

/** How an alias is qualified on its list (OFAC aka/fka/nka, UN Good/Low quality a.k.a.). */
/** `reading`: a romanised reading (pinyin) the screener added for a name written in Han characters. */
export type AliasKind = 'aka' | 'fka' | 'nka' | 'weak' | 'original_script' | 'reading';

export interface SanctionsAlias {
  name: string;
  kind: AliasKind;
}

export interface SanctionsAddress {
  /** Street, city and so on as the list writes them, joined with ", ". */
  text: string;
  country: string | null;
}

export interface SanctionsEntry {
  list: SanctionsListId;
  /** The list's own entry number: OFAC ent_num, UN DATAID, the local list's id. */
  id: string;
  type: EntryType;
  /** The primary name exactly as listed. */
  name: string;
  aliases: SanctionsAlias[];
  /** OFAC programs ("CUBA", "SDGT"), UN list type ("DRC", "Al-Qaida"). */
  programs: string[];
  addresses: SanctionsAddress[];
  /** UN reference number ("CDi.001"); null elsewhere. */
  reference: string | null;
  remarks: string | null;
}

export interface SanctionsList {
  list: SanctionsListId;
  /** For people: "OFAC SDN", "UN Security Council Consolidated List", the local list's title. */
  title: string;
  entries: SanctionsEntry[];
}

/** A file that cannot be read as the list it claims to be; nothing is loaded from it. */
export interface ListParseError {
  code: 'bad_csv' | 'bad_record' | 'bad_xml' | 'doctype_refused' | 'bad_json' | 'empty_list';
  message: string;
}

export type ListParseResult = { ok: true; list: SanctionsList; warnings: string[] } | { ok: false; error: ListParseError };

/** Every name an entry may be found under: the primary name first, then the aliases. */
export function entryNames(entry: SanctionsEntry): { name: string; kind: AliasKind | 'primary' }[] {
  return [{ name: entry.name, kind: 'primary' }, ...entry.aliases];
}
