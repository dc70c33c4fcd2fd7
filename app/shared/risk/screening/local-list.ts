import { z } from 'zod';
import { readCsvRecords } from './csv-records';
import { entryTypeSchema, type ListParseResult, type SanctionsEntry } from './sanctions-list';

/**
 * The bank's own list (internal watch list, PBoC / MPS notices). Two forms, UTF-8:
 *
 * JSON: { "title": "...", "entries": [ { "id": "L-0001", "name": "...", "type": "individual",
 *         "aliases": ["..."], "programs": ["..."], "remarks": "..." } ] }   (or just the array)
 * CSV:  header `id,name,type,aliases,programs,remarks`; aliases and programs separated by "|";
 *       type empty means individual. Only id and name are required.
 */
const localEntrySchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(300),
    type: entryTypeSchema.default('individual'),
    aliases: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
    programs: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
    remarks: z.string().max(2000).nullable().default(null),
  })
  .strict();

const localListSchema = z.union([
  z.object({ title: z.string().min(1).max(200).default('Local list'), entries: z.array(localEntrySchema) }).strict(),
  z.array(localEntrySchema).transform((entries) => ({ title: 'Local list', entries })),
]);

export type LocalListEntryInput = z.input<typeof localEntrySchema>;

const CSV_HEADER = ['id', 'name', 'type', 'aliases', 'programs', 'remarks'] as const;

function fromCsv(text: string): unknown | string {
  const parsed = readCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return `line ${parsed.error.line}: ${parsed.error.message}`;
  const [header, ...rows] = parsed.records;
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  if (columns[0] !== 'id' || columns[1] !== 'name') return `first line must be the header ${CSV_HEADER.join(',')}`;
  const unknown = columns.find((c) => !(CSV_HEADER as readonly string[]).includes(c));
  if (unknown !== undefined) return `unknown column "${unknown}"`;
  return rows.map((row) => {
    const get = (c: string) => (row[columns.indexOf(c)] ?? '').trim();
    const list = (c: string) => get(c).split('|').map((a) => a.trim()).filter((a) => a !== '');
    return {
      id: get('id'),
      name: get('name'),
      type: get('type') === '' ? 'individual' : get('type'),
      aliases: list('aliases'),
      programs: list('programs'),
      remarks: get('remarks') === '' ? null : get('remarks'),
    };
  });
}

/** Parses a local list; JSON when the text starts with "{" or "[", CSV otherwise. */
export function parseLocalList(text: string): ListParseResult {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let data: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, error: { code: 'bad_json', message: `local list: ${(error as Error).message}` } };
    }
  } else {
    const rows = fromCsv(text);
    if (typeof rows === 'string') return { ok: false, error: { code: 'bad_csv', message: `local list: ${rows}` } };
    data = rows;
  }
  const parsed = localListSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return { ok: false, error: { code: 'bad_record', message: `local list: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}` } };
  }
  const ids = new Set<string>();
  const entries: SanctionsEntry[] = [];
  for (const e of parsed.data.entries) {
    if (ids.has(e.id)) return { ok: false, error: { code: 'bad_record', message: `local list: id ${e.id} appears twice` } };
    ids.add(e.id);
    entries.push({
      list: 'local',
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases.map((name) => ({ name, kind: 'aka' as const })),
      programs: e.programs,
      addresses: [],
      reference: null,
      remarks: e.remarks,
    });
  }
  return { ok: true, list: { list: 'local', title: parsed.data.title, entries }, warnings: [] };
}
