import { createHash } from 'node:crypto';
import { auditHashInput, type AuditEntry } from '../../shared/audit/audit-chain';
import { auditExportManifestSchema, type AuditExportManifest } from '../../shared/contract/handlers/audit';
import { AUDIT_CSV_COLUMNS } from './audit-export';

/** An entry as read back from an export file: the chain's own entry shape. */
export type ExportedEntry = AuditEntry;

export interface ParsedExport {
  entries: ExportedEntry[];
  manifest: AuditExportManifest;
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Undoes the export's formula guard: exactly one leading ' goes. */
const unguard = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

/** Reads an export (CSV or JSON lines) back into entries and its manifest; throws on a malformed file. */
export function parseAuditExport(file: string): ParsedExport {
  // The screen's CSV download starts with a byte-order mark for spreadsheet programs.
  const text = file.startsWith('\uFEFF') ? file.slice(1) : file;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const lines = trimmed.split('\n').filter((l) => l.trim() !== '');
    const last = JSON.parse(lines.at(-1) ?? '{}') as { manifest?: unknown };
    const manifest = auditExportManifestSchema.parse(last.manifest);
    return { manifest, entries: lines.slice(0, -1).map((l) => JSON.parse(l) as ExportedEntry) };
  }
  const rows = parseCsv(text);
  if (rows[0]?.join(',') !== AUDIT_CSV_COLUMNS.join(',')) throw new Error('not a Hankou audit CSV export: header differs');
  const last = rows.at(-1);
  if (last?.[0] !== 'manifest') throw new Error('the CSV export has no manifest line');
  const manifest = auditExportManifestSchema.parse(JSON.parse(last[1] ?? ''));
  const entries = rows.slice(1, -1).map((cells) => {
    const [seq, at, actor, action, entity, entityId, detail, prevHash, hash] = cells.map(unguard);
    return {
      seq: Number(seq),
      at: at ?? '',
      actor: actor ?? '',
      action: action ?? '',
      entity: entity ?? '',
      entityId: entityId ?? '',
      detail: JSON.parse(detail ?? 'null') as Record<string, unknown>,
      prevHash: prevHash ?? '',
      hash: hash ?? '',
    };
  });
  return { manifest, entries };
}

export type ExportCheck = { ok: true; count: number; headHash: string } | { ok: false; seq: number | null; problem: string };

/**
 * Checks a file on its own, without the console: consecutive seqs from the manifest's fromSeq,
 * each prevHash the hash before (the first one the manifest's firstPrevHash), each hash the
 * sha256 of its fields; and the manifest's count and head are the file's.
 */
export function checkAuditExport(parsed: ParsedExport): ExportCheck {
  const { manifest, entries } = parsed;
  let prevHash = manifest.firstPrevHash;
  let expectedSeq = manifest.fromSeq;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, seq: entry.seq, problem: `seq ${entry.seq} where ${expectedSeq} was expected` };
    if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, problem: 'prevHash is not the hash of the entry before' };
    const recomputed = createHash('sha256').update(auditHashInput(entry), 'utf8').digest('hex');
    if (recomputed !== entry.hash) return { ok: false, seq: entry.seq, problem: 'hash does not match the entry' };
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  if (entries.length !== manifest.count) return { ok: false, seq: null, problem: `the manifest says ${manifest.count} entries, the file holds ${entries.length}` };
  if (entries.length > 0 && prevHash !== manifest.headHash) return { ok: false, seq: null, problem: 'the manifest head hash is not the last entry’s hash' };
  return { ok: true, count: entries.length, headHash: prevHash };
}
