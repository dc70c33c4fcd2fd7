import { describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../../shared/contract';
import { blotterCsv, csvCell, exportFileName, exportValue } from './blotter-export';

const row: PaymentRow = {
  id: 'HKB-EED2E7C8-20261207-00000042', kind: 'hvps', priority: 2, status: 'settled', direction: 'out', from: 'HKB', fromName: '汉口银行',
  to: 'ICBC', toName: '工商银行', counterparty: 'ICBC', counterpartyName: '=HYPERLINK("x")', amount: '14432000.00', currency: 'CNY',
  debtorName: '武汉长江钢铁有限公司', debtorAccount: '420101000123', creditorName: '张伟, 李娜', creditorAccount: '6222020200112233',
  purpose: '货款', maker: 'clerk1', checker: 'super1', reason: null, createdAt: '2026-12-07T01:30:00.000Z', updatedAt: '2026-12-07T01:31:00.000Z', businessDate: '2026-12-07',
};

describe('blotter export', () => {
  it('keeps typed text as text: formulas defused, commas and quotes quoted', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('-5.00', true)).toBe('-5.00');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
  });
  it('writes one line per payment with words for codes and the centre’s time', () => {
    const words = (c: string, code: string) => `${c}:${code}`;
    const csv = blotterCsv([row], (c) => c, (c, r) => exportValue(c, r, words));
    const [header, line] = csv.split('\r\n');
    expect(header?.startsWith('id,createdAt,businessDate,direction,kind,priority,status,counterpartyName,amount')).toBe(true);
    expect(line).toContain('HKB-EED2E7C8-20261207-00000042,2026-12-07 09:30:00,2026-12-07,direction:out,kind:hvps,priority:2,status:settled');
    expect(line).toContain(`"'=HYPERLINK(""x"")",14432000.00,CNY`);
    expect(line).toContain('"张伟, 李娜"');
  });
  it('names the file in the centre’s time', () => {
    expect(exportFileName('2026-12-07T07:30:00.000Z')).toBe('hankou-payments-20261207T153000+0800.csv');
  });
});
