import { z } from 'zod';

export const alertSchema = z
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
export type Alert = z.infer<typeof alertSchema>;
