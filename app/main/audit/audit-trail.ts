import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open-database';
import { CLEARING_CENTRE_UTC_OFFSET_MS } from '../../shared/domain/calendar';
import type { AuditEntryRow, AuditFilter } from '../../shared/contract/handlers/audit';

import type { AuditLogRow } from '../../shared/audit/audit-chain';

export type { AuditLogRow };

/** Longest detail summary a grid row carries; the export has the detail in full. */
export const DETAIL_SUMMARY_MAX_CHARS = 240;

/** The UTC instant a clearing-centre (UTC+8) date begins, as stored `at` text compares. */
export function dayStartIso(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + plusDays * 86_400_000 - CLEARING_CENTRE_UTC_OFFSET_MS).toISOString();
}

interface Where {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The filter as SQL over audit_log. Actor exact; action exact or its family ('payment' matches
 * 'payment.captured', not 'payments'); `at` is ISO UTC text, so a date range is a text range.
 */
function whereOf(filter: AuditFilter, beforeSeq: number | undefined): Where {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  if (beforeSeq !== undefined) {
    parts.push('seq < @beforeSeq');
    params.beforeSeq = beforeSeq;
  }
  if (filter.actor !== undefined) {
    parts.push('actor = @actor');
    params.actor = filter.actor;
  }
  if (filter.action !== undefined) {
    parts.push("(action = @action OR substr(action, 1, length(@action) + 1) = @action || '.')");
    params.action = filter.action;
  }
  if (filter.from !== undefined) {
    parts.push('at >= @fromAt');
    params.fromAt = dayStartIso(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('at < @toAt');
    params.toAt = dayStartIso(filter.to, 1);
  }
  return { sql: parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`, params };
}

/** Statements by SQL text, per connection: at most 2 × 2^5 shapes of filter. */
const statementCache = new WeakMap<Db, Map<string, Statement>>();
function prepared(db: Db, sql: string): Statement {
  let cache = statementCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** "reason=wrong_password, failures=2": a detail's top-level pairs, nested values as JSON. */
export function summarizeDetail(detailText: string): string {
  let value: unknown;
  try {
    value = JSON.parse(detailText);
  } catch {
    return clip(detailText);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return clip(JSON.stringify(value));
  const pairs = Object.entries(value as Record<string, unknown>).map(([key, v]) => `${key}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return clip(pairs.join(', '));
}

function clip(text: string): string {
  return text.length <= DETAIL_SUMMARY_MAX_CHARS ? text : `${text.slice(0, DETAIL_SUMMARY_MAX_CHARS - 1)}…`;
}

export function toEntryRow(row: AuditLogRow): AuditEntryRow {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    subject: row.entity_id === '' ? row.entity : `${row.entity} ${row.entity_id}`,
    details: summarizeDetail(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface TrailPage {
  entries: AuditEntryRow[];
  nextBeforeSeq: number | null;
  total: number | null;
}

/**
 * One page of the trail, newest first, by keyset on seq (the primary key): `seq < beforeSeq`,
 * so a page costs the same at the top and the bottom of a long log. The matching total is
 * counted only for the first page (a filtered count reads every entry).
 */
export function pageAuditTrail(db: Db, query: { filter: AuditFilter; beforeSeq?: number; limit: number }): TrailPage {
  const where = whereOf(query.filter, query.beforeSeq);
  const rows = prepared(db, `SELECT * FROM audit_log ${where.sql} ORDER BY seq DESC LIMIT @limit`).all({
    ...where.params,
    limit: query.limit + 1,
  }) as AuditLogRow[];
  const more = rows.length > query.limit;
  const entries = rows.slice(0, query.limit).map(toEntryRow);
  let total: number | null = null;
  if (query.beforeSeq === undefined) {
    const count = whereOf(query.filter, undefined);
    total = (prepared(db, `SELECT count(*) AS n FROM audit_log ${count.sql}`).get(count.params) as { n: number }).n;
  }
  return { entries, nextBeforeSeq: more ? (entries.at(-1)?.seq ?? null) : null, total };
}

/** The stored row of one entry, or undefined. */
export function auditRow(db: Db, seq: number): AuditLogRow | undefined {
  return prepared(db, 'SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditLogRow | undefined;
}
