import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { listParticipants } from '../settings/participants';
import { requireSetting } from '../settings/settings';
import { capturePayment, verifyPayment, type Actor } from '../payments/payment-commands';
import type { VerifyPipeline } from '../payments/verify-pipeline';
import type { Db } from '../store/open-database';
import {
  BulkFileError,
  bulkTotals,
  looksLikeXml,
  readBulkCsv,
  readPain001,
  validateBulk,
  type BulkContext,
  type BulkFile,
  type BulkLineError,
  type CheckedBulkLine,
  type RawBulkLine,
} from '../../shared/bulk';
import { formatAmount } from '../../shared/money/format';
import { tryParseAmount } from '../../shared/money/parse';
import { amountInCapitals } from '../../shared/money/capitals';
import type { BulkBatch, BulkLine } from '../../shared/contract/handlers/bulk';
import { bulkSql, type BatchRow, type LineRow } from './bulk-store';
import { makerLimitMinor, requireWithinLimit } from '../auth/operator-limits';
import { formatAmountGrouped } from '../../shared/money/format';
import { FINAL_STATUSES, type PaymentStatus } from '../../shared/domain/payment';

/** How far back a repeated payment counts as a duplicate (calendar days before the business date). */
export const DUPLICATE_WINDOW_DAYS = 7;

const notFound = (id: string) => new UserError('not_found', `No bulk batch ${id}.`, `批量 ${id} 不存在。`);

