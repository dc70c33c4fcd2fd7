import type { Db } from '../store/open-database';
import { UserError } from '../user-error';
import { CLEARING_CENTRE_UTC_OFFSET_MS } from '../../shared/domain/calendar';
import { appendAudit, verifyAuditLog } from './audit-log';
import { type AuditLogRow } from './audit-trail';
import { verificationResult } from './audit-verification';
import {
  AUDIT_EXPORT_CHUNK_MAX_CHARS,
  AUDIT_EXPORT_MAX_ENTRIES,
  type AuditExportFormat,
  type AuditExportManifest,
} from '../../shared/contract/handlers/audit';

/** Column names of the CSV export, in order; detail is the stored canonical JSON. */
export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab/CR) as a formula, and a failed
 * login's actor is whatever was typed. Such cells, and cells starting with the guard quote
 * itself, get one leading ' so the mark is unambiguous: a reader strips exactly one.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: AuditLogRow): string {
  return [row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail, row.prev_hash, row.hash].map(csvCell).join(',');
}

/** The detail goes in as stored (valid JSON: the table checks json_valid), so the hash recomputes from the line. */
function jsonLine(row: AuditLogRow): string {
  const s = JSON.stringify;
  return `{"seq":${row.seq},"at":${s(row.at)},"actor":${s(row.actor)},"action":${s(row.action)},"entity":${s(row.entity)},"entityId":${s(row.entity_id)},"detail":${row.detail},"prevHash":${s(row.prev_hash)},"hash":${s(row.hash)}}`;
}

function manifestLine(format: AuditExportFormat, manifest: AuditExportManifest): string {
  return format === 'csv' ? `manifest,${csvCell(JSON.stringify(manifest))}` : JSON.stringify({ manifest });
}

export interface ExportRequest {
  format: AuditExportFormat;
  fromSeq: number;
  untilSeq?: number | undefined;
  cursor?: number | undefined;
}

export interface ExportCaller {
  at: string;
  actor: string;
  bankCode: string;
}

export interface ExportChunk {
  text: string;
  fileName: string;
  untilSeq: number;
  nextCursor: number | null;
  manifest: AuditExportManifest | null;
}

/** "20261127T044236+0800": the clearing centre's (UTC+8) wall clock, as the screen shows times. */
function compactTime(iso: string): string {
  const local = new Date(Date.parse(iso) + CLEARING_CENTRE_UTC_OFFSET_MS).toISOString();
  return `${local.replace(/[-:]/g, '').slice(0, 15)}+0800`;
}

export function exportFileName(bankCode: string, format: AuditExportFormat, fromSeq: number, untilSeq: number, at: string): string {
  return `hankou-audit-${bankCode}-${fromSeq}-${untilSeq}-${compactTime(at)}.${format}`;
}

/**
 * One call's worth of an export: entries from the cursor (or fromSeq) up to untilSeq, at most
 * AUDIT_EXPORT_CHUNK_MAX_CHARS of text. Stateless: the first call fixes untilSeq (the log's
 * head, at most AUDIT_EXPORT_MAX_ENTRIES entries) and the caller passes it back, so entries
 * appended meanwhile (this export's own record among them) stay out of this file. The last call
 * checks the chain from entry 1 to untilSeq, ends the text with the manifest line and records
 * the export in the audit log in one transaction.
 */
export function exportAuditChunk(db: Db, request: ExportRequest, caller: ExportCaller): ExportChunk {
  const logHeadSeq = (db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number);
  const first = request.cursor === undefined;
  if (first && request.fromSeq > logHeadSeq) {
    throw new UserError('audit.export_empty', `The audit log has no entry from ${request.fromSeq} on (head is ${logHeadSeq}).`, `审计日志没有第 ${request.fromSeq} 条及之后的条目（最新为第 ${logHeadSeq} 条）。`);
  }
  const untilSeq = request.untilSeq ?? Math.min(logHeadSeq, request.fromSeq + AUDIT_EXPORT_MAX_ENTRIES - 1);
  const start = request.cursor ?? request.fromSeq;
  if (untilSeq > logHeadSeq || untilSeq - request.fromSeq + 1 > AUDIT_EXPORT_MAX_ENTRIES || start < request.fromSeq || start > untilSeq + 1) {
    throw new UserError('validation', 'The export range is not valid.', '导出范围不正确。');
  }
  const lines: string[] = first && request.format === 'csv' ? [AUDIT_CSV_COLUMNS.join(',')] : [];
  let chars = lines[0]?.length ?? 0;
  let nextCursor: number | null = null;
  const toLine = request.format === 'csv' ? csvLine : jsonLine;
  for (const row of db.prepare<[number, number], AuditLogRow>('SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq').iterate(start, untilSeq)) {
    const line = toLine(row);
    if (chars + line.length + 1 > AUDIT_EXPORT_CHUNK_MAX_CHARS && lines.length > 0) {
      nextCursor = row.seq;
      break;
    }
    lines.push(line);
    chars += line.length + 1;
  }
  const fileName = exportFileName(caller.bankCode, request.format, request.fromSeq, untilSeq, caller.at);
  if (nextCursor !== null) return { text: `${lines.join('\n')}\n`, fileName, untilSeq, nextCursor, manifest: null };

  // The walk reads only entries up to untilSeq, which can no longer change (append-only), so
  // it runs before the write transaction rather than holding it.
  const verification = verificationResult(db, verifyAuditLog(db, untilSeq));
  const manifest = db.transaction((): AuditExportManifest => {
    const range = db
      .prepare<[number, number], { count: number; firstSeq: number | null; headSeq: number | null }>(
        'SELECT count(*) AS count, min(seq) AS firstSeq, max(seq) AS headSeq FROM audit_log WHERE seq >= ? AND seq <= ?',
      )
      .get(request.fromSeq, untilSeq) ?? { count: 0, firstSeq: null, headSeq: null };
    const hashOf = db.prepare<[number], { prev_hash: string; hash: string }>('SELECT prev_hash, hash FROM audit_log WHERE seq = ?');
    const firstRow = range.firstSeq === null ? undefined : hashOf.get(range.firstSeq);
    const headRow = range.headSeq === null ? undefined : hashOf.get(range.headSeq);
    const made: AuditExportManifest = {
      kind: 'hankou.console.audit-export',
      version: 1,
      format: request.format,
      exportedAt: caller.at,
      exportedBy: caller.actor,
      bankCode: caller.bankCode,
      fromSeq: request.fromSeq,
      untilSeq,
      count: range.count,
      firstPrevHash: firstRow?.prev_hash ?? '0'.repeat(64),
      headSeq: range.headSeq ?? 0,
      headHash: headRow?.hash ?? '0'.repeat(64),
      logHeadSeq,
      complete: untilSeq === logHeadSeq,
      verification,
    };
    appendAudit(db, {
      at: caller.at,
      actor: caller.actor,
      action: 'audit.exported',
      entity: 'audit_log',
      entityId: 'console',
      detail: {
        format: request.format,
        fromSeq: request.fromSeq,
        untilSeq,
        count: made.count,
        headHash: made.headHash,
        chainOk: verification.ok,
        ...(verification.ok ? {} : { brokenSeq: verification.brokenSeq }),
      },
    });
    return made;
  })();
  lines.push(manifestLine(request.format, manifest));
  return { text: `${lines.join('\n')}\n`, fileName, untilSeq, nextCursor: null, manifest };
}
