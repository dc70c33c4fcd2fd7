import { describe, it, expect, beforeAll } from 'vitest';
import { seededStore } from '../../store/test-support/test-store';
import { insertDemoPayments } from '../../demo/demo-payments';
import { BlotterCache } from './blotter-cache';
import { countPayments, pagePayments } from './blotter';
import { capturePayment } from '../payment-commands';
import type { Db } from '../../store/open-database';
import type { PaymentFilterModel, PaymentSortModel } from '../../../shared/contract';
import { UserError } from '../../user-error';

interface Plain {
  seq: number;
  id: string;
  status: string;
  kind: string;
  direction: string;
  priority: number;
  amount_minor: number;
  created_at: string;
  business_date: string;
  counterparty_id: string;
  counterparty_name: string;
}

const ROWS = 3000;
let db: Db;
let all: Plain[];

beforeAll(() => {
  db = seededStore('2026-11-26');
  insertDemoPayments(db, { count: ROWS, selfId: 'HKB', deviceId: 'D1', participantIds: ['HKB', 'ICBC', 'CCB'], businessDate: '2026-11-26', now: new Date('2026-11-26T06:00:00Z'), seed: 7 });
  all = db
    .prepare('SELECT seq, id, status, kind, direction, priority, amount_minor, created_at, business_date, counterparty_id, counterparty_name FROM payments')
    .all() as Plain[];
});

// SQLite compares TEXT by UTF-8 bytes; so does this.
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

const COLUMN: Record<string, keyof Plain> = { createdAt: 'created_at', amount: 'amount_minor', id: 'id', counterpartyName: 'counterparty_name', status: 'status', priority: 'priority', businessDate: 'business_date' };

/** The expected order worked out in plain JavaScript over every row. */
function expectedIds(sort: PaymentSortModel, keep: (p: Plain) => boolean): string[] {
  const s = sort[0] ?? { colId: 'createdAt', sort: 'desc' };
  const col = COLUMN[s.colId] as keyof Plain;
  const sign = s.sort === 'asc' ? 1 : -1;
  return all
    .filter(keep)
    .sort((a, b) => sign * (compare(a[col], b[col]) || a.seq - b.seq))
    .map((p) => p.id);
}

const someName = () => all.find((p) => p.counterparty_name.length > 4)?.counterparty_name.slice(0, 2) ?? '武汉';

const cases: [string, PaymentFilterModel, (p: Plain) => boolean][] = [
  ['no filter', {}, () => true],
  ['status set', { status: { filterType: 'set', values: ['settled', 'rejected'] } }, (p) => p.status === 'settled' || p.status === 'rejected'],
  ['kind + direction', { kind: { filterType: 'set', values: ['beps'] }, direction: { filterType: 'set', values: ['in'] } }, (p) => p.kind === 'beps' && p.direction === 'in'],
  ['amount range', { amount: { filterType: 'number', type: 'inRange', filter: 1000, filterTo: '20000.00' } }, (p) => p.amount_minor >= 100000 && p.amount_minor <= 2000000],
  ['name prefix', { counterpartyName: { filterType: 'text', type: 'startsWith', filter: '__NAME__' } }, (p) => p.counterparty_name.startsWith('__NAME__')],
  ['counterparty + date', { counterparty: { filterType: 'set', values: ['CCB'] }, businessDate: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-09-01 00:00:00' } }, (p) => p.counterparty_id === 'CCB' && p.business_date > '2026-09-01'],
];
const sorts: PaymentSortModel[] = [[], [{ colId: 'amount', sort: 'asc' }], [{ colId: 'id', sort: 'desc' }], [{ colId: 'counterpartyName', sort: 'asc' }], [{ colId: 'status', sort: 'desc' }], [{ colId: 'priority', sort: 'asc' }]];

describe('blotter paging', () => {
  it.each(cases)('pages equal the plain order for %s, every sort, across anchors', (_label, rawModel, rawKeep) => {
    const name = someName();
    const model = JSON.parse(JSON.stringify(rawModel).replaceAll('__NAME__', name)) as PaymentFilterModel;
    const keep = (p: Plain) => (_label === 'name prefix' ? p.counterparty_name.startsWith(name) : rawKeep(p));
    // Small stride and threshold so 3,000 rows cross anchors and both filtered paths.
    for (const tuning of [{ anchorStride: 16, smallResultRows: 200 }, { anchorStride: 7, smallResultRows: 5000 }]) {
      const cache = new BlotterCache(db, tuning);
      for (const sortModel of sorts) {
        const expected = expectedIds(sortModel, keep);
        expect(expected.length).toBeGreaterThan(20);
        expect(countPayments(db, cache, model)).toBe(expected.length);
        for (const start of [0, 5, 16, 17, 250, 1000, expected.length - 3, expected.length + 10]) {
          if (start < 0) continue;
          const page = pagePayments(db, cache, { startRow: start, endRow: start + 40, sortModel, filterModel: model });
          expect(page.lastRow).toBe(expected.length);
          expect(page.rows.map((r) => r.id), `${JSON.stringify(sortModel)} from ${start}`).toEqual(expected.slice(start, start + 40));
        }
      }
    }
  });

  it('sees new payments at once (the cache follows the database)', () => {
    const cache = new BlotterCache(db, { anchorStride: 16 });
    const before = countPayments(db, cache, {});
    pagePayments(db, cache, { startRow: 500, endRow: 540, sortModel: [], filterModel: {} });
    const p = capturePayment(
      db,
      { kind: 'hvps', priority: 2, to: 'ICBC', amount: '1.00', currency: 'CNY', debtor: { name: '甲', account: '123456' }, creditor: { name: '乙', account: '654321' }, purpose: '测试' },
      { username: 'clerk1', at: '2030-01-01T00:00:00.000Z' },
    );
    expect(countPayments(db, cache, {})).toBe(before + 1);
    expect(pagePayments(db, cache, { startRow: 0, endRow: 1, sortModel: [], filterModel: {} }).rows[0]?.id).toBe(p.id);
  });

  it('refuses an amount filter that is not a decimal amount, naming the field', () => {
    const cache = new BlotterCache(db);
    expect(() => countPayments(db, cache, { amount: { filterType: 'number', type: 'equals', filter: '1.001' } })).toThrow(UserError);
  });
});
