import { z } from 'zod';
import { broadcastSchema } from '../centre-api';
import { ANY_ROLE, emptyInputSchema, emptyOutputSchema, type HandlerSpec } from './common';

/**
 * What a bank console shows of the clearing centre (docs/centre-console.md): the broadcasts
 * (公告) it pulled, each marked read per operator. The schedule reaches the status bar through
 * app.status; the directory (行名行号) through participants.list.
 */

/** Most broadcasts listed at once, newest first (a few a day). */
export const MAX_LISTED_BROADCASTS = 500;

export const receivedBroadcastSchema = broadcastSchema.extend({ readAt: z.string().nullable() }).strict();
export type ReceivedBroadcast = z.infer<typeof receivedBroadcastSchema>;

export const centreBankHandlers = {
  /** Every broadcast received, newest first, with when this operator read it (null: unread). */
  'broadcasts.list': {
    input: emptyInputSchema,
    output: z.object({ broadcasts: z.array(receivedBroadcastSchema) }).strict(),
    roles: ANY_ROLE,
  },
  /** This operator has read it (audited once). Errors: 'not_found'. */
  'broadcasts.markRead': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: emptyOutputSchema,
    roles: ANY_ROLE,
    activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
