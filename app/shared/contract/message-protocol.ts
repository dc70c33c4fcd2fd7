import { z } from 'zod';
import { paymentIdSchema, paymentKindSchema, currencySchema } from '../domain/payment';
import { positiveAmountSchema } from '../domain/amount-schema';

/**
 * Messages between banks about a payment, carried through the house (docs/messages.md):
 * 查询查复 (inquiry and reply, camt.026/camt.027 -> camt.029), 退回申请 (return request,
 * camt.056 -> pacs.004 or camt.029) and 止付 (stop payment). Each step is a sync mutation of the
 * token's bank; the house keeps the thread and publishes it whole to both banks as a `message`
 * change of the pull feed, each time it changes.
 */

/** Why a bank asks (查询事由). NOT_RECEIVED is a claim of non-receipt (camt.027); the rest camt.026. */
export const INQUIRY_REASONS = {
  NOT_RECEIVED: { iso: 'camt.027', zh: '收款人未收到款项', en: 'Beneficiary has not received the funds' },
  WRONG_ACCOUNT: { iso: 'AC01', zh: '账号户名不符', en: 'Account number or name does not match' },
  WRONG_AMOUNT: { iso: 'AM09', zh: '金额有误', en: 'Wrong amount' },
  DUPLICATE: { iso: 'AM05', zh: '疑似重复支付', en: 'Possible duplicate payment' },
  MISSING_INFO: { iso: 'MS03', zh: '附言或用途不明', en: 'Remittance information unclear' },
  OTHER: { iso: 'NARR', zh: '其他', en: 'Other' },
} as const;
export type InquiryReason = keyof typeof INQUIRY_REASONS;
export const inquiryReasonSchema = z.enum(Object.keys(INQUIRY_REASONS) as [InquiryReason, ...InquiryReason[]]);

/** Why the sender asks for its money back (camt.056 CxlRsn). */
export const RETURN_REASONS = {
  DUPL: { zh: '重复支付', en: 'Duplicate payment' },
  CUST: { zh: '客户要求退回', en: 'Requested by the customer' },
  AC03: { zh: '收款账号错误', en: 'Wrong creditor account' },
  AM09: { zh: '金额错误', en: 'Wrong amount' },
  FRAD: { zh: '涉嫌欺诈', en: 'Fraud suspected' },
  TECH: { zh: '技术原因', en: 'Technical problem' },
} as const;
export type ReturnReason = keyof typeof RETURN_REASONS;
export const returnReasonSchema = z.enum(Object.keys(RETURN_REASONS) as [ReturnReason, ...ReturnReason[]]);

/** Why the receiving bank refuses (camt.029 CxlStsRsnInf). */
export const REFUSAL_REASONS = {
  CUST: { zh: '收款人不同意退回', en: 'Beneficiary does not agree' },
  NOAS: { zh: '收款人未答复', en: 'No answer from the beneficiary' },
  NOOR: { zh: '未收到原支付', en: 'Original payment not received' },
  AC04: { zh: '收款账户已销户', en: 'Account closed' },
  ARDT: { zh: '款项已退回', en: 'Already returned' },
  LEGL: { zh: '法律原因', en: 'Legal decision' },
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;
export const refusalReasonSchema = z.enum(Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]]);

export const MAX_MESSAGE_TEXT_CHARS = 500;
const textSchema = z.string().trim().min(1).max(MAX_MESSAGE_TEXT_CHARS);

/** message.inquire (`id` = the new thread's id): ask the other bank of a payment about it. */
export const inquirePayloadSchema = z.object({ paymentId: paymentIdSchema, reasonCode: inquiryReasonSchema, text: textSchema }).strict();
/** message.answer (`id` = the thread): the bank asked answers. */
export const answerPayloadSchema = z.object({ text: textSchema }).strict();
/** message.returnRequest (`id` = the new thread): the sender asks for a settled payment back; amount absent = all that is left. */
export const returnRequestPayloadSchema = z
  .object({ paymentId: paymentIdSchema, amount: positiveAmountSchema.optional(), reasonCode: returnReasonSchema, text: textSchema })
  .strict();
