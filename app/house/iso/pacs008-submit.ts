import { createHash } from 'node:crypto';
import { isCurrencyCode } from '../../shared/money/currency';
import { participantIdSchema } from '../../shared/domain/participant';
import type { PushResult } from '../../shared/contract/sync-protocol';
import { MAX_MUTATIONS_PER_PUSH } from '../../shared/contract/sync-protocol';
import type { CreditTransferInstruction, CreditTransferMessage, PaymentMessage, PaymentTransaction } from '../../shared/iso20022';
import type { EngineHost } from '../engine/engine-host';
import type { HouseStore } from '../store/sql-client';
import {
  insertIsoTransactions,
  readAgentDirectory,
  readDeviceLastSeq,
  readIsoMessage,
  readMutationRejections,
  readPaymentStatuses,
  type IsoTransactionRow,
} from '../store/iso-queries';
import { isoStatusOf } from './iso-status';

/** Transactions in one pacs.008: the 4 MiB body holds about 2,500; this bounds the work. */
export const MAX_ISO_TRANSACTIONS = 10_000;

/** A message the house refuses as a whole (answered with an admi.002; nothing changes). */
export class IsoRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** The device a bank's ISO messages are pushed from: its own, so seqs never mix with a console's. */
export function isoDeviceId(participantId: string): string {
  return `iso20022-${participantId}`;
}

/**
 * The house payment id for one transaction: deterministic in the bank, the message id and the
 * end-to-end id, so a resend can only ever name the same payment (never a second one).
 */
export function isoPaymentId(participantId: string, messageId: string, endToEndId: string): string {
  const digest = createHash('sha256').update(`${participantId}\u0000${messageId}\u0000${endToEndId}`, 'utf8').digest('hex');
  return `${participantId}.iso.${digest.slice(0, 24)}`;
}

/** Priority3Code (SttlmPrty) and Priority2Code (InstrPrty) to Hankou's 0 特急 / 1 紧急 / 2 普通. */
const PRIORITIES: Record<string, 0 | 1 | 2> = { URGT: 0, HIGH: 1, NORM: 2 };
/** ClrChanl and LclInstrm to the kind: RTGS / HVPS gross, MPNS / RTNS / BEPS net; default HVPS (hvps.111 is a pacs.008). */
const KINDS: Record<string, 'hvps' | 'beps'> = { RTGS: 'hvps', HVPS: 'hvps', MPNS: 'beps', RTNS: 'beps', BEPS: 'beps' };

type Translation = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

function translate(tx: CreditTransferInstruction, id: string, directory: ReadonlyMap<string, string>, businessDate: string): Translation {
  const agent = tx.creditorAgent;
  const to = agent === null ? undefined : (directory.get(agent) ?? (participantIdSchema.safeParse(agent).success ? agent : undefined));
  if (to === undefined) return { ok: false, reason: 'UNKNOWN_PARTICIPANT' };
  if (tx.currency === null || !isCurrencyCode(tx.currency)) return { ok: false, reason: 'WRONG_CURRENCY' };
  if (tx.settlementDate !== null && tx.settlementDate !== businessDate) return { ok: false, reason: 'INVALID_DATE' };
  const priority = tx.priority === null ? 2 : PRIORITIES[tx.priority];
  const kindCode = tx.localInstrument ?? tx.clearingChannel;
  const kind = kindCode === null ? 'hvps' : KINDS[kindCode];
  if (priority === undefined || kind === undefined) return { ok: false, reason: 'INVALID_PAYLOAD' };
  // The payload the JSON push would carry: the push path validates it (names, accounts, amount).
  return {
    ok: true,
    payload: {
      id,
      kind,
      priority,
      to,
      amount: tx.amount,
      currency: tx.currency,
      debtor: { name: tx.debtor?.name ?? '', account: tx.debtor?.account ?? '' },
      creditor: { name: tx.creditor?.name ?? '', account: tx.creditor?.account ?? '' },
      purpose: tx.remittance ?? '',
    },
  };
}

export interface SubmitContext {
  store: HouseStore;
  host: EngineHost;
  businessDate: string;
  nowIso: string;
}

/** Serialises one bank's ISO submissions: its device's seqs are read, then used, one at a time. */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * A pacs.008 from `participantId` becomes payments through the house's push path (the same
 * payload schema, engine, journal and batch commit as a console's push) on the bank's own
 * ISO device. Returns one answer row per transaction, in message order. Transactions answered
 * before (same message id and end-to-end id) are answered from the record and not applied again.
 */