function daysBefore(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function context(db: Db, acceptedDuplicates: ReadonlySet<number>): BulkContext {
  const participants = listParticipants(db);
  const self = participants.find((p) => p.self);
  if (self === undefined) throw new Error('no own participant: the console store was never initialised');
  const since = daysBefore(requireSetting(db, 'business_date'), DUPLICATE_WINDOW_DAYS);
  const recent = bulkSql(db)
    .recentOutgoing.all(since)
    .map((r) => ({ id: r.id, creditorAccount: r.creditor_account, amountMinor: BigInt(r.amount_minor) }));
  return { selfId: self.id, participants: participants.map((p) => ({ id: p.id, bankCode: p.bankCode })), recent, acceptedDuplicates };
}

/** Reads a file as pain.001 (XML) or the bulk CSV; a file that is neither is refused whole. */
export function readBulkFile(content: string): BulkFile {
  return looksLikeXml(content) ? readPain001(content) : readBulkCsv(content);
}

function fileRefused(error: BulkFileError): UserError {
  return new UserError(`bulk.${error.code}`, error.message, error.messageZh);
}

/**
 * A line above the importer's maker limit is not theirs to pay: it fails like any other check
 * (`above_limit`), so the clerk sees it at import and drops it or hands the file on.
 */
function withMakerLimit(db: Db, importer: string, checked: CheckedBulkLine[]): CheckedBulkLine[] {
  const limit = makerLimitMinor(db, importer);
  if (limit === null) return checked;
  const shown = formatAmountGrouped(limit, 'CNY');
  return checked.map((c) =>
    c.payment === null || c.payment.amountMinor <= limit
      ? c
      : {
          ...c,
          payment: null,
          errors: [...c.errors, { line: c.raw.line, field: 'amount', code: 'above_limit', reason: `above the importer's capture limit of ${shown}`, reasonZh: `超过导入柜员的录入限额 ${shown} 元` }],
        },
  );
}

/** Re-judges every line still open (valid or invalid) of a batch: duplicates depend on the other lines. */
function rejudge(db: Db, batchId: string, file?: BulkFile): CheckedBulkLine[] {
  const sql = bulkSql(db);
  const rows = sql.lines.all(batchId).filter((r) => r.state === 'valid' || r.state === 'invalid');
  const accepted = new Set(rows.filter((r) => r.accept_duplicate === 1).map((r) => r.line));
  const lines = rows.map((r) => JSON.parse(r.raw) as RawBulkLine);
  const importer = requireBatch(db, batchId).imported_by;
  const checked = withMakerLimit(db, importer, validateBulk(file ?? { format: 'csv', version: '1', messageId: null, declaredCount: null, declaredTotal: null, lines }, context(db, accepted)));
  for (const c of checked) {
    sql.setJudgement.run({ batchId, line: c.raw.line, state: c.payment ? 'valid' : 'invalid', errors: JSON.stringify(c.errors) });
  }
  return checked;
}

function batchView(db: Db, row: BatchRow): BulkBatch {
  const lines = bulkSql(db).lines.all(row.id);
  let totalMinor = 0n;
  let valid = 0;
  let invalid = 0;
  let dropped = 0;
  let final = row.status === 'verified';
  for (const l of lines) {
    if (final && l.payment_id !== null) {
      const status = bulkSql(db).paymentStatus.get(l.payment_id)?.status as PaymentStatus | undefined;
      if (status === undefined || !FINAL_STATUSES.has(status)) final = false;
    }
    if (l.state === 'invalid') invalid += 1;
    else if (l.state === 'dropped') dropped += 1;
    else {
      valid += 1;
      // A valid or submitted line passed the amount check when it was judged.
      const parsed = tryParseAmount((JSON.parse(l.raw) as RawBulkLine).amount ?? '', 'CNY');
      if (!parsed.ok) throw new Error(`bulk line ${row.id}/${l.line} is ${l.state} with an unreadable amount`);
      totalMinor += parsed.amountMinor;
    }
  }
  return {
    id: row.id,
    format: row.format,
    version: row.version,
    messageId: row.message_id,
    fileName: row.file_name,
    businessDate: row.business_date,
    status: row.status,
    importedBy: row.imported_by,
    importedAt: row.imported_at,
    verifiedBy: row.verified_by,
    verifiedAt: row.verified_at,
    lines: lines.length,
    valid,
    invalid,
    dropped,
    total: formatAmount(totalMinor, 'CNY'),
    totalInCapitals: amountInCapitals(totalMinor, { prefix: true }),
    final,
  };
}

export function lineView(db: Db, row: LineRow, selfId: string, participants: BulkContext['participants']): BulkLine {
  const raw = JSON.parse(row.raw) as RawBulkLine;
  const judged =
    row.state === 'valid' || row.state === 'submitted'
      ? validateBulk({ format: 'csv', version: '1', messageId: null, declaredCount: null, declaredTotal: null, lines: [raw] }, { selfId, participants, recent: [] })[0]?.payment
      : null;
  const payment = row.payment_id === null ? undefined : bulkSql(db).paymentStatus.get(row.payment_id);
  return {
    line: row.line,
    state: row.state,
    reference: raw.endToEndId,
    debtorName: raw.debtorName,
    debtorAccount: raw.debtorAccount,
    creditorName: raw.creditorName,
    creditorAccount: raw.creditorAccount,
    creditorBankCode: raw.creditorBankCode,
    amount: raw.amount,
    currency: raw.currency,
    purpose: raw.purpose,
    to: judged?.to ?? null,
    kind: judged?.kind ?? null,
    acceptDuplicate: row.accept_duplicate === 1,
    errors: JSON.parse(row.errors) as BulkLineError[],
    paymentId: row.payment_id,
    paymentStatus: payment?.status ?? null,
    note: row.note,
  };
}

function lineViews(db: Db, rows: readonly LineRow[]): BulkLine[] {
  const participants = listParticipants(db);
  const self = participants.find((p) => p.self)?.id ?? '';
  const summary = participants.map((p) => ({ id: p.id, bankCode: p.bankCode }));
  return rows.map((r) => lineView(db, r, self, summary));
}

function requireBatch(db: Db, batchId: string): BatchRow {
  const row = bulkSql(db).batch.get(batchId);
  if (!row) throw notFound(batchId);
  return row;
}

function requireOpen(db: Db, batchId: string): BatchRow {
  const row = requireBatch(db, batchId);
  if (row.status !== 'open') {
    throw new UserError('bulk.batch_verified', `Batch ${batchId} is verified; its lines can no longer change.`, `批量 ${batchId} 已复核，不能再修改。`);
  }
  return row;
}

export interface ImportOutcome {
  batch: BulkBatch;
  invalid: BulkLineError[];
}

/**
 * Imports a file as a new batch: every line stored as the file gave it, judged, and audited
 * in one transaction. A file that is not pain.001 or the CSV layout is refused whole.
 */
export function importBulk(db: Db, input: { content: string; fileName?: string }, actor: Actor): ImportOutcome {
  let file: BulkFile;
  try {
    file = readBulkFile(input.content);
  } catch (error) {
    if (error instanceof BulkFileError) throw fileRefused(error);
    throw error;
  }
  return db.transaction(() => {
    const sql = bulkSql(db);
    const businessDate = requireSetting(db, 'business_date');
    let checked: CheckedBulkLine[];
    try {
      checked = withMakerLimit(db, actor.username, validateBulk(file, context(db, new Set())));
    } catch (error) {
      if (error instanceof BulkFileError) throw fileRefused(error);
      throw error;
    }
    const id = `BULK-${businessDate.replaceAll('-', '')}-${String((sql.countOnDate.get(businessDate)?.n ?? 0) + 1).padStart(4, '0')}`;
    sql.insertBatch.run({
      id,
      format: file.format,
      version: file.version,
      messageId: file.messageId,
      fileName: input.fileName ?? null,
      fileSha256: createHash('sha256').update(input.content, 'utf8').digest('hex'),
      businessDate,
      importedBy: actor.username,
      importedAt: actor.at,
    });
    for (const c of checked) {
      sql.insertLine.run({ batchId: id, line: c.raw.line, raw: JSON.stringify(c.raw), state: c.payment ? 'valid' : 'invalid', errors: JSON.stringify(c.errors) });
    }
    const totals = bulkTotals(checked);
    appendAudit(db, {
      at: actor.at,
      actor: actor.username,
      action: 'bulk.imported',
      entity: 'bulk_batch',
      entityId: id,
      detail: { format: file.format, version: file.version, messageId: file.messageId, fileName: input.fileName ?? null, lines: checked.length, valid: totals.valid, invalid: totals.invalid, total: formatAmount(totals.totalMinor, 'CNY') },
    });
    return { batch: batchView(db, requireBatch(db, id)), invalid: checked.flatMap((c) => c.errors) };
  })();
}

export function listBatches(db: Db, status: 'open' | 'verified' | 'all'): BulkBatch[] {
  return bulkSql(db)
    .batches.all()
    .filter((b) => status === 'all' || b.status === status)
    .map((b) => batchView(db, b));
}

export function batchDetail(db: Db, input: { batchId: string; afterLine: number; limit: number; onlyInvalid: boolean }): { batch: BulkBatch; lines: BulkLine[]; hasMore: boolean } {
  const batch = requireBatch(db, input.batchId);
  const sql = bulkSql(db);
  const rows = (input.onlyInvalid ? sql.invalidPage : sql.linePage).all(input.batchId, input.afterLine, input.limit + 1);
  return { batch: batchView(db, batch), lines: lineViews(db, rows.slice(0, input.limit)), hasMore: rows.length > input.limit };
}

type Editable = Partial<Record<'reference' | 'debtorName' | 'debtorAccount' | 'creditorName' | 'creditorAccount' | 'creditorBankCode' | 'amount' | 'currency' | 'purpose', string | null>>;

/** A clerk corrects a line (and may confirm an intended repeat); the batch is judged again. */
export function fixLine(db: Db, input: { batchId: string; line: number; fields: Editable; acceptDuplicate?: boolean }, actor: Actor): { batch: BulkBatch; line: BulkLine } {
  return db.transaction(() => {
    requireOpen(db, input.batchId);
    const sql = bulkSql(db);
    const row = sql.line.get(input.batchId, input.line);
    if (!row) throw new UserError('not_found', `Batch ${input.batchId} has no line ${input.line}.`, `批量 ${input.batchId} 没有第 ${input.line} 行。`);
    if (row.state === 'dropped' || row.state === 'submitted') {
      throw new UserError('bulk.line_closed', `Line ${input.line} is ${row.state}.`, `第 ${input.line} 行已${row.state === 'dropped' ? '删除' : '提交'}，不能修改。`);
    }
    const before = JSON.parse(row.raw) as RawBulkLine;
    const after: RawBulkLine = { ...before };
    const keys = { reference: 'endToEndId', debtorName: 'debtorName', debtorAccount: 'debtorAccount', creditorName: 'creditorName', creditorAccount: 'creditorAccount', creditorBankCode: 'creditorBankCode', amount: 'amount', currency: 'currency', purpose: 'purpose' } as const;
    const changed: Record<string, { from: string | null; to: string | null }> = {};
    for (const [field, value] of Object.entries(input.fields) as Array<[keyof typeof keys, string | null | undefined]>) {
      if (value === undefined) continue;
      const trimmed = value === null || value.trim() === '' ? null : value.trim();
      const key = keys[field];
      if (before[key] !== trimmed) changed[field] = { from: before[key], to: trimmed };
      after[key] = trimmed;
    }
    const acceptDuplicate = input.acceptDuplicate ?? row.accept_duplicate === 1;
    sql.updateLine.run({ batchId: input.batchId, line: input.line, raw: JSON.stringify(after), acceptDuplicate: acceptDuplicate ? 1 : 0 });
    rejudge(db, input.batchId);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'bulk.line_fixed', entity: 'bulk_batch', entityId: input.batchId, detail: { line: input.line, changed, acceptDuplicate } });
    const fixed = sql.line.get(input.batchId, input.line) as LineRow;
    return { batch: batchView(db, requireBatch(db, input.batchId)), line: lineViews(db, [fixed])[0] as BulkLine };
  })();
}