/** message.returnAnswer (`id` = the thread): the receiving bank accepts (a pacs.004 settles back) or refuses with a reason. */
export const returnAnswerPayloadSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), text: textSchema.optional() }).strict(),
  z.object({ decision: z.literal('refuse'), reasonCode: refusalReasonSchema, text: textSchema.optional() }).strict(),
]);
/** payment.stop / payment.release (`id` = the payment): 止付 and 解除止付 with the supervisor's reason. */
export const stopPayloadSchema = z.object({ reason: z.string().trim().min(1).max(140) }).strict();

export type InquirePayload = z.infer<typeof inquirePayloadSchema>;
export type AnswerPayload = z.infer<typeof answerPayloadSchema>;
export type ReturnRequestPayload = z.infer<typeof returnRequestPayloadSchema>;
export type ReturnAnswerPayload = z.infer<typeof returnAnswerPayloadSchema>;
export type StopPayload = z.infer<typeof stopPayloadSchema>;

/** The thread of a payment's stops (止付 and 解除止付 entries appended): one per payment. */
export const stopThreadId = (paymentId: string): string => `STOP.${paymentId}`;

/** Who acts in a thread: a participant id, or the clearing centre. */
export const CENTRE_PARTY = 'centre';

/**
 * The centre operator (username) behind a thread's newest `action` entry, so a bank sees who at
 * the centre stopped or released its payment; undefined when a bank acted or the admin token did.
 */
export function centreOperatorOf(thread: { entries: ReadonlyArray<{ by: string; action: string; operator?: string }> }, action: 'stop' | 'release'): string | undefined {
  const entry = [...thread.entries].reverse().find((e) => e.action === action);
  return entry?.by === CENTRE_PARTY ? entry.operator : undefined;
}

export const THREAD_KINDS = ['inquiry', 'return', 'stop'] as const;
export const THREAD_STATES = ['open', 'answered', 'requested', 'accepted', 'refused', 'stopped', 'released', 'ended'] as const;

export const threadEntrySchema = z
  .object({
    at: z.string(),
    by: z.string(),
    action: z.enum(['ask', 'answer', 'request', 'accept', 'refuse', 'stop', 'release']),
    reasonCode: z.string().optional(),
    text: z.string().optional(),
    /** A centre entry (`by` 'centre'): the centre operator who acted (username); absent for the admin token. */
    operator: z.string().optional(),
  })
  .strict();
export type ThreadEntry = z.infer<typeof threadEntrySchema>;

/** A thread as the house publishes it (the pull feed's `message` change). */
export const messageThreadSchema = z
  .object({
    /** The asking bank's mutation id; a stop's thread is `STOP.<payment id>`. */
    id: z.string().min(1).max(80),
    kind: z.enum(THREAD_KINDS),
    paymentId: paymentIdSchema,
    /** The bank that asked / requested / stopped (or the centre). */
    from: z.string(),
    /** The bank that answers (for a stop: the payment's sender). */
    to: z.string(),
    state: z.enum(THREAD_STATES),
    businessDate: z.string(),
    /** Inquiry: the reply is due by the next working day's interbank cut-off, "YYYY-MM-DDTHH:MM+08:00". */
    dueBy: z.string().optional(),
    /** Return request: the amount asked back, and the pacs.004 return payment once accepted. */
    amount: positiveAmountSchema.optional(),
    returnPaymentId: paymentIdSchema.optional(),
    /** The payment, so the other bank can show it even before (or without) its own copy. */
    payment: z
      .object({ from: z.string(), to: z.string(), amount: positiveAmountSchema, currency: currencySchema, kind: paymentKindSchema, status: z.string() })
      .strict(),
    entries: z.array(threadEntrySchema).min(1),
  })
  .strict();
export type MessageThread = z.infer<typeof messageThreadSchema>;