export async function submitCreditTransfer(context: SubmitContext, participantId: string, message: CreditTransferMessage): Promise<IsoTransactionRow[]> {
  checkMessage(message);
  const directory = await readAgentDirectory(context.store);
  const own = new Set([...directory].filter(([, id]) => id === participantId).map(([key]) => key));
  const foreign = message.transactions.findIndex((tx) => tx.debtorAgent === null || !own.has(tx.debtorAgent));
  if (foreign >= 0) {
    const agent = message.transactions[foreign]?.debtorAgent ?? '(none)';
    throw new IsoRefusal(
      403,
      'sender_not_allowed',
      `CdtTrfTxInf[${foreign + 1}]/DbtrAgt is ${agent.slice(0, 40)}, not this token's bank (${participantId}): a bank sends only as itself`,
      `第 ${foreign + 1} 笔交易的付款行（DbtrAgt）${agent.slice(0, 40)} 不是本令牌所属的参与者 ${participantId}：银行只能以自己的名义发送`,
    );
  }
  return oneAtATime(participantId, async () => {
    const known = new Map((await readIsoMessage(context.store, participantId, message.messageId)).map((r) => [r.endToEndId, r]));
    const fresh = message.transactions.filter((tx) => !known.has(tx.endToEndId as string));
    if (fresh.length > 0) {
      for (const row of await applyFresh(context, participantId, message.messageId, fresh, directory)) known.set(row.endToEndId, row);
    }
    return message.transactions.map((tx) => {
      const row = known.get(tx.endToEndId as string);
      if (!row) throw new Error(`no answer recorded for ${tx.endToEndId}`);
      return row;
    });
  });
}

function checkMessage(message: CreditTransferMessage): void {
  const refuse = (code: string, en: string, zh: string): never => {
    throw new IsoRefusal(400, code, en, zh);
  };
  if (message.transactions.length === 0) refuse('missing_field', 'the message holds no CdtTrfTxInf', '报文中没有交易（CdtTrfTxInf）');
  if (message.transactions.length > MAX_ISO_TRANSACTIONS) {
    refuse('too_large', `${message.transactions.length} transactions; the limit is ${MAX_ISO_TRANSACTIONS} per message`, `交易笔数 ${message.transactions.length} 超过每报文上限 ${MAX_ISO_TRANSACTIONS}`);
  }
  if (message.declaredCount !== null && message.declaredCount !== message.transactions.length) {
    refuse('count_mismatch', `GrpHdr/NbOfTxs says ${message.declaredCount} but the message holds ${message.transactions.length}`, `报文头笔数 ${message.declaredCount} 与实际交易笔数 ${message.transactions.length} 不符`);
  }
  if (message.settlementMethod !== null && message.settlementMethod !== 'CLRG') {
    refuse('settlement_method', `SttlmMtd ${message.settlementMethod.slice(0, 10)} is not CLRG: the house settles only through the clearing system`, `结算方式 ${message.settlementMethod.slice(0, 10)} 不是 CLRG：清算中心只办理经清算系统结算的支付`);
  }
  const seen = new Set<string>();
  for (const [i, tx] of message.transactions.entries()) {
    if (tx.endToEndId === null) refuse('missing_field', `CdtTrfTxInf[${i + 1}]/PmtId/EndToEndId is missing`, `第 ${i + 1} 笔交易缺少端到端标识（EndToEndId）`);
    const e2e = tx.endToEndId as string;
    if (e2e.length > 35 || message.messageId.length > 35) refuse('invalid_value', 'MsgId and EndToEndId are at most 35 characters', '报文标识与端到端标识最长 35 个字符');
    if (seen.has(e2e)) refuse('duplicate_end_to_end_id', `EndToEndId ${e2e} appears twice in the message`, `端到端标识 ${e2e} 在报文中重复`);
    seen.add(e2e);
  }
}

