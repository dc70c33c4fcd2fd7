import { z } from 'zod';
import { noticeSchema } from './notice';
import { appStatusSchema } from './handlers/app';

/** Pushes from main. 'session.ended' goes to one session; the others go to all sessions. */
export const events = {
  notice: noticeSchema,
  status: appStatusSchema,
  /** Payments that changed (ids), so grids refresh; `all` when too many to list (demo load, sync pull). */
  'payments.changed': z.object({ ids: z.array(z.string()), all: z.boolean() }).strict(),
  'session.ended': z.object({ reason: z.enum(['idle', 'logout', 'locked', 'closed']) }).strict(),
} as const;
