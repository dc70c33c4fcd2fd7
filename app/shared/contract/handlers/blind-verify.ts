import { z } from 'zod';
import { paymentKindSchema } from '../../domain/payment';
import { ANY_ROLE, type HandlerSpec } from './common';
import { paymentRowSchema } from '../payment-row';

const kindsOut = z.object({ kinds: z.array(paymentKindSchema) }).strict();

export const blindVerifyHandlers = {
  /** The payment kinds whose verification is blind double entry (复核双录): the checker re-keys amount and payee account. */
  'payments.blindVerify.get': { input: z.object({}).strict(), output: kindsOut, roles: ANY_ROLE },
  'payments.blindVerify.set': { input: z.object({ kinds: z.array(paymentKindSchema).max(4) }).strict(), output: kindsOut, roles: ['admin'], activity: true },
  /**
   * draft -> verified for a kind under blind double entry, with what the checker keyed from the
   * voucher. Errors: those of 'payments.verify', and 'payments.rekey_mismatch' (issues name the
   * field that differs, never its stored value).
   */
  'payments.verifyRekeyed': {
    input: z.object({ id: z.string().min(1).max(64), amount: z.string().max(24), creditorAccount: z.string().max(34) }).strict(),
    output: z.object({ payment: paymentRowSchema }).strict(),
    roles: ['supervisor'], activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
