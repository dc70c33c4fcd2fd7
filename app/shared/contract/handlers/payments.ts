import { z } from 'zod';
import { PAYMENT_READERS, type HandlerSpec } from './common';
import { billInfoSchema, paymentRowSchema } from '../payment-row';
import { captureInputSchema } from '../capture-input';
import { paymentFilterModelSchema, paymentPageInputSchema } from '../blotter-query';

const paymentOut = z.object({ payment: paymentRowSchema }).strict();
const byId = z.object({ id: z.string().min(1).max(64) }).strict();

export const paymentHandlers = {
  /** Creates a draft. Errors: 'validation' with per-field issues (see validateCapture). */
  'payments.capture': { input: captureInputSchema, output: paymentOut, roles: ['clerk', 'supervisor'], activity: true },
  /** draft -> verified. Errors: 'payments.maker_cannot_verify', 'payments.not_draft', 'not_found'. */
  'payments.verify': { input: byId, output: paymentOut, roles: ['supervisor'], activity: true },
  /** Voids a draft (draft -> cancelled) with a note for the maker. Errors: 'payments.not_draft', 'not_found'. */
  'payments.rejectDraft': {
    input: z.object({ id: z.string().min(1).max(64), note: z.string().trim().min(1).max(140) }).strict(),
    output: paymentOut,
    roles: ['supervisor'], activity: true,
  },
  /** Drafts awaiting verification, oldest first (at most 500). */
  'payments.verificationQueue': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(paymentRowSchema) }).strict(),
    roles: ['clerk', 'supervisor'],
  },
  'payments.get': {
    input: byId,
    output: z
      .object({
        payment: paymentRowSchema,
        bill: billInfoSchema.nullable(),
        history: z.array(
          z.object({ at: z.string(), actor: z.string(), action: z.string(), detail: z.record(z.string(), z.unknown()) }).strict(),
        ),
      })
      .strict(),
    roles: PAYMENT_READERS,
  },
  /** ag-grid infinite row model getRows. lastRow is the filtered total (always known). */
  'payments.page': {
    input: paymentPageInputSchema,
    output: z.object({ rows: z.array(paymentRowSchema), lastRow: z.number().int().nonnegative().nullable() }).strict(),
    roles: PAYMENT_READERS,
  },
  /**
   * A payment no longer in the store because its day left the console's window (docs/archive.md):
   * where it went and, when the archive file checks out, its row as archived. null: never archived.
   */
  'payments.archived': {
    input: byId,
    output: z
      .object({
        archived: z
          .object({
            businessDate: z.string(),
            archivedAt: z.string(),
            location: z.string(),
            payment: paymentRowSchema.nullable(),
            /** Why the row could not be read back (file moved, damaged); null when it was. */
            problem: z.string().nullable(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    roles: PAYMENT_READERS,
  },
  'payments.count': {
    input: z.object({ filterModel: paymentFilterModelSchema.default({}) }).strict(),
    output: z.object({ count: z.number().int().nonnegative() }).strict(),
    roles: PAYMENT_READERS,
  },
} as const satisfies Record<string, HandlerSpec>;