/** A clerk takes a line out of the batch (it will not be paid), with a note saying why. */
export function dropLine(db: Db, input: { batchId: string; line: number; note: string }, actor: Actor): { batch: BulkBatch; line: BulkLine } {
  return db.transaction(() => {
    requireOpen(db, input.batchId);
    const sql = bulkSql(db);
    const row = sql.line.get(input.batchId, input.line);
    if (!row) throw new UserError('not_found', `Batch ${input.batchId} has no line ${input.line}.`, `批量 ${input.batchId} 没有第 ${input.line} 行。`);
    if (row.state === 'dropped') throw new UserError('bulk.line_closed', `Line ${input.line} is already dropped.`, `第 ${input.line} 行已删除。`);
    sql.drop.run(input.note.trim(), input.batchId, input.line);
    rejudge(db, input.batchId);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'bulk.line_dropped', entity: 'bulk_batch', entityId: input.batchId, detail: { line: input.line, note: input.note.trim() } });
    return { batch: batchView(db, requireBatch(db, input.batchId)), line: lineViews(db, [sql.line.get(input.batchId, input.line) as LineRow])[0] as BulkLine };
  })();
}

/**
 * Maker-checker on the batch as a whole: a supervisor other than the importer re-keys the
 * count and the total of the lines to pay (the screen shows them in figures and 大写), every
 * line must be valid or dropped, and then, in ONE transaction, each line is captured as a draft
 * (maker: the importer) and verified through the normal verify path (checker: the supervisor),
 * so its risk screening and outbox row run one by one as for a payment keyed by hand. If any
 * step fails nothing of the batch is kept.
 */
