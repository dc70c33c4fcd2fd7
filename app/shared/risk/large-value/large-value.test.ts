import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../money/parse';
import { canAdvanceReport, detectLargeValue, isReportOverdue, type LargeValueTransaction, largeValueTransactionSchema } from './detect-large-value';
import { largeValueReportsToCsv, largeValueReportsToXml } from './large-value-export';

let n = 0;
function tx(amount: string, overrides: Partial<Omit<LargeValueTransaction, 'amountMinor'>> = {}): LargeValueTransaction {
  n += 1;
  return largeValueTransactionSchema.parse({
    id: `T-${String(n).padStart(3, '0')}`,
    customerId: 'C-1',
    customerName: '王小明',
    customerType: 'individual',
    businessDate: '2026-11-25',
    direction: 'out',
    channel: 'transfer',
    crossBorder: false,
    amountMinor: parseAmount(amount, 'CNY'),
    ...overrides,
  });
}

const totals = (reports: ReturnType<typeof detectLargeValue>) => reports.map((r) => [r.category, r.direction, String(r.totalMinor), r.single]);

describe('large-value thresholds (PBoC 2016 No. 3 art. 5)', () => {
  it.each([
    ['cash', { channel: 'cash' as const }, '50000.00', '49999.99'],
    ['corporate_transfer', { customerType: 'corporate' as const, customerId: 'C-9' }, '2000000.00', '1999999.99'],
    ['individual_domestic_transfer', {}, '500000.00', '499999.99'],
    ['individual_cross_border_transfer', { crossBorder: true }, '200000.00', '199999.99'],
  ])('%s: reportable exactly at the threshold, not a fen under', (category, overrides, at, under) => {
    expect(detectLargeValue([tx(at, overrides)]).map((r) => [r.category, r.single])).toEqual([[category, true]]);
    expect(detectLargeValue([tx(under, overrides)])).toEqual([]);
  });

  it('adds up a customer’s day: three cash withdrawals of 20,000 make one report of 60,000', () => {
    const day = [tx('20000.00', { channel: 'cash' }), tx('20000.00', { channel: 'cash' }), tx('20000.00', { channel: 'cash' })];
    const [report, ...rest] = detectLargeValue(day);
    expect(rest).toEqual([]);
    expect(report).toMatchObject({ category: 'cash', direction: 'out', totalMinor: 6_000_000n, single: false });
    expect(report?.transactionIds).toEqual(day.map((t) => t.id));
    // Two of them stay under 50,000.
    expect(detectLargeValue(day.slice(0, 2))).toEqual([]);
  });

  it('counts money in and money out separately', () => {
    const reports = detectLargeValue([tx('30000.00', { channel: 'cash', direction: 'in' }), tx('30000.00', { channel: 'cash', direction: 'out' })]);
    expect(reports).toEqual([]);
    const both = detectLargeValue([
      tx('30000.00', { channel: 'cash', direction: 'in' }),
      tx('20000.00', { channel: 'cash', direction: 'in' }),
      tx('49999.99', { channel: 'cash', direction: 'out' }),
    ]);
    expect(totals(both)).toEqual([['cash', 'in', '5000000', false]]);
  });

  it('keeps days, customers and categories apart', () => {
    const reports = detectLargeValue([
      tx('300000.00'),
      tx('300000.00', { businessDate: '2026-11-26' }),
      tx('300000.00', { customerId: 'C-2' }),
      tx('150000.00', { crossBorder: true }),
      tx('150000.00', { crossBorder: true }),
    ]);
    // Domestic 300,000 per customer-day: none; cross-border 300,000 >= 200,000: one.
    expect(totals(reports)).toEqual([['individual_cross_border_transfer', 'out', '30000000', false]]);
  });

  it('makes the report due 5 working days later, skipping weekends and holidays', () => {
    // Wednesday 2026-11-25 + 5 working days = Wednesday 2026-12-02.
    expect(detectLargeValue([tx('500000.00')])[0]?.dueDate).toBe('2026-12-02');
    expect(detectLargeValue([tx('500000.00')], new Set(['2026-11-27']))[0]?.dueDate).toBe('2026-12-03');
  });

  it('refuses a customer recorded as two customer types on one day', () => {
    expect(() => detectLargeValue([tx('1.00'), tx('1.00', { customerType: 'corporate' })])).toThrow(/both individual and corporate/);
  });
});

describe('report tracking', () => {
  it('moves forward only, without skipping review', () => {
    expect(canAdvanceReport('generated', 'reviewed')).toBe(true);
    expect(canAdvanceReport('generated', 'exported')).toBe(false);
    expect(canAdvanceReport('exported', 'exported')).toBe(true);
    expect(canAdvanceReport('submitted', 'reviewed')).toBe(false);
  });

  it('is overdue after the due date until submitted', () => {
    expect(isReportOverdue({ dueDate: '2026-12-02' }, 'exported', '2026-12-02')).toBe(false);
    expect(isReportOverdue({ dueDate: '2026-12-02' }, 'exported', '2026-12-03')).toBe(true);
    expect(isReportOverdue({ dueDate: '2026-12-02' }, 'submitted', '2026-12-03')).toBe(false);
  });
});

describe('exports', () => {
  const reports = detectLargeValue([
    tx('20000.00', { id: 'T-A', channel: 'cash', customerName: '=HYPERLINK("x")' }),
    tx('30000.00', { id: 'T-B', channel: 'cash', customerName: '=HYPERLINK("x")' }),
    tx('2500000.00', { id: 'T-C', customerId: 'C-7', customerName: 'Wuhan <Jianghan> & Co', customerType: 'corporate' }),
  ]);

  it('writes CSV with the figures as decimal strings and formulas defused', () => {
    expect(largeValueReportsToCsv(reports).split('\r\n')).toEqual([
      'report_id,business_date,due_date,customer_id,customer_name,customer_type,category,direction,single,transaction_count,total_amount,threshold_amount,transaction_ids',
      'LV-2026-11-25-C-1-cash-out,2026-11-25,2026-12-02,C-1,"\'=HYPERLINK(""x"")",individual,cash,out,N,2,50000.00,50000.00,T-A;T-B',
      'LV-2026-11-25-C-7-corporate_transfer-out,2026-11-25,2026-12-02,C-7,Wuhan <Jianghan> & Co,corporate,corporate_transfer,out,Y,1,2500000.00,2000000.00,T-C',
      '',
    ]);
  });

  it('writes XML with names escaped and amounts as decimal strings', () => {
    const xml = largeValueReportsToXml(reports.slice(1), '2026-11-25T18:00:00+08:00');
    expect(xml.split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<LargeValueReports generatedAt="2026-11-25T18:00:00+08:00" count="1">',
      '  <Report id="LV-2026-11-25-C-7-corporate_transfer-out">',
      '    <BusinessDate>2026-11-25</BusinessDate>',
      '    <DueDate>2026-12-02</DueDate>',
      '    <Customer id="C-7" type="corporate">Wuhan &lt;Jianghan&gt; &amp; Co</Customer>',
      '    <Category>corporate_transfer</Category>',
      '    <Direction>out</Direction>',
      '    <Single>true</Single>',
      '    <TotalAmount currency="CNY">2500000.00</TotalAmount>',
      '    <ThresholdAmount currency="CNY">2000000.00</ThresholdAmount>',
      '    <Transactions>',
      '      <Transaction id="T-C"/>',
      '    </Transactions>',
      '  </Report>',
      '</LargeValueReports>',
      '',
    ]);
    expect(largeValueReportsToXml([], 'x')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<LargeValueReports generatedAt="x" count="0">\n</LargeValueReports>\n');
  });
});
