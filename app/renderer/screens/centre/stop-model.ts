import type { CentrePayment } from '../../../shared/contract/centre-payment-api';

/** Why a stop or release button is disabled (an i18n key under centre.stops.block), or null when it may be pressed. */
export type StopBlock = 'readOnly' | 'final' | 'bill' | 'alreadyStopped' | 'notStopped' | null;

/** Statuses in which a payment still waits at the house and so can be stopped (docs/messages.md). */
const WAITING = new Set(['queued', 'scheduled']);

/**
 * What the 止付 screen offers for a payment, mirroring the engine's rule (app/shared/clearing/stop-payment.ts):
 * a queued or scheduled hvps, beps or return payment not stopped yet may be stopped; a stopped one
 * may be released (the centre lifts any stop); the auditor does neither. The house decides in the
 * end (a payment that settled meanwhile is refused NOT_STOPPABLE).
 */
export function stopActions(payment: CentrePayment, mayAct: boolean): { stop: StopBlock; release: StopBlock } {
  if (!mayAct) return { stop: 'readOnly', release: 'readOnly' };
  const waiting = WAITING.has(payment.status);
  const stop: StopBlock = payment.stop !== null ? 'alreadyStopped' : !waiting ? 'final' : payment.kind === 'bill' ? 'bill' : null;
  const release: StopBlock = payment.stop !== null ? null : waiting ? 'notStopped' : 'final';
  return { stop, release };
}
