import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bankCodeSchema } from '../shared/domain/bank-code';
import { decimalAmountSchema } from '../shared/domain/amount-schema';
import { participantIdSchema } from '../shared/domain/participant';

/** `--seed FILE`: participants loaded the first time the house starts on an empty ledger. */
export const seedFileSchema = z
  .object({
    participants: z
      .array(
        z
          .object({
            id: participantIdSchema,
            name: z.string().trim().min(1).max(140),
            bankCode: bankCodeSchema,
            balance: decimalAmountSchema,
            netDebitCap: decimalAmountSchema,
            token: z.string().min(16).max(256).regex(/^\S+$/, { message: 'token may not hold spaces' }),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const ids = new Set<string>();
    const tokens = new Set<string>();
    seed.participants.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['participants', i, 'id'], message: `duplicate participant ${p.id}` });
      if (tokens.has(p.token)) ctx.addIssue({ code: 'custom', path: ['participants', i, 'token'], message: 'tokens must differ' });
      ids.add(p.id);
      tokens.add(p.token);
    });
  });
export type SeedFile = z.infer<typeof seedFileSchema>;

export function readSeedFile(path: string): SeedFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`seed file ${path}: ${(error as Error).message}`);
  }
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`seed file ${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
