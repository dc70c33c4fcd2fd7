import { z } from 'zod';
import { noticeSchema } from './notice';
import { appStatusSchema } from './handlers/app';
import { broadcastSchema } from './centre-api';

/** Pushes from main. 'session.ended' goes to one session; the others go to all sessions. */
export const events = {
  notice: noticeSchema,
  status: appStatusSchema,
  /** Payments that changed (ids), so grids refresh; `all` when too many to list (demo load, sync pull). */
  'payments.changed': z.object({ ids: z.array(z.string()), all: z.boolean() }).strict(),
  'session.ended': z.object({ reason: z.enum(['idle', 'logout', 'locked', 'closed']) }).strict(),
  /**
   * An operator's change went through (the handler that made it, and who): every open screen of
   * that area reloads, so a reconciler sees the supervisor's approval without pressing F5.
   */
  'data.changed': z.object({ handler: z.string().max(64), by: z.string().max(64) }).strict(),
  /** A broadcast (公告) from the clearing centre just pulled: shown at once as an alert (docs/centre-console.md). */
  broadcast: broadcastSchema,
} as const;
