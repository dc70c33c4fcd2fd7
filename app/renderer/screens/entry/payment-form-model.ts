import { amountInCapitals, formatAmountGrouped, tryParseAmount } from '../../../shared/money';
import { validateCapture, type CaptureContext, type CaptureInput, type ContractIssue } from '../../../shared/contract';

/**
 * The entry form's fields, in Tab/Enter order. Bill fields only appear for kind 'bill'; the
 * timing fields (DESIGN 4.1) only on a console linked to a house, earliest/latest for HVPS only.
 */
export const FORM_FIELDS = [
  'kind',
  'priority',
  'to',
  'amount',
  'debtorName',
  'debtorAccount',
  'creditorName',
  'creditorAccount',
  'purpose',
  'billNumber',
  'issueDate',
  'drawer',
  'earliest',
  'latest',
  'valueDate',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type PaymentForm = Record<FormField, string>;

export const EMPTY_FORM: PaymentForm = {
  kind: 'hvps',
  priority: '2',
  to: '',
  amount: '',
  debtorName: '',
  debtorAccount: '',
  creditorName: '',
  creditorAccount: '',
  purpose: '',
  billNumber: '',
  issueDate: '',
  drawer: '',
  earliest: '',
  latest: '',
  valueDate: '',
};

const BILL_FIELDS: ReadonlySet<FormField> = new Set(['billNumber', 'issueDate', 'drawer']);
const WINDOW_FIELDS: ReadonlySet<FormField> = new Set(['earliest', 'latest']);

export function visibleFields(kind: string, timing = false): FormField[] {
  return FORM_FIELDS.filter(
    (f) =>
      (kind === 'bill' || !BILL_FIELDS.has(f)) &&
      (f !== 'valueDate' || timing) &&
      (!WINDOW_FIELDS.has(f) || (timing && kind === 'hvps')),
  );
}

function asKind(kind: string): CaptureInput['kind'] {
  if (kind === 'hvps' || kind === 'beps' || kind === 'bill') return kind;
  throw new Error(`not a capture kind: ${kind}`);
}

function asPriority(priority: string): CaptureInput['priority'] {
  if (priority === '0') return 0;
  if (priority === '1') return 1;
  if (priority === '2') return 2;
  throw new Error(`not a priority: ${priority}`);
}

/** The 'payments.capture' input for what is on the form. Amount goes as typed (a decimal string). */
export function toCaptureInput(form: PaymentForm): CaptureInput {
  const kind = asKind(form.kind);
  return {
    kind,
    priority: asPriority(form.priority),
    to: form.to,
    amount: amountDigits(form.amount),
    currency: 'CNY',
    debtor: { name: form.debtorName.trim(), account: form.debtorAccount.trim() },
    creditor: { name: form.creditorName.trim(), account: form.creditorAccount.trim() },
    purpose: form.purpose.trim(),
    ...(kind === 'bill'
      ? { bill: { billNumber: form.billNumber.trim(), issueDate: form.issueDate.trim(), drawer: form.drawer.trim() } }
      : {}),
    // A window typed while HVPS was chosen goes only with HVPS (the fields hide for other kinds).
    ...(kind === 'hvps' && form.earliest.trim() !== '' ? { earliest: form.earliest.trim() } : {}),
    ...(kind === 'hvps' && form.latest.trim() !== '' ? { latest: form.latest.trim() } : {}),
    ...(form.valueDate !== '' ? { valueDate: form.valueDate } : {}),
  };
}

/** The amount as the wire takes it: thousands separators (typed, or put back on leaving the field) dropped. */
export function amountDigits(amountText: string): string {
  return amountText.trim().replace(/[,，\s]/g, '');
}

/** On leaving the amount field: "1234567.5" reads back as "1,234,567.50"; anything unparseable stays as typed. */
export function regroupAmount(amountText: string): string {
  const parsed = tryParseAmount(amountDigits(amountText), 'CNY');
  return parsed.ok && parsed.amountMinor > 0n ? formatAmountGrouped(parsed.amountMinor, 'CNY') : amountText;
}

/** The capitals of what is typed so far, or null while it is not yet a valid positive amount. */
export function capitalsOf(amountText: string): string | null {
  const parsed = tryParseAmount(amountDigits(amountText), 'CNY');
  if (!parsed.ok || parsed.amountMinor <= 0n) return null;
  return amountInCapitals(parsed.amountMinor);
}

/** Which form field an issue path names ('debtor.name' -> debtorName, 'bill' -> billNumber). */
export function fieldOfPath(path: string): FormField | null {
  const map: Record<string, FormField> = {
    kind: 'kind',
    priority: 'priority',
    to: 'to',
    amount: 'amount',
    currency: 'amount',
    'debtor.name': 'debtorName',
    'debtor.account': 'debtorAccount',
    'creditor.name': 'creditorName',
    'creditor.account': 'creditorAccount',
    purpose: 'purpose',
    bill: 'billNumber',
    'bill.billNumber': 'billNumber',
    'bill.issueDate': 'issueDate',
    'bill.drawer': 'drawer',
    earliest: 'earliest',
    latest: 'latest',
    valueDate: 'valueDate',
  };
  return map[path] ?? null;
}

export type FieldIssues = Partial<Record<FormField, ContractIssue>>;

/** The first issue per field; issues for no known field are returned apart to show above the form. */
export function issuesByField(issues: readonly ContractIssue[]): { byField: FieldIssues; other: ContractIssue[] } {
  const byField: FieldIssues = {};
  const other: ContractIssue[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (field === null) other.push(issue);
    else if (byField[field] === undefined) byField[field] = issue;
  }
  return { byField, other };
}

/** Client-side check with the same rules the back end applies (app/shared/contract). */
export function checkForm(form: PaymentForm, context: CaptureContext): { byField: FieldIssues; other: ContractIssue[] } {
  const result = validateCapture(toCaptureInput(form), context);
  return result.ok ? { byField: {}, other: [] } : issuesByField(result.issues);
}
