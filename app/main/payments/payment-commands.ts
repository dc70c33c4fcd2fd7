import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { blankToUndefined, validateCapture, type CaptureInput } from '../../shared/contract';
import { workingCalendar } from '../settings/working-calendar';
import { houseClockMinute } from '../sync/house-account';
import { isTimed, writePaymentTiming } from './payment-timing-store';
import { formatAmount } from '../../shared/money/format';
import { listParticipants } from '../settings/participants';
import { requireSetting, takePaymentSeq } from '../settings/settings';
import { changeStatus, findPayment, insertPayment, moveStatus } from './payment-repository';
import type { PaymentDbRow } from './payment-record';
import type { VerifyPipeline } from './verify-pipeline';
import { requireWithinLimit } from '../auth/operator-limits';

export interface Actor {
  username: string;
  at: string;
}

/**
 * Local payment ids: <own participant>-<device>-<business date>-<8-digit number>, e.g.
 * HKB-3F2A91C0-20261126-00000042. The device part keeps two consoles of one bank from making
 * the same id (the house refuses a repeated id as a duplicate).
 */
export function localPaymentId(selfId: string, deviceId: string, businessDate: string, seq: number): string {
  return `${selfId}-${deviceId}-${businessDate.replaceAll('-', '')}-${String(seq).padStart(8, '0')}`;
}

const notFound = (id: string) => new UserError('not_found', `No payment ${id}.`, `支付 ${id} 不存在。`);

/** Validates in full and stores a draft, audited in the same transaction. */
export function capturePayment(db: Db, input: CaptureInput, actor: Actor): PaymentDbRow {
  return db.transaction(() => {
    const participants = listParticipants(db);
    const self = participants.find((p) => p.self);
    if (self === undefined) throw new Error('no own participant: the console store was never initialised');
    const businessDate = requireSetting(db, 'business_date');
    // Timing is checked on the house's calendar and clock as this console last saw them.
    const checked = validateCapture(input, {
      participantIds: new Set(participants.map((p) => p.id)),
      selfId: self.id,
      businessDate,
      calendar: workingCalendar(db),
      nowMinute: houseClockMinute(db, businessDate),
    });
    if (!checked.ok) {
      throw new UserError('validation', 'Some fields need correcting.', '部分内容需要更正。', checked.issues);
    }
    requireWithinLimit(db, actor.username, 'maker', checked.amountMinor);
    const id = localPaymentId(self.id, requireSetting(db, 'device_id'), businessDate, takePaymentSeq(db));
    insertPayment(db, {
      id,
      kind: input.kind,
      priority: input.priority,
      status: 'draft',
      direction: 'out',
      fromId: self.id,
      toId: input.to,
      amountMinor: checked.amountMinor,
      currency: 'CNY',
      debtorName: input.debtor.name.trim(),
      debtorAccount: input.debtor.account,
      creditorName: input.creditor.name.trim(),
      creditorAccount: input.creditor.account,
      purpose: input.purpose.trim(),
      billNumber: input.kind === 'bill' ? (input.bill?.billNumber ?? null) : null,
      billIssueDate: input.kind === 'bill' ? (input.bill?.issueDate ?? null) : null,
      billDrawer: input.kind === 'bill' ? (input.bill?.drawer.trim() ?? null) : null,
      originalId: null,
      maker: actor.username,
      checker: null,
      reason: null,
      createdAt: actor.at,
      updatedAt: actor.at,
      businessDate,
    });
    const timing = { earliest: blankToUndefined(input.earliest), latest: blankToUndefined(input.latest), valueDate: blankToUndefined(input.valueDate) };
    writePaymentTiming(db, id, timing);
    appendAudit(db, {
      at: actor.at,
      actor: actor.username,
      action: 'payment.captured',
      entity: 'payment',
      entityId: id,
      detail: {
        kind: input.kind,
        priority: input.priority,
        to: input.to,
        amount: formatAmount(checked.amountMinor, 'CNY'),
        currency: 'CNY',
        debtor: { name: input.debtor.name.trim(), account: input.debtor.account },
        creditor: { name: input.creditor.name.trim(), account: input.creditor.account },
        purpose: input.purpose.trim(),
        ...(input.kind === 'bill' && input.bill ? { bill: input.bill } : {}),
        ...(isTimed(timing) ? { timing } : {}),
      },
    });
    const stored = findPayment(db, id);
    if (stored === undefined) throw new Error(`payment ${id} not found right after insert`);
    return stored;
  })();
}

/**
 * Maker-checker: draft -> verified by someone other than the maker; then the verify pipeline
 * (risk gate, outbox) runs. The payment is read once; each step hands on the row it leaves.
 */
export function verifyPayment(db: Db, id: string, actor: Actor, pipeline: VerifyPipeline): PaymentDbRow {
  return db.transaction(() => {
    const payment = findPayment(db, id);
    if (payment === undefined) throw notFound(id);
    if (payment.maker === actor.username) {
      throw new UserError(
        'payments.maker_cannot_verify',
        'You captured this payment; another supervisor must verify it.',
        '该笔支付由您本人录入，须由其他复核员复核。',
      );
    }
    if (payment.status !== 'draft') {
      throw new UserError('payments.not_draft', `Payment ${id} is ${payment.status}, not awaiting verification.`, `支付 ${id} 当前状态为 ${payment.status}，不在待复核状态。`);
    }
    requireWithinLimit(db, actor.username, 'checker', payment.amount_minor);
    const verified = moveStatus(db, { id, from: 'draft', status: 'verified', checker: actor.username, at: actor.at });
    if (verified === undefined) throw new Error(`payment ${id} left draft inside the verify transaction`);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'payment.verified', entity: 'payment', entityId: id, detail: { maker: payment.maker } });
    return pipeline.run(db, verified);
  })();
}

/** A supervisor voids a draft (draft -> cancelled) with a note saying why. */
export function rejectDraft(db: Db, id: string, note: string, actor: Actor): PaymentDbRow {
  return db.transaction(() => {
    const payment = findPayment(db, id);
    if (payment === undefined) throw notFound(id);
    if (payment.status !== 'draft') {
      throw new UserError('payments.not_draft', `Payment ${id} is ${payment.status}, not a draft.`, `支付 ${id} 当前状态为 ${payment.status}，不是待复核状态。`);
    }
    if (payment.maker === actor.username) {
      throw new UserError('payments.maker_cannot_verify', 'You captured this payment; another supervisor must review it.', '该笔支付由您本人录入，须由其他复核员处理。');
    }
    changeStatus(db, { id, from: 'draft', status: 'cancelled', checker: actor.username, note: note.trim(), at: actor.at });
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'payment.draft_rejected', entity: 'payment', entityId: id, detail: { note: note.trim() } });
    const stored = findPayment(db, id);
    if (stored === undefined) throw new Error(`payment ${id} vanished inside the reject transaction`);
    return stored;
  })();
}
