import { z } from 'zod';
import { ANY_ROLE, emptyInputSchema, emptyOutputSchema, isoDateSchema, participantSummarySchema, type HandlerSpec } from './common';
import { noticeSchema } from '../notice';
import { businessScheduleSchema } from '../../domain/business-day';

/** Whether the console's local store takes writes; anything but 'ok' is shown in red. */
export const STORE_HEALTH_STATES = ['ok', 'full', 'read_only', 'io_error'] as const;
export const storeHealthSchema = z.enum(STORE_HEALTH_STATES);
export type StoreHealthState = z.infer<typeof storeHealthSchema>;

export const appStatusSchema = z
  .object({
    businessDate: isoDateSchema,
    /** 'local': no house configured; 'online'/'offline': the sync link's state. */
    connection: z.enum(['online', 'offline', 'local']),
    participant: participantSummarySchema,
    version: z.string(),
    pendingOutbox: z.number().int().nonnegative(),
    /** Optional so older senders stay valid; absent means 'ok'. */
    storeHealth: storeHealthSchema.optional(),
    /** 头寸预警: available is below the bank's warning threshold (optional: older senders). */
    positionWarning: z.boolean().optional(),
    /**
     * The clearing centre's schedule for the business date as last pulled (docs/centre.md), null
     * when the house published none: the status bar counts down to the next cut-off from it, offline too.
     */
    daySchedule: businessScheduleSchema.nullable().optional(),
  })
  .strict();
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appHandlers = {
  'app.status': { input: emptyInputSchema, output: appStatusSchema, roles: ANY_ROLE },
  'participants.list': {
    input: emptyInputSchema,
    output: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          bankCode: z.string(),
          self: z.boolean(),
          /** False while the clearing centre has suspended the bank: payments to it are refused. */
          active: z.boolean().optional(),
          /** Pinyin initials of the name, lower case (中国工商银行 -> zggsyh), for looking the bank up. */
          initials: z.string().optional(),
        })
        .strict(),
    ),
    roles: ANY_ROLE,
  },
  /** Unacknowledged notices first, newest first (at most 200). */
  'notices.list': { input: emptyInputSchema, output: z.object({ notices: z.array(noticeSchema) }).strict(), roles: ANY_ROLE },
  'notices.ack': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: emptyOutputSchema, roles: ANY_ROLE, activity: true },
} as const satisfies Record<string, HandlerSpec>;
