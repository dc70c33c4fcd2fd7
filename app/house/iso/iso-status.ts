import { REASON_CODES, isReasonCode } from '../../shared/domain/reason-codes';

/**
 * Hankou's payment statuses and reason codes as ISO 20022 pacs.002 transaction statuses
 * (ExternalPaymentTransactionStatus1Code) and status reasons (ExternalStatusReason1Code).
 * The CNAPS processing codes each mirrors are in docs/iso20022.md.
 */
export interface IsoStatus {
  /** ACSC settled, ACSP accepted and in process (queued, netted), RJCT, CANC. */
  txStatus: 'ACSC' | 'ACSP' | 'RJCT' | 'CANC';
  /** An ISO reason code (4 letters) or Hankou's own code written as Prtry; null for none. */
  reasonCode: string | null;
}

/** Refusals the house makes while translating a pacs.008, before the push path sees it. */
export const ISO_ONLY_REASONS = {
  /** IntrBkSttlmDt is not the house's business date: the house settles today only. */
  INVALID_DATE: 'DT01',
} as const;

/** The ISO reason for a Hankou reason code; codes with no ISO equivalent travel as they are. */
export function isoReason(reason: string | null): string | null {
  if (reason === null) return null;
  if (isReasonCode(reason)) return REASON_CODES[reason].iso;
  if (reason in ISO_ONLY_REASONS) return ISO_ONLY_REASONS[reason as keyof typeof ISO_ONLY_REASONS];
  return reason;
}

export function isoStatusOf(status: string, reason: string | null): IsoStatus {
  switch (status) {
    case 'settled':
      return { txStatus: 'ACSC', reasonCode: null };
    case 'received':
    case 'queued':
    case 'netted':
    case 'scheduled':
      return { txStatus: 'ACSP', reasonCode: null };
    case 'cancelled':
      return { txStatus: 'CANC', reasonCode: null };
    case 'expired':
      // TM01: received after the processing cut-off (not settled by the end of the day).
      return { txStatus: 'RJCT', reasonCode: 'TM01' };
    case 'returned':
      return { txStatus: 'RJCT', reasonCode: 'RETURNED' };
    case 'rejected':
      return { txStatus: 'RJCT', reasonCode: isoReason(reason ?? 'INVALID_PAYLOAD') };
    default:
      throw new Error(`payment status ${status} has no ISO 20022 status`);
  }
}
