import { describe, expect, it } from 'vitest';
import { seededStore } from '../../store/test-support/test-store';
import { migrate } from '../../store/migrate';
import { SYNC_MIGRATIONS } from '../../sync/migrations/index';
import { applyPullPage } from '../../sync/apply-pull-page';
import { capturePayment } from '../payment-commands';
import { BlotterCache } from './blotter-cache';
import { pagePayments } from './blotter';

// This console is HKB (汉口银行); the other bank in both bills is ICBC.
const DRAWER = { name: '工行客户出票人', account: '6222020000000009' };
const PAYEE = { name: '汉口商贸有限公司', account: '6222020000000001' };

describe('bills in the blotter: the other bank and the other side’s customer', () => {
  const db = seededStore('2026-11-26');
  migrate(db, SYNC_MIGRATIONS);
  // We present a bill drawn on ICBC for our customer, the payee: ICBC pays, its drawer is the other side.
  const presented = capturePayment(
    db,
    {
      kind: 'bill', priority: 2, to: 'ICBC', amount: '5000.00', currency: 'CNY',
      debtor: DRAWER, creditor: PAYEE, purpose: '票据',
      bill: { billNumber: '31000051201234', issueDate: '2026-11-20', drawer: DRAWER.name },
    },
    { username: 'clerk1', at: '2026-11-26T02:00:00.000Z' },
  );
  // ICBC presents a bill drawn by our customer: the house names us, the paying bank, as `from`.
  const ourDrawer = { name: '汉阳贸易有限公司', account: '4201999900001111' };
  const icbcPayee = { name: '武昌医药有限公司', account: '6222020000000002' };
  applyPullPage(db, 'HKB', [{
    seq: 1,
    type: 'payment.inbound',
    data: {
      id: 'ICBC-BILL-1', from: 'HKB', to: 'ICBC', amount: '7000.00', currency: 'CNY', kind: 'bill',
      debtor: ourDrawer, creditor: icbcPayee, purpose: '票据', status: 'netted',
      presentedBy: { billNumber: '31000051209999', issueDate: '2026-11-21', drawer: ourDrawer.name },
    },
  }], 'c.1', '2026-11-26T03:00:00.000Z');
  const page = (filterModel = {}) => pagePayments(db, new BlotterCache(db), { startRow: 0, endRow: 50, sortModel: [], filterModel }).rows;
  const row = (id: string) => page().find((r) => r.id === id);

  it('we present a bill: ICBC and the drawer', () => {
    expect(row(presented.id)).toMatchObject({ direction: 'out', counterparty: 'ICBC', counterpartyName: DRAWER.name });
  });

  it('a bill presented against us: ICBC (the presenting bank) and its payee, not ourselves', () => {
    expect(row('ICBC-BILL-1')).toMatchObject({ direction: 'in', counterparty: 'ICBC', counterpartyName: icbcPayee.name });
  });

  it('filters on the same counterparty the rows show (the generated columns agree)', () => {
    const icbc = page({ counterparty: { filterType: 'set', values: ['ICBC'] } }).map((r) => r.id);
    expect(icbc).toContain(presented.id);
    expect(icbc).toContain('ICBC-BILL-1');
    expect(page({ counterparty: { filterType: 'set', values: ['HKB'] } }).map((r) => r.id)).not.toContain('ICBC-BILL-1');
    const byName = page({ counterpartyName: { filterType: 'text', type: 'contains', filter: '武昌医药' } }).map((r) => r.id);
    expect(byName).toEqual(['ICBC-BILL-1']);
  });
});
