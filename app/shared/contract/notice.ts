import { z } from 'zod';

/** A console notice: what the notice strip shows (sync refusals, cycle mismatches, day change, risk holds). Not a risk alert. */
export const noticeSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    messageZh: z.string(),
    paymentId: z.string().nullable(),
    acknowledged: z.boolean(),
  })
  .strict();
export type Notice = z.infer<typeof noticeSchema>;
