import type { PaymentRow } from '../../../shared/contract';

/** Statuses only the clearing house sets: the row's last change is then the house's step. */
const HOUSE_STATUSES: ReadonlySet<string> = new Set(['received', 'queued', 'settled', 'netted', 'rejected', 'returned', 'expired']);
/** Final at the house: the time of that step is when the money moved (or was refused). */
const SETTLED: ReadonlySet<string> = new Set(['settled', 'netted']);

/** When the house last moved this payment (its status and time as pulled), or null while only the console knows it. */
export function houseTimeOf(row: Pick<PaymentRow, 'status' | 'updatedAt'>): string | null {
  return HOUSE_STATUSES.has(row.status) ? row.updatedAt : null;
}

/**
 * The settlement (or netting) time, or null when the money has not moved: the house's step that
 * reached the payment's status when the history records it (a DNS payment settles at its cycle's
 * close, after it was netted), else the row's last change.
 */
export function settledAtOf(row: Pick<PaymentRow, 'status' | 'updatedAt'>, history: readonly { actor: string; action: string; at: string }[] = []): string | null {
  if (!SETTLED.has(row.status)) return null;
  const step = history.findLast((h) => isHouseStep(h) && houseStepStatus(h) === row.status);
  return step?.at ?? row.updatedAt;
}

/** The house's latest step, shown in the history from the payment's status and time. */
export type HouseStep = { at: string; actor: 'house'; action: string; house: true };

/**
 * The history as the operator reads it: the console's own entries (capture, verify, requests
 * and answers) and the house's steps as the back end recorded them (`house.<status>` by actor
 * 'house'). A payment whose steps were never recorded (synced before the console kept them, or
 * demo data) shows the house's latest step from its status and time instead.
 */
export function historyWithHouseStep<H extends { at: string; actor: string; action: string }>(
  row: Pick<PaymentRow, 'status' | 'updatedAt'>,
  history: readonly H[],
): (H | HouseStep)[] {
  const at = houseTimeOf(row);
  if (at === null || history.some((h) => isHouseStep(h))) return withoutRepeatedAnswers(history);
  const step: HouseStep = { at, actor: 'house', action: `house.${row.status}`, house: true };
  return withoutRepeatedAnswers([...history, step].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)));
}

/**
 * The house's yes to a cancel or a return, as the console recorded it from the push answer, and
 * the status the house's own step then reaches. Both say the same thing; the history keeps the
 * house's step (the authority's record, in house order, with its cycle) and drops the console's
 * copy of the answer. A new priority reaches no status: its answer always stays.
 */
const ANSWER_REPEATED_BY_STEP: Readonly<Record<string, string>> = {
  'payment.cancel_accepted': 'cancelled',
  'payment.return_accepted': 'returned',
};

/** The history with each house answer shown once (see ANSWER_REPEATED_BY_STEP). */
export function withoutRepeatedAnswers<H extends { actor: string; action: string }>(history: readonly H[]): H[] {
  const reached = new Set(history.filter(isHouseStep).map(houseStepStatus));
  return history.filter((h) => {
    const status = h.actor === 'house' ? ANSWER_REPEATED_BY_STEP[h.action] : undefined;
    return status === undefined || !reached.has(status);
  });
}

/** A step the house took (recorded by the back end or derived above), not a person's action. */
export function isHouseStep(h: { actor: string; action: string }): boolean {
  return h.actor === 'house' && h.action.startsWith('house.');
}

/** The status a house step moved the payment to ('accepted' for the push answer). */
export function houseStepStatus(h: { action: string }): string {
  return h.action.slice('house.'.length);
}
