import type { Role } from '../../../shared/domain/operator';
import { mayCall } from '../../../shared/contract/handler-access';
import type { AuditExportFormat, AuditFilter } from '../../../shared/contract/handlers/audit';

/** Whether these roles see the audit trail (the contract's roles for it). */
export function canReadAudit(roles: readonly Role[]): boolean {
  return mayCall(roles, 'audit.page');
}

/**
 * The screen an operator lands on after signing in: an auditor's is the trail. Anyone else
 * keeps the screen in use, unless it is the trail and they may not read it.
 */
export function screenAfterLogin<S extends string>(roles: readonly Role[], current: S, entry: S, audit: S): S {
  if (roles.includes('auditor')) return audit;
  if (current === audit && !canReadAudit(roles)) return entry;
  return current;
}

/** The filter bar as typed: empty fields mean "any". */
export interface FilterForm {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER_FORM: FilterForm = { actor: '', action: '', from: '', to: '' };

/** The typed bar as the contract's filter: trimmed, empties left out. */
export function filterOf(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  const actor = form.actor.trim();
  const action = form.action.trim();
  if (actor !== '') filter.actor = actor;
  if (action !== '') filter.action = action;
  if (form.from !== '') filter.from = form.from;
  if (form.to !== '') filter.to = form.to;
  return filter;
}

/** Action families for the filter's suggestions (the family matches all its actions). */
export const ACTION_FAMILIES = ['auth', 'operator', 'payment', 'alert', 'risk', 'recon', 'sync', 'audit', 'store', 'demo'] as const;

/** "3f9a1c0b2d4e…" — enough to tell hashes apart in a cell; the full hash is one click away. */
export function shortHash(hash: string, chars = 12): string {
  return hash.length <= chars ? hash : `${hash.slice(0, chars)}…`;
}

/** Entries shown above a located entry, so the rows it follows are in view too. */
export const LOCATE_CONTEXT_ROWS = 5;

/** The keyset cursor that shows `seq` with a few newer entries above it. */
export function cursorToShow(seq: number): number {
  return seq + LOCATE_CONTEXT_ROWS + 1;
}

export function mediaTypeOf(format: AuditExportFormat): string {
  return format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson;charset=utf-8';
}

/**
 * The file's parts: CSV starts with a byte-order mark so spreadsheet programs read the Chinese
 * as UTF-8 (the export checker skips it); JSON lines go as they came.
 */
export function fileParts(format: AuditExportFormat, chunks: readonly string[]): string[] {
  return format === 'csv' ? ['\uFEFF', ...chunks] : [...chunks];
}
