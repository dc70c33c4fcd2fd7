import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { blotterColumns } from '../screens/blotter/blotter-columns';
import { inboundColumns } from '../screens/inbound/inbound-columns';

const t = ((key: string) => key) as unknown as TFunction;
const bankName = (id: string) => (id === 'WHB' ? { name: '武汉银行', bankCode: '313521000029' } : undefined);

/** A column without what each grid sets for itself. */
function shared(col: Record<string, unknown>) {
  const { headerName: _h, width: _w, ...rest } = col;
  return rest;
}

describe('blotter and inbound columns', () => {
  it('define the fields both grids show the same way (sort, filter, format)', () => {
    const blotter = new Map(blotterColumns(t, bankName).map((c) => [c.field, c]));
    const inbound = inboundColumns(t, bankName);
    const both = inbound.filter((c) => blotter.has(c.field) && c.field !== 'businessDate');
    expect(both.map((c) => c.field)).toEqual(['createdAt', 'id', 'status', 'kind', 'counterparty', 'amount', 'creditorName', 'debtorName', 'purpose']);
    for (const col of both) {
      expect(JSON.stringify(shared(col as Record<string, unknown>)), String(col.field)).toBe(
        JSON.stringify(shared(blotter.get(col.field) as Record<string, unknown>)),
      );
    }
  });
  it('filter the business date in the blotter only', () => {
    expect(blotterColumns(t, bankName).find((c) => c.field === 'businessDate')?.filter).toBe('agDateColumnFilter');
    expect(inboundColumns(t, bankName).find((c) => c.field === 'businessDate')?.filter).toBeUndefined();
  });
  it('show the other bank by name with its 行号 as tooltip', () => {
    const col = inboundColumns(t, bankName).find((c) => c.field === 'counterparty');
    const format = col?.valueFormatter as (p: { value: string }) => string;
    expect(format({ value: 'WHB' })).toBe('武汉银行');
    expect(format({ value: 'XYZ' })).toBe('XYZ');
  });
});
