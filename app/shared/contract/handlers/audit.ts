import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { emptyInputSchema, isoDateSchema, type HandlerSpec } from './common';

/**
 * The auditor's screen over the console's hash-chained audit log. Only
 * auditors and administrators read the trail; every read, check and export is itself audited.
 */
export const AUDIT_READERS: readonly Role[] = ['auditor', 'admin'];

/** Most entries one `audit.page` call returns. */
export const AUDIT_PAGE_MAX_ROWS = 500;
/** Most entries one export file holds; a longer trail is exported in consecutive parts (fromSeq). */
export const AUDIT_EXPORT_MAX_ENTRIES = 100_000;
/** Most text one `audit.export` call returns, so a part fits a WebSocket message (1 MiB) with room to spare. */
export const AUDIT_EXPORT_CHUNK_MAX_CHARS = 256 * 1024;

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const AUDIT_BREAK_CODES = ['seq_gap', 'prev_hash', 'detail_json', 'hash_mismatch', 'detail_form'] as const;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().positive();

/**
 * Filters of the trail: actor is a user name (exact); action is an action or its family
 * ('payment' matches 'payment.captured'); from/to are clearing-centre (UTC+8) dates, inclusive.
 */
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** One entry as the trail grid shows it: the detail as a short summary, hashes in full. */
export const auditEntryRowSchema = z
  .object({
    seq,
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    /** "entity entityId", what the entry is about. */
    subject: z.string(),
    /** key=value pairs of the detail, at most 240 characters. */
    details: z.string(),
    prevHash: hash,
    hash,
  })
  .strict();
export type AuditEntryRow = z.infer<typeof auditEntryRowSchema>;

const problemSchema = z.object({ code: z.enum(AUDIT_BREAK_CODES), message: z.string(), messageZh: z.string() }).strict();

/** The chain check: every entry holds (count, head), or the first that does not and why. */
export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int().nonnegative(), headSeq: z.number().int().nonnegative(), headHash: hash }).strict(),
  z
    .object({
      ok: z.literal(false),
      /** Entries that hold before the broken one. */
      count: z.number().int().nonnegative(),
      brokenSeq: seq,
      problem: problemSchema,
      /** The broken entry as stored (null if it cannot be read). */
      entry: auditEntryRowSchema.nullable(),
    })
    .strict(),
]);
export type AuditVerificationResult = z.infer<typeof auditVerificationSchema>;

/** The last line of every export: what the file holds and how the chain stood when it was made. */
export const auditExportManifestSchema = z
  .object({
    kind: z.literal('hankou.console.audit-export'),
    version: z.literal(1),
    format: z.enum(AUDIT_EXPORT_FORMATS),
    exportedAt: z.string(),
    exportedBy: z.string(),
    bankCode: z.string(),
    fromSeq: seq,
    untilSeq: z.number().int().nonnegative(),
    /** Entry lines in the file. */
    count: z.number().int().nonnegative(),
    /** prevHash of the file's first entry: links a later part to the one before. */
    firstPrevHash: hash,
    /** seq and hash of the file's last entry. */
    headSeq: z.number().int().nonnegative(),
    headHash: hash,
    /** Head of the whole log when exported; complete = the file reaches it. */
    logHeadSeq: z.number().int().nonnegative(),
    complete: z.boolean(),
    /** The chain check from entry 1 to untilSeq. */
    verification: auditVerificationSchema,
  })
  .strict();
export type AuditExportManifest = z.infer<typeof auditExportManifestSchema>;

export const auditHandlers = {
  /**
   * Keyset paging, newest first: entries with seq < beforeSeq (from the newest when absent)
   * that match the filter. A call without beforeSeq starts a view: it is recorded
   * ('audit.viewed') and answers the number of matching entries.
   */
  'audit.page': {
    input: z
      .object({
        filter: auditFilterSchema.default({}),
        beforeSeq: seq.optional(),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX_ROWS).default(100),
      })
      .strict(),
    output: z
      .object({
        entries: z.array(auditEntryRowSchema),
        /** Cursor of the next page; null at the oldest matching entry. */
        nextBeforeSeq: seq.nullable(),
        /** Matching entries; only on a call without beforeSeq. */
        total: z.number().int().nonnegative().nullable(),
      })
      .strict(),
    roles: AUDIT_READERS,
  },
  /** Walks the whole chain; recorded ('audit.verified') after the check, so it never counts itself. */
  'audit.verify': { input: emptyInputSchema, output: auditVerificationSchema, roles: AUDIT_READERS, activity: true },
  /**
   * One part of an export, in calls of at most AUDIT_EXPORT_CHUNK_MAX_CHARS of text. The first
   * call (no cursor) fixes untilSeq (the log's head, at most AUDIT_EXPORT_MAX_ENTRIES from
   * fromSeq); pass it back with the cursor until nextCursor is null. The last call's text ends
   * with the manifest line, and that call is recorded ('audit.exported').
   */
  'audit.export': {
    input: z
      .object({
        format: z.enum(AUDIT_EXPORT_FORMATS),
        fromSeq: seq.default(1),
        untilSeq: z.number().int().nonnegative().optional(),
        cursor: seq.optional(),
      })
      .strict()
      .refine((i) => (i.cursor === undefined) === (i.untilSeq === undefined), { message: 'cursor and untilSeq go together', path: ['cursor'] }),
    output: z
      .object({
        text: z.string(),
        fileName: z.string(),
        untilSeq: z.number().int().nonnegative(),
        nextCursor: seq.nullable(),
        manifest: auditExportManifestSchema.nullable(),
      })
      .strict(),
    roles: AUDIT_READERS, activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
