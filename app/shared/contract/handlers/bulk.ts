import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { BULK_FIELDS } from '../../bulk/validate-bulk';
import type { HandlerSpec } from './common';

/**
 * Bulk payment files from corporate customers (issue 13; docs/bulk-import.md): a clerk imports
 * a pain.001 or CSV file as a batch, fixes or drops the lines that failed, and a supervisor who
 * did not import it verifies the batch as a whole by its count and total (maker-checker);
 * then each payment goes through the normal verify path. pain.002 reports each line's status.
 */
const MAKERS: readonly Role[] = ['clerk'];
const CHECKERS: readonly Role[] = ['supervisor'];
const READERS: readonly Role[] = ['clerk', 'supervisor', 'auditor'];

/** File text through the contract: one WebSocket message of the browser host (1 MiB) must hold it. Larger files: `hankou import`. */
export const MAX_BULK_FILE_CHARS = 900_000;
/** Lines in one batch page. */
export const MAX_BULK_PAGE_LINES = 1000;

const batchId = z.string().min(1).max(64);
const line = z.number().int().min(1).max(1_000_000);
const amount = z.string().regex(/^\d+\.\d{2}$/);
const text = (max: number) => z.string().max(max);

export const bulkLineErrorSchema = z
  .object({ line: z.number().int(), field: z.enum(BULK_FIELDS), code: z.string(), reason: z.string(), reasonZh: z.string() })
  .strict();

export const bulkLineSchema = z
  .object({
    line: z.number().int(),
    state: z.enum(['valid', 'invalid', 'dropped', 'submitted']),
    reference: z.string().nullable(),
    debtorName: z.string().nullable(),
    debtorAccount: z.string().nullable(),
    creditorName: z.string().nullable(),
    creditorAccount: z.string().nullable(),
    creditorBankCode: z.string().nullable(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
    purpose: z.string().nullable(),
    /** The receiving participant and kind a valid line would be sent as. */
    to: z.string().nullable(),
    kind: z.enum(['hvps', 'beps']).nullable(),
    acceptDuplicate: z.boolean(),
    errors: z.array(bulkLineErrorSchema),
    paymentId: z.string().nullable(),
    /** The payment's status once submitted (draft, verified, queued_offline, settled...). */
    paymentStatus: z.string().nullable(),
    note: z.string().nullable(),
  })
  .strict();
export type BulkLine = z.infer<typeof bulkLineSchema>;

export const bulkBatchSchema = z
  .object({
    id: z.string(),
    format: z.enum(['pain.001', 'csv']),
    version: z.string(),
    messageId: z.string().nullable(),
    fileName: z.string().nullable(),
    businessDate: z.string(),
    status: z.enum(['open', 'verified']),
    importedBy: z.string(),
    importedAt: z.string(),
    verifiedBy: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    lines: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    dropped: z.number().int(),
    /** Count and total of the lines that will be (or were) paid: what the checker confirms. */
    total: amount,
    totalInCapitals: z.string(),
    /** Verified and every payment of it final (settled, rejected...): the pain.002 is the customer's definitive answer. */
    final: z.boolean(),
  })
  .strict();
export type BulkBatch = z.infer<typeof bulkBatchSchema>;

const detail = z.object({ batch: bulkBatchSchema, lines: z.array(bulkLineSchema), hasMore: z.boolean() }).strict();

const editable = z
  .object({
    reference: text(35).nullable(),
    debtorName: text(140).nullable(),
    debtorAccount: text(34).nullable(),
    creditorName: text(140).nullable(),
    creditorAccount: text(34).nullable(),
    creditorBankCode: text(12).nullable(),
    amount: text(24).nullable(),
    currency: text(3).nullable(),
    purpose: text(140).nullable(),
  })
  .partial()
  .strict();

export const bulkHandlers = {
  'bulk.import': {
    input: z.object({ fileName: text(200).optional(), content: z.string().min(1).max(MAX_BULK_FILE_CHARS) }).strict(),
    output: z.object({ batch: bulkBatchSchema, invalid: z.array(bulkLineErrorSchema) }).strict(),
    roles: MAKERS, activity: true,
  },
  'bulk.batches.list': {
    input: z.object({ status: z.enum(['open', 'verified', 'all']).default('all') }).strict(),
    output: z.object({ rows: z.array(bulkBatchSchema) }).strict(),
    roles: READERS,
  },
  'bulk.batches.get': {
    input: z
      .object({ batchId, afterLine: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(MAX_BULK_PAGE_LINES).default(200), onlyInvalid: z.boolean().default(false) })
      .strict(),
    output: detail,
    roles: READERS,
  },
  'bulk.lines.fix': {
    input: z.object({ batchId, line, fields: editable, acceptDuplicate: z.boolean().optional() }).strict(),
    output: z.object({ batch: bulkBatchSchema, line: bulkLineSchema }).strict(),
    roles: MAKERS, activity: true,
  },
  'bulk.lines.drop': {
    input: z.object({ batchId, line, note: z.string().trim().min(1).max(500) }).strict(),
    output: z.object({ batch: bulkBatchSchema, line: bulkLineSchema }).strict(),
    roles: MAKERS, activity: true,
  },
  'bulk.batches.verify': {
    input: z.object({ batchId, count: z.number().int().min(1), total: amount }).strict(),
    output: z.object({ batch: bulkBatchSchema, paymentIds: z.array(z.string()) }).strict(),
    roles: CHECKERS, activity: true,
  },
  'bulk.batches.exportPain002': {
    input: z.object({ batchId }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), final: z.boolean() }).strict(),
    roles: READERS,
  },
} as const satisfies Record<string, HandlerSpec>;
