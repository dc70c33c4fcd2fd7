import { formatAmount } from '../../money/format';
import type { LargeValueReport } from './detect-large-value';

/**
 * Exports of large-value reports for the compliance officer's filing. These are Hankou's own
 * layouts (documented in docs/risk.md), not the PBoC's electronic submission schema, which the
 * bank's AML reporting system produces from them.
 */
export const LARGE_VALUE_CSV_COLUMNS = [
  'report_id', 'business_date', 'due_date', 'customer_id', 'customer_name', 'customer_type', 'category',
  'direction', 'single', 'transaction_count', 'total_amount', 'threshold_amount', 'transaction_ids',
] as const;

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(r: LargeValueReport): string[] {
  return [
    r.reportId, r.businessDate, r.dueDate, r.customerId, r.customerName, r.customerType, r.category, r.direction,
    r.single ? 'Y' : 'N', String(r.transactionIds.length), formatAmount(r.totalMinor, 'CNY'), formatAmount(r.thresholdMinor, 'CNY'),
    r.transactionIds.join(';'),
  ];
}

/** CSV with a header, CRLF line ends, UTF-8 (the caller adds a BOM if Excel needs one). */
export function largeValueReportsToCsv(reports: readonly LargeValueReport[]): string {
  const lines = [LARGE_VALUE_CSV_COLUMNS.join(','), ...reports.map((r) => row(r).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** XML, one <Report> per report, amounts as decimal strings in CNY. */
export function largeValueReportsToXml(reports: readonly LargeValueReport[], generatedAt: string): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<LargeValueReports generatedAt="${xmlText(generatedAt)}" count="${reports.length}">`];
  for (const r of reports) {
    out.push(
      `  <Report id="${xmlText(r.reportId)}">`,
      `    <BusinessDate>${r.businessDate}</BusinessDate>`,
      `    <DueDate>${r.dueDate}</DueDate>`,
      `    <Customer id="${xmlText(r.customerId)}" type="${r.customerType}">${xmlText(r.customerName)}</Customer>`,
      `    <Category>${r.category}</Category>`,
      `    <Direction>${r.direction}</Direction>`,
      `    <Single>${r.single}</Single>`,
      `    <TotalAmount currency="CNY">${formatAmount(r.totalMinor, 'CNY')}</TotalAmount>`,
      `    <ThresholdAmount currency="CNY">${formatAmount(r.thresholdMinor, 'CNY')}</ThresholdAmount>`,
      '    <Transactions>',
      ...r.transactionIds.map((id) => `      <Transaction id="${xmlText(id)}"/>`),
      '    </Transactions>',
      '  </Report>',
    );
  }
  out.push('</LargeValueReports>', '');
  return out.join('\n');
}