export function verifyBatch(db: Db, input: { batchId: string; count: number; total: string }, actor: Actor, pipeline: VerifyPipeline): { batch: BulkBatch; paymentIds: string[] } {
  return db.transaction(() => {
    const batch = requireOpen(db, input.batchId);
    if (batch.imported_by === actor.username) {
      throw new UserError('bulk.maker_cannot_verify', 'You imported this batch; another supervisor must verify it.', '该批量由您本人导入，须由其他复核员复核。');
    }
    const checked = rejudge(db, input.batchId);
    const invalid = checked.filter((c) => c.payment === null);
    if (invalid.length > 0) {
      throw new UserError('bulk.lines_invalid', `${invalid.length} line(s) still have errors: fix or drop them first.`, `仍有 ${invalid.length} 行有错误，请先更正或删除。`);
    }
    const totals = bulkTotals(checked);
    if (totals.valid === 0) throw new UserError('bulk.empty', 'The batch has no line left to pay.', '该批量没有可支付的明细。');
    const total = formatAmount(totals.totalMinor, 'CNY');
    // The checker authorises the whole batch in one act: its total must be within their limit.
    requireWithinLimit(db, actor.username, 'checker', totals.totalMinor, 'batch');
    if (input.count !== totals.valid || input.total !== total) {
      throw new UserError(
        'bulk.totals_differ',
        `The count and total you entered (${input.count}, ${input.total}) are not the batch's; check the file with the customer.`,
        `您录入的笔数和金额（${input.count} 笔，${input.total}）与批量不符，请与客户核对。`,
      );
    }
    const maker: Actor = { username: batch.imported_by, at: actor.at };
    const paymentIds: string[] = [];
    const sql = bulkSql(db);
    for (const c of checked) {
      const p = c.payment;
      if (p === null) throw new Error('an invalid line passed the batch check');
      const draft = capturePayment(
        db,
        { kind: p.kind, priority: p.priority, to: p.to, amount: formatAmount(p.amountMinor, 'CNY'), currency: 'CNY', debtor: p.debtor, creditor: p.creditor, purpose: p.purpose },
        maker,
      );
      verifyPayment(db, draft.id, actor, pipeline);
      sql.submit.run(draft.id, input.batchId, c.raw.line);
      paymentIds.push(draft.id);
    }
    if (sql.markVerified.run(actor.username, actor.at, input.batchId).changes !== 1) throw new Error(`batch ${input.batchId} left open inside its verification`);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'bulk.verified', entity: 'bulk_batch', entityId: input.batchId, detail: { count: totals.valid, total, totalInCapitals: amountInCapitals(totals.totalMinor, { prefix: true }), maker: batch.imported_by, payments: paymentIds.length } });
    return { batch: batchView(db, requireBatch(db, input.batchId)), paymentIds };
  })();
}
