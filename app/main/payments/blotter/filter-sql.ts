import type { PaymentFilterModel } from '../../../shared/contract';
import { tryParseAmount } from '../../../shared/money/parse';
import { UserError } from '../../user-error';

export interface FilterSql {
  /** A WHERE clause without the keyword, '1' when nothing is filtered. */
  where: string;
  params: (string | number | bigint)[];
  /** True when at least one condition applies. */
  filtered: boolean;
  /**
   * True when every condition is a set filter (status, kind, ...). Those matches spread through
   * any order, so reading the sort index finds them quickly; a range (dates, amounts, a name
   * prefix) may cluster its matches at the far end of the order.
   */
  setsOnly: boolean;
}

// The largest code point: every string that starts with `prefix` sorts below prefix + this, so a
// prefix match becomes an index range (LIKE cannot use an index for non-ASCII text).
const TOP = '\u{10FFFF}';

function badFilter(column: string, message: string, messageZh: string): UserError {
  return new UserError('validation', `Filter on ${column}: ${message}`, `${column} 筛选条件：${messageZh}`, [
    { path: `filterModel.${column}`, message, messageZh },
  ]);
}

function amountMinor(value: string | number, column: string): bigint {
  // ag-grid's number filter sends a JS number; String() of a number a person typed is its decimal form.
  const text = typeof value === 'number' ? String(value) : value;
  const parsed = tryParseAmount(text, 'CNY');
  if (!parsed.ok) throw badFilter(column, parsed.message, '金额格式不正确');
  return parsed.amountMinor;
}

/** Turns the blotter filter model into SQL over indexed columns. Values always go as parameters. */
export function filterToSql(model: PaymentFilterModel): FilterSql {
  const clauses: string[] = [];
  const params: (string | number | bigint)[] = [];
  let ranges = 0;

  const text = (column: string, f: { type: 'startsWith' | 'equals'; filter: string }) => {
    ranges += 1;
    if (f.type === 'equals') {
      clauses.push(`${column} = ?`);
      params.push(f.filter);
    } else {
      clauses.push(`${column} >= ? AND ${column} < ?`);
      params.push(f.filter, f.filter + TOP);
    }
  };
  const set = (column: string, values: readonly (string | number)[]) => {
    if (values.length === 0) clauses.push('0');
    else {
      clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...[...new Set(values)]);
    }
  };

  if (model.id) text('id', model.id);
  if (model.counterpartyName) text('counterparty_name', model.counterpartyName);
  if (model.status) set('status', model.status.values);
  if (model.kind) set('kind', model.kind.values);
  if (model.direction) set('direction', model.direction.values);
  if (model.priority) set('priority', model.priority.values.map(Number));
  if (model.counterparty) set('counterparty_id', model.counterparty.values);
  if (model.amount) {
    ranges += 1;
    const f = model.amount;
    const from = amountMinor(f.filter, 'amount');
    const op = { equals: '=', greaterThan: '>', greaterThanOrEqual: '>=', lessThan: '<', lessThanOrEqual: '<=' } as const;
    if (f.type === 'inRange') {
      if (f.filterTo === undefined || f.filterTo === null) throw badFilter('amount', 'a range needs both ends', '区间需要上下限');
      const to = amountMinor(f.filterTo, 'amount');
      clauses.push('amount_minor >= ? AND amount_minor <= ?');
      params.push(from < to ? from : to, from < to ? to : from);
    } else {
      clauses.push(`amount_minor ${op[f.type]} ?`);
      params.push(from);
    }
  }
  if (model.businessDate) {
    ranges += 1;
    const f = model.businessDate;
    const from = f.dateFrom.slice(0, 10);
    if (f.type === 'inRange') {
      if (!f.dateTo) throw badFilter('businessDate', 'a range needs both ends', '区间需要起止日期');
      const to = f.dateTo.slice(0, 10);
      clauses.push('business_date >= ? AND business_date <= ?');
      params.push(from < to ? from : to, from < to ? to : from);
    } else {
      const op = { equals: '=', greaterThan: '>', lessThan: '<' } as const;
      clauses.push(`business_date ${op[f.type]} ?`);
      params.push(from);
    }
  }
  return clauses.length === 0
    ? { where: '1', params, filtered: false, setsOnly: true }
    : { where: clauses.map((c) => `(${c})`).join(' AND '), params, filtered: true, setsOnly: ranges === 0 };
}
