import { accountNumberSchema } from '../domain/participant';
import { bankCodeSchema } from '../domain/bank-code';
import { formatAmount } from '../money/format';
import { tryParseAmount } from '../money/parse';
import { BulkFileError, type BulkFile, type RawBulkLine } from './bulk-file';

export const BULK_FIELDS = ['reference', 'debtor_name', 'debtor_account', 'creditor_name', 'creditor_account', 'creditor_bank_code', 'amount', 'currency', 'purpose'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

export interface BulkLineError {
  line: number;
  field: BulkField;
  code: string;
  reason: string;
  reasonZh: string;
}

/** A line that passed: what capture needs, with the resolved receiving participant. */
export interface BulkPayment {
  kind: 'hvps' | 'beps';
  priority: 2;
  to: string;
  amountMinor: bigint;
  currency: 'CNY';
  debtor: { name: string; account: string };
  creditor: { name: string; account: string };
  creditorBankCode: string;
  purpose: string;
  reference: string | null;
}

export interface CheckedBulkLine {
  raw: RawBulkLine;
  errors: BulkLineError[];
  payment: BulkPayment | null;
}

export interface BulkContext {
  selfId: string;
  participants: ReadonlyArray<{ id: string; bankCode: string }>;
  /** The console's own outgoing payments of the last 7 days (not rejected or cancelled). */
  recent: ReadonlyArray<{ id: string; creditorAccount: string; amountMinor: bigint }>;
  /** Lines a clerk confirmed are meant to repeat an earlier payment (fix with acceptDuplicate). */
  acceptedDuplicates?: ReadonlySet<number>;
}

/**
 * BEPS (小额批量) takes credit transfers up to 50,000.00 yuan; above it a payment goes HVPS
 * (大额实时), as CNAPS routes them.
 */
export const BEPS_MAX_MINOR = 5_000_000n;
const NAME_MAX = 140;
const PURPOSE_MAX = 140;
const REFERENCE_MAX = 35;

type Problem = [BulkField, string, string, string];

/** The participant a 行号 belongs to: its own code, else the one bank of that category in that city, else of that category. */
export function resolveBank(code: string, participants: BulkContext['participants']): string | undefined {
  const exact = participants.find((p) => p.bankCode === code);
  if (exact) return exact.id;
  for (const width of [7, 3]) {
    const same = participants.filter((p) => p.bankCode.slice(0, width) === code.slice(0, width));
    if (same.length === 1) return same[0]?.id;
    if (same.length > 1) return undefined;
  }
  return undefined;
}

function checkLine(raw: RawBulkLine, context: BulkContext): { problems: Problem[]; payment: BulkPayment | null } {
  const problems: Problem[] = [];
  const text = (value: string | null, field: BulkField, what: string, whatZh: string, max: number): string => {
    if (value === null) problems.push([field, 'required', `${what} is missing`, `缺少${whatZh}`]);
    else if (value.length > max) problems.push([field, 'too_long', `${what} is longer than ${max} characters`, `${whatZh}超过 ${max} 个字符`]);
    return value ?? '';
  };
  const account = (value: string | null, field: BulkField, what: string, whatZh: string): string => {
    if (value === null) {
      problems.push([field, 'required', `${what} is missing`, `缺少${whatZh}`]);
      return '';
    }
    const parsed = accountNumberSchema.safeParse(value);
    if (!parsed.success) problems.push([field, 'invalid_account', `${what} "${value.slice(0, 40)}": ${parsed.error.issues[0]?.message ?? 'invalid'}`, `${whatZh}格式不正确（6 至 34 位字母、数字或 -）`]);
    return value;
  };
  const debtorName = text(raw.debtorName, 'debtor_name', 'debtor name', '付款人名称', NAME_MAX);
  const debtorAccount = account(raw.debtorAccount, 'debtor_account', 'debtor account', '付款人账号');
  const creditorName = text(raw.creditorName, 'creditor_name', 'creditor name', '收款人名称', NAME_MAX);
  const creditorAccount = account(raw.creditorAccount, 'creditor_account', 'creditor account', '收款人账号');
  const purpose = text(raw.purpose, 'purpose', 'purpose', '用途', PURPOSE_MAX);
  if (raw.endToEndId !== null && raw.endToEndId.length > REFERENCE_MAX) {
    problems.push(['reference', 'too_long', `reference is longer than ${REFERENCE_MAX} characters`, `参考号超过 ${REFERENCE_MAX} 个字符`]);
  }
  let to: string | undefined;
  if (raw.creditorBankCode === null) problems.push(['creditor_bank_code', 'required', 'creditor bank code (行号) is missing', '缺少收款行行号']);
  else if (!bankCodeSchema.safeParse(raw.creditorBankCode).success) {
    problems.push(['creditor_bank_code', 'invalid_bank_code', `bank code "${raw.creditorBankCode.slice(0, 20)}" is not a 12-digit CNAPS code (行号) of a known bank category`, '收款行行号须为 12 位数字且行别代码有效']);
  } else {
    to = resolveBank(raw.creditorBankCode, context.participants);
    if (to === undefined) problems.push(['creditor_bank_code', 'unknown_bank', `no clearing participant for bank code ${raw.creditorBankCode}`, `行号 ${raw.creditorBankCode} 不属于任何清算参与者`]);
    else if (to === context.selfId) {
      problems.push(['creditor_bank_code', 'own_bank', `bank code ${raw.creditorBankCode} is our own bank: book it as an internal transfer, not a clearing payment`, `行号 ${raw.creditorBankCode} 为本行：应作行内转账，不经清算`]);
    }
  }
  if (raw.currency !== 'CNY') {
    problems.push(['currency', 'wrong_currency', `currency ${raw.currency === null ? '(missing)' : raw.currency.slice(0, 8)}: only CNY is cleared`, '币种须为人民币（CNY）']);
  }
  let amountMinor: bigint | undefined;
  if (raw.amount === null) problems.push(['amount', 'required', 'amount is missing', '缺少金额']);
  else {
    const parsed = tryParseAmount(raw.amount, 'CNY');
    if (!parsed.ok) problems.push(['amount', 'invalid_amount', `amount "${raw.amount.slice(0, 30)}": ${parsed.message}`, `金额 "${raw.amount.slice(0, 30)}" 格式不正确`]);
    else if (parsed.amountMinor <= 0n) problems.push(['amount', 'invalid_amount', 'amount must be more than zero', '金额须大于零']);
    else amountMinor = parsed.amountMinor;
  }
  if (problems.length > 0 || amountMinor === undefined || to === undefined) return { problems, payment: null };
  return {
    problems,
    payment: {
      kind: amountMinor > BEPS_MAX_MINOR ? 'hvps' : 'beps',
      priority: 2,
      to,
      amountMinor,
      currency: 'CNY',
      debtor: { name: debtorName, account: debtorAccount },
      creditor: { name: creditorName, account: creditorAccount },
      creditorBankCode: raw.creditorBankCode as string,
      purpose,
      reference: raw.endToEndId,
    },
  };
}

/**
 * Judges every line of a bulk file: fields (account, 行号, amount, currency, names, purpose),
 * then duplicates within the file (the same reference, or the same creditor, bank, amount and
 * purpose, as an earlier line) and against the console's payments of the last 7 days (the same
 * creditor account and amount). Pure: the caller gives the participants and recent payments.
 * A pain.001 whose NbOfTxs or CtrlSum disagrees with its lines is refused whole.
 */
export function validateBulk(file: BulkFile, context: BulkContext): CheckedBulkLine[] {
  if (file.declaredCount !== null && file.declaredCount !== file.lines.length) {
    throw new BulkFileError('malformed', `GrpHdr/NbOfTxs says ${file.declaredCount} but the file holds ${file.lines.length} payments`);
  }
  if (file.declaredTotal !== null) {
    const declared = tryParseAmount(file.declaredTotal.replace(/(\.\d\d)0+$/, '$1'), 'CNY');
    let sum = 0n;
    let summable = true;
    for (const l of file.lines) {
      const a = l.amount === null ? null : tryParseAmount(l.amount, 'CNY');
      if (a?.ok) sum += a.amountMinor;
      else summable = false;
    }
    if (!declared.ok || (summable && declared.amountMinor !== sum)) {
      throw new BulkFileError('malformed', `GrpHdr/CtrlSum ${file.declaredTotal.slice(0, 30)} is not the sum of the amounts (${formatAmount(sum, 'CNY')})`);
    }
  }
  const recent = new Map<string, string>();
  for (const p of context.recent) recent.set(`${p.creditorAccount}|${p.amountMinor}`, p.id);
  const seenReference = new Map<string, number>();
  const seenContent = new Map<string, number>();
  return file.lines.map((raw): CheckedBulkLine => {
    const { problems, payment } = checkLine(raw, context);
    if (payment !== null && !context.acceptedDuplicates?.has(raw.line)) {
      const earlierReference = payment.reference === null ? undefined : seenReference.get(payment.reference);
      const contentKey = `${payment.creditor.account}|${payment.creditorBankCode}|${payment.amountMinor}|${payment.purpose}`;
      const earlierContent = seenContent.get(contentKey);
      const recentId = recent.get(`${payment.creditor.account}|${payment.amountMinor}`);
      if (earlierReference !== undefined) {
        problems.push(['reference', 'duplicate_in_file', `reference ${payment.reference} is already used on line ${earlierReference}`, `参考号 ${payment.reference} 与第 ${earlierReference} 行重复`]);
      } else if (earlierContent !== undefined) {
        problems.push(['creditor_account', 'duplicate_in_file', `same creditor, bank, amount and purpose as line ${earlierContent}`, `收款人、收款行、金额和用途与第 ${earlierContent} 行相同`]);
      } else if (recentId !== undefined) {
        problems.push(['amount', 'duplicate_recent', `the same amount to this creditor account was paid in the last 7 days (${recentId})`, `近 7 日内已向该收款账号支付过相同金额（${recentId}）`]);
      }
    }
    if (payment !== null) {
      if (payment.reference !== null && !seenReference.has(payment.reference)) seenReference.set(payment.reference, raw.line);
      const contentKey = `${payment.creditor.account}|${payment.creditorBankCode}|${payment.amountMinor}|${payment.purpose}`;
      if (!seenContent.has(contentKey)) seenContent.set(contentKey, raw.line);
    }
    const errors = problems.map(([field, code, reason, reasonZh]) => ({ line: raw.line, field, code, reason, reasonZh }));
    return { raw, errors, payment: errors.length === 0 ? payment : null };
  });
}

/** The figures a batch is checked by: count and total of the valid lines. */
export function bulkTotals(lines: readonly CheckedBulkLine[]): { valid: number; invalid: number; totalMinor: bigint } {
  let valid = 0;
  let totalMinor = 0n;
  for (const l of lines) {
    if (l.payment) {
      valid += 1;
      totalMinor += l.payment.amountMinor;
    }
  }
  return { valid, invalid: lines.length - valid, totalMinor };
}
