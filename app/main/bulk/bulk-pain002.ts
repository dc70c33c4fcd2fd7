import { REASON_CODES, isReasonCode } from '../../shared/domain/reason-codes';
import { FINAL_STATUSES, type PaymentStatus } from '../../shared/domain/payment';
import { writePain002, type Pain002Line, type RawBulkLine, type BulkLineError } from '../../shared/bulk';
import { UserError } from '../user-error';
import type { Db } from '../store/open-database';
import { bulkSql } from './bulk-store';

/** Line error codes as ISO external status reasons (docs/bulk-import.md). */
const LINE_REASON: Record<string, string> = {
  invalid_amount: 'AM12',
  above_limit: 'AM02',
  wrong_currency: 'AM11',
  invalid_account: 'AC01',
  invalid_bank_code: 'RC01',
  unknown_bank: 'RC01',
  own_bank: 'RC01',
  duplicate_in_file: 'AM05',
  duplicate_recent: 'AM05',
  required: 'FF01',
  too_long: 'FF01',
};

function paymentLine(status: PaymentStatus | undefined, reason: string | null): Pick<Pain002Line, 'status' | 'reasonCode' | 'reasonText'> {
  switch (status) {
    case 'settled':
      return { status: 'ACSC', reasonCode: null, reasonText: null };
    case 'rejected':
      return { status: 'RJCT', reasonCode: reason !== null && isReasonCode(reason) ? REASON_CODES[reason].iso : 'NARR', reasonText: reason !== null && isReasonCode(reason) ? REASON_CODES[reason].en : reason };
    case 'cancelled':
      return { status: 'RJCT', reasonCode: 'DS02', reasonText: 'cancelled' };
    case 'expired':
      return { status: 'RJCT', reasonCode: 'TM01', reasonText: 'not settled by the end of the business day' };
    case 'returned':
      return { status: 'RJCT', reasonCode: 'NARR', reasonText: 'returned' };
    default:
      return { status: 'ACSP', reasonCode: null, reasonText: null };
  }
}

/**
 * The batch's pain.002: every line of the file with its status now. Invalid lines (never
 * verified) and dropped lines are RJCT; submitted lines follow their payment (ACSC settled,
 * RJCT rejected/cancelled/expired, ACSP in process); before verification the valid lines are
 * PDNG. `final` is true once no line can change any more (the customer's definitive answer).
 */
export function exportPain002(db: Db, batchId: string, creationDateTime: string): { fileName: string; content: string; final: boolean } {
  const sql = bulkSql(db);
  const batch = sql.batch.get(batchId);
  if (!batch) throw new UserError('not_found', `No bulk batch ${batchId}.`, `批量 ${batchId} 不存在。`);
  let final = batch.status === 'verified';
  const lines: Pain002Line[] = sql.lines.all(batchId).map((row) => {
    const raw = JSON.parse(row.raw) as RawBulkLine;
    const base = { line: row.line, reference: raw.endToEndId, amount: raw.amount !== null && /^\d+(\.\d{1,5})?$/.test(raw.amount) ? raw.amount : null, currency: raw.currency !== null && /^[A-Z]{3}$/.test(raw.currency) ? raw.currency : null, creditorName: raw.creditorName, creditorAccount: raw.creditorAccount };
    if (row.state === 'dropped') return { ...base, status: 'RJCT', reasonCode: 'DS02', reasonText: row.note ?? 'dropped' };
    if (row.state === 'invalid') {
      const error = (JSON.parse(row.errors) as BulkLineError[])[0];
      return { ...base, status: 'RJCT', reasonCode: error ? (LINE_REASON[error.code] ?? 'NARR') : 'NARR', reasonText: error ? `${error.field}: ${error.reason}` : null };
    }
    if (row.state === 'valid' || row.payment_id === null) return { ...base, status: 'PDNG', reasonCode: null, reasonText: null };
    const payment = sql.paymentStatus.get(row.payment_id);
    const status = payment?.status as PaymentStatus | undefined;
    if (status === undefined || !FINAL_STATUSES.has(status)) final = false;
    return { ...base, ...paymentLine(status, payment?.reason ?? null) };
  });
  const statuses = new Set(lines.map((l) => l.status));
  const groupStatus = statuses.size === 1 && statuses.has('ACSC') ? 'ACSC' : statuses.size === 1 && statuses.has('RJCT') ? 'RJCT' : final ? 'PART' : 'ACSP';
  const version = batch.format === 'pain.001' && batch.version === '001.03' ? '001.03' : '001.10';
  const content = writePain002({
    version,
    messageId: `${batchId}-STS`,
    creationDateTime,
    originalMessageId: batch.message_id ?? batchId,
    originalMessageNameId: batch.format === 'pain.001' ? `pain.001.${batch.version}` : 'CSV',
    originalCount: lines.length,
    groupStatus,
    paymentInformationId: batch.message_id ? `${batch.message_id}-1` : batchId,
    lines,
  });
  return { fileName: `${batchId}-pain.002.xml`, content, final };
}
