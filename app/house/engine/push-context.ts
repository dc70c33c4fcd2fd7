import type { BatchEffects, DeviceRow } from './batch-effects';
import type { ClearingEngine } from './clearing-engine-port';
import type { WorkingCalendar } from '../../shared/domain/calendar';
import type { PaymentPayload } from '../../shared/domain/payment';
import type { MessageContext } from '../messages/thread-lookup';

/** Asked for every new payment before the engine sees it; returns a REASON_CODES key to refuse. */
export type AdmissionCheck = (payload: PaymentPayload, submitterId: string) => string | undefined;

/** What one push batch's mutations (payments and payment actions alike) run against. */
export interface PushContext {
  engine: ClearingEngine;
  batch: BatchEffects;
  participantId: string;
  device: DeviceRow;
  businessDate: string;
  nowMs: number;
  /** The house's working calendar, loaded when a push carries a value date. */
  calendar?: WorkingCalendar;
  /** The centre's admission rules (cut-offs, suspension): a reason code refuses the payment. */
  admit?: AdmissionCheck;
  /** Set when the push carries message mutations (inquiries, return requests, stops). */
  messages?: MessageContext;
}
