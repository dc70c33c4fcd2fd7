import { tryParseAmount } from '../money/parse';
import { MAX_AMOUNT_MINOR } from '../money/limits';
import { accountNumberSchema } from '../domain/participant';
import { isBusinessDate, addDays } from '../domain/calendar';
import type { CaptureInput } from './capture-input';
import { checkPaymentTiming } from '../domain/payment-timing';
import type { CalendarInput } from '../domain/calendar';
import type { ContractIssue } from './errors';

/**
 * Per-kind single-payment limits in fen. BEPS credit transfers are capped at RMB 50,000 per item
 * (PBoC 小额支付系统 贷记业务金额上限 5 万元); HVPS and bills take any amount the system can hold.
 */
export const CAPTURE_LIMIT_MINOR: Readonly<Record<CaptureInput['kind'], bigint>> = {
  hvps: MAX_AMOUNT_MINOR,
  beps: 5_000_000n,
  bill: MAX_AMOUNT_MINOR,
};

/** A cheque may be presented within 10 days of issue (《票据法》第九十一条: 支票的提示付款期限自出票日起十日). */
export const BILL_PRESENTMENT_DAYS = 10;

export const NAME_MAX_CHARS = 60;
export const PURPOSE_MAX_CHARS = 140;

export interface CaptureContext {
  /** Participant ids the console knows. */
  participantIds: ReadonlySet<string>;
  /** This console's own participant id. */
  selfId: string;
  /** Today's business date (YYYY-MM-DD), for bill date checks. */
  businessDate: string;
  /** The working-day calendar the console has, for the value date (absent: weekends off). */
  calendar?: CalendarInput;
  /** The house's business clock as last seen (minute of the day, UTC+8), for a latest time already passed. */
  nowMinute?: number;
}

export type CaptureValidation = { ok: true; amountMinor: bigint } | { ok: false; issues: ContractIssue[] };

/**
 * Checks a capture in full and returns every problem at once, each with the field path the form
 * shows it against, in English and Chinese. Pure: the renderer runs it as you type, main runs it
 * again as the authority.
 */
export function validateCapture(input: CaptureInput, context: CaptureContext): CaptureValidation {
  const issues: ContractIssue[] = [];
  const add = (path: string, message: string, messageZh: string) => issues.push({ path, message, messageZh });

  if (input.to.trim() === '') add('to', 'choose the receiving bank', '请选择收款行');
  else if (input.to === context.selfId) add('to', 'the receiving bank must differ from our own bank', '收款行不能是本行');
  else if (!context.participantIds.has(input.to)) add('to', `unknown participant "${input.to}"`, `参与者"${input.to}"不存在`);

  if (input.currency !== 'CNY') add('currency', 'CNAPS clears CNY only', '仅支持人民币');

  let amountMinor = 0n;
  const parsed = tryParseAmount(input.amount, 'CNY');
  if (input.amount === '') add('amount', 'amount is required', '请输入金额');
  else if (!parsed.ok) {
    const zh =
      parsed.code === 'too_many_decimals' ? '金额最多两位小数' :
      parsed.code === 'negative_not_allowed' || parsed.code === 'negative_zero' ? '金额不能为负数' :
      parsed.code === 'out_of_range' || parsed.code === 'too_long' ? '金额超出系统上限' : '金额格式不正确，例如 1234.50';
    add('amount', parsed.message, zh);
  } else if (parsed.amountMinor <= 0n) add('amount', 'amount must be greater than zero', '金额必须大于零');
  else if (parsed.amountMinor > CAPTURE_LIMIT_MINOR[input.kind]) {
    add('amount', 'amount is above the BEPS single-payment limit of 50000.00; send it as HVPS', '超过小额支付单笔上限 50000.00 元，请改用大额支付');
  } else amountMinor = parsed.amountMinor;

  checkParty(input.debtor, 'debtor', '付款人', add);
  checkParty(input.creditor, 'creditor', '收款人', add);

  const purpose = input.purpose.trim();
  if ([...purpose].length > PURPOSE_MAX_CHARS) {
    add('purpose', `purpose is at most ${PURPOSE_MAX_CHARS} characters`, `用途最多 ${PURPOSE_MAX_CHARS} 个字`);
  }
  if (input.kind === 'hvps' && purpose === '') add('purpose', 'HVPS payments need a purpose', '大额支付须填写用途');

  if (input.kind === 'bill') checkBill(input.bill, context.businessDate, add);
  else if (input.bill !== undefined) add('bill', 'bill details belong to bill payments only', '仅票据业务需要票据信息');

  // Timed and warehoused payments (DESIGN 4.1), checked as the house checks them.
  const timing = { kind: input.kind, earliest: blankToUndefined(input.earliest), latest: blankToUndefined(input.latest), valueDate: blankToUndefined(input.valueDate) };
  if (timing.earliest !== undefined || timing.latest !== undefined || timing.valueDate !== undefined) {
    for (const issue of checkPaymentTiming(timing, context)) add(issue.path, issue.message, issue.messageZh);
  }

  return issues.length === 0 ? { ok: true, amountMinor } : { ok: false, issues };
}

/** An empty timing field means "none" (the form sends what is typed). */
export function blankToUndefined(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

type AddIssue = (path: string, message: string, messageZh: string) => void;

function checkParty(party: { name: string; account: string }, path: string, zhLabel: string, add: AddIssue): void {
  const name = party.name.trim();
  if (name === '') add(`${path}.name`, 'name is required', `请输入${zhLabel}名称`);
  else if ([...name].length > NAME_MAX_CHARS) add(`${path}.name`, `name is at most ${NAME_MAX_CHARS} characters`, `${zhLabel}名称最多 ${NAME_MAX_CHARS} 个字`);
  if (party.account === '') add(`${path}.account`, 'account number is required', `请输入${zhLabel}账号`);
  else if (!accountNumberSchema.safeParse(party.account).success) {
    add(`${path}.account`, 'account number must be 6 to 34 letters, digits or -', `${zhLabel}账号须为 6 至 34 位数字、字母或 -`);
  }
}

function checkBill(bill: CaptureInput['bill'], businessDate: string, add: AddIssue): void {
  if (bill === undefined) {
    add('bill', 'bill payments need the bill number, issue date and drawer', '票据业务须填写票据号码、出票日期和出票人');
    return;
  }
  if (!/^\d{8,20}$/.test(bill.billNumber)) add('bill.billNumber', 'bill number must be 8 to 20 digits', '票据号码须为 8 至 20 位数字');
  const drawer = bill.drawer.trim();
  if (drawer === '') add('bill.drawer', 'drawer is required', '请输入出票人');
  else if ([...drawer].length > NAME_MAX_CHARS) add('bill.drawer', `drawer is at most ${NAME_MAX_CHARS} characters`, `出票人最多 ${NAME_MAX_CHARS} 个字`);
  if (!isBusinessDate(bill.issueDate)) {
    add('bill.issueDate', 'issue date must be a real date YYYY-MM-DD', '出票日期须为有效日期 YYYY-MM-DD');
  } else if (bill.issueDate > businessDate) {
    add('bill.issueDate', 'issue date is after today', '出票日期晚于当前营业日');
  } else if (addDays(bill.issueDate, BILL_PRESENTMENT_DAYS) < businessDate) {
    add('bill.issueDate', `the bill is past its ${BILL_PRESENTMENT_DAYS}-day presentment period`, `已超过 ${BILL_PRESENTMENT_DAYS} 天提示付款期`);
  }
}