async function applyFresh(
  context: SubmitContext,
  participantId: string,
  messageId: string,
  transactions: readonly CreditTransferInstruction[],
  directory: ReadonlyMap<string, string>,
): Promise<IsoTransactionRow[]> {
  const { store, host, businessDate, nowIso } = context;
  const deviceId = isoDeviceId(participantId);
  const rows = new Map<string, IsoTransactionRow>();
  const record = (tx: CreditTransferInstruction, paymentId: string, status: string, reason: string | null): void => {
    const iso = isoStatusOf(status, reason);
    rows.set(paymentId, {
      participantId,
      messageId,
      endToEndId: tx.endToEndId as string,
      paymentId,
      uetr: tx.uetr,
      txStatus: iso.txStatus,
      reasonCode: iso.reasonCode,
      reason,
      answeredAt: nowIso,
    });
  };
  const ids = transactions.map((tx) => isoPaymentId(participantId, messageId, tx.endToEndId as string));
  // A push committed whose answer was never recorded (the house stopped in between): the
  // payment or its refusal is in the ledger; answer from there rather than push it again.
  const [existing, refusedBefore] = await Promise.all([readPaymentStatuses(store, ids), readMutationRejections(store, deviceId, ids)]);
  const toPush: Array<{ tx: CreditTransferInstruction; payload: Record<string, unknown> }> = [];
  for (const [i, tx] of transactions.entries()) {
    const id = ids[i] as string;
    const payment = existing.get(id);
    const refusal = refusedBefore.get(id);
    if (payment) record(tx, id, payment.status, payment.reason);
    else if (refusal !== undefined) record(tx, id, 'rejected', refusal);
    else {
      const translated = translate(tx, id, directory, businessDate);
      if (translated.ok) toPush.push({ tx, payload: translated.payload });
      else record(tx, id, 'rejected', translated.reason);
    }
  }
  for (let start = 0; start < toPush.length; start += MAX_MUTATIONS_PER_PUSH) {
    const chunk = toPush.slice(start, start + MAX_MUTATIONS_PER_PUSH);
    const lastSeq = await readDeviceLastSeq(store, deviceId);
    const outcome = await host.push(participantId, {
      protocolVersion: 1,
      deviceId,
      mutations: chunk.map(({ payload }, i) => ({ seq: lastSeq + 1 + i, id: String(payload.id), type: 'payment.submit' as const, payload })),
    });
    if (outcome.status !== 200) throw new Error(`ISO push for ${participantId} answered ${outcome.status}: ${JSON.stringify(outcome.body)}`);
    const accepted = outcome.body.results.filter((r) => r.status === 'accepted').map((r) => r.id);
    const statuses = await readPaymentStatuses(store, accepted);
    for (const [i, { tx }] of chunk.entries()) {
      const result = outcome.body.results[i] as PushResult;
      if (result.status === 'duplicate') throw new Error(`ISO device ${deviceId} seq ${result.seq} was already used`);
      if (result.status === 'rejected') record(tx, result.id, 'rejected', result.code ?? 'INVALID_PAYLOAD');
      else {
        const payment = statuses.get(result.id);
        if (!payment) throw new Error(`accepted payment ${result.id} is not in the store`);
        record(tx, result.id, payment.status, payment.reason);
      }
    }
  }
  const answered = ids.map((id) => rows.get(id)).filter((r): r is IsoTransactionRow => r !== undefined);
  if (answered.length !== transactions.length) throw new Error('a transaction of the message has no answer');
  await insertIsoTransactions(store, answered);
  return answered;
}

/** pacs.002 version answering a pacs.008 version (001.08 -> 001.10, as the releases pair them). */
export function statusReportVersion(pacs008Version: string): string {
  const n = Math.min(14, Math.max(10, Number(pacs008Version.slice(4)) + 2));
  return `001.${String(n).padStart(2, '0')}`;
}

/** The answer's own id: the same for the same message of the same bank, so a resend gets the same bytes. */
export function statusReportId(participantId: string, messageId: string): string {
  return `HK${createHash('sha256').update(`${participantId}\u0000${messageId}`, 'utf8').digest('hex').slice(0, 30)}`;
}

/** The pacs.002 lines for answered transactions (the original amount and agents when known). */
export function statusLines(rows: readonly IsoTransactionRow[], originals: ReadonlyMap<string, PaymentTransaction | CreditTransferInstruction>): PaymentMessage['transactions'] {
  return rows.map((row) => {
    const tx = originals.get(row.endToEndId);
    return {
      endToEndId: row.endToEndId,
      uetr: row.uetr,
      amount: tx?.amount ?? null,
      currency: tx?.amount ? (tx.currency ?? null) : null,
      debtor: null,
      creditor: null,
      debtorAgent: tx?.debtorAgent ?? null,
      creditorAgent: tx?.creditorAgent ?? null,
      remittance: null,
      status: row.txStatus,
      reasonCode: row.reasonCode,
    };
  });
}

