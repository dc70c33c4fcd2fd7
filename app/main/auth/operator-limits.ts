import { z } from 'zod';
import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { getSetting, setSetting } from '../settings/settings';
import { formatAmount, formatAmountGrouped, tryParseAmount } from '../../shared/money';
import type { OperatorLimits } from '../../shared/contract/handlers/operator-limits';
import { findOperator, listOperators } from './operators';

/**
 * Per-operator amount limits (docs/bulk-import.md, "Amount limits"). Kept as one settings row
 * (JSON), like the blind-entry kinds: the payment commands read it on every capture and verify,
 * and it must exist on every console store, whichever extensions are installed.
 */
const stored = z.record(z.string(), z.object({ maker: z.string().nullable(), checker: z.string().nullable() }).strict());
type Stored = z.infer<typeof stored>;

function readAll(db: Db): Stored {
  const text = getSetting(db, 'operator_limits');
  if (text === undefined) return {};
  // The row is written only by setOperatorLimits: anything else means the file was edited.
  return stored.parse(JSON.parse(text));
}

function minor(amount: string | null): bigint | null {
  if (amount === null) return null;
  const parsed = tryParseAmount(amount, 'CNY');
  if (!parsed.ok) throw new Error(`operator limit ${amount} is not an amount`);
  return parsed.amountMinor;
}

export function operatorLimits(db: Db, username: string): OperatorLimits {
  const row = readAll(db)[username];
  return { username, makerLimit: row?.maker ?? null, checkerLimit: row?.checker ?? null };
}

export function listOperatorLimits(db: Db): OperatorLimits[] {
  return listOperators(db).map((op) => operatorLimits(db, op.username));
}

export function setOperatorLimits(db: Db, limits: OperatorLimits, by: string, at: string): OperatorLimits {
  return db.transaction(() => {
    if (findOperator(db, limits.username) === undefined) {
      throw new UserError('operators.not_found', `No operator named ${limits.username}.`, `操作员 ${limits.username} 不存在。`);
    }
    const issues = (['makerLimit', 'checkerLimit'] as const)
      .filter((k) => limits[k] !== null && minor(limits[k]) === 0n)
      .map((k) => ({ path: k, message: 'A limit must be more than zero (leave it empty for none).', messageZh: '限额须大于零（不限额请留空）。' }));
    if (issues.length > 0) throw new UserError('validation', 'Some fields need correcting.', '部分内容需要更正。', issues);
    const all = readAll(db);
    const before = operatorLimits(db, limits.username);
    const maker = limits.makerLimit === null ? null : formatAmount(minor(limits.makerLimit) ?? 0n, 'CNY');
    const checker = limits.checkerLimit === null ? null : formatAmount(minor(limits.checkerLimit) ?? 0n, 'CNY');
    if (maker === null && checker === null) delete all[limits.username];
    else all[limits.username] = { maker, checker };
    setSetting(db, 'operator_limits', JSON.stringify(all));
    appendAudit(db, {
      at,
      actor: by,
      action: 'operator.limits_changed',
      entity: 'operator',
      entityId: limits.username,
      detail: { from: { maker: before.makerLimit, checker: before.checkerLimit }, to: { maker, checker } },
    });
    return operatorLimits(db, limits.username);
  })();
}

/**
 * Refuses an amount above the operator's maker or checker limit. `what` says what is being
 * authorised in the message (a payment, a batch's total).
 */
export function requireWithinLimit(db: Db, username: string, role: 'maker' | 'checker', amountMinor: bigint, what: 'payment' | 'batch' = 'payment'): void {
  const limits = operatorLimits(db, username);
  const limit = minor(role === 'maker' ? limits.makerLimit : limits.checkerLimit);
  if (limit === null || amountMinor <= limit) return;
  const shown = formatAmountGrouped(limit, 'CNY');
  const subject = what === 'batch' ? { en: "The batch's total", zh: '批量总金额' } : { en: 'The amount', zh: '金额' };
  const message =
    role === 'maker'
      ? `${subject.en} is above your capture limit of ${shown}; a colleague with a higher limit must key it.`
      : `${subject.en} is above your verification limit of ${shown}; a supervisor with a higher limit must verify it.`;
  const messageZh = role === 'maker' ? `${subject.zh}超过您的录入限额 ${shown} 元，须由限额更高的柜员录入。` : `${subject.zh}超过您的复核限额 ${shown} 元，须由限额更高的复核员复核。`;
  // The maker's refusal names the amount field, so the entry form shows it there.
  throw new UserError(role === 'maker' ? 'limits.maker_exceeded' : 'limits.checker_exceeded', message, messageZh, role === 'maker' ? [{ path: 'amount', message, messageZh }] : undefined);
}

/** The maker limit in minor units (null: none), for judging batch lines at import. */
export function makerLimitMinor(db: Db, username: string): bigint | null {
  return minor(operatorLimits(db, username).makerLimit);
}
