import { describe, it, expect } from 'vitest';
import { paymentPageInputSchema } from '../../../shared/contract';
import { NO_TOOLBAR_FILTERS, pageInput } from './blotter-query';

describe('blotter query', () => {
  it('passes the grid window, its first sortable sort and its filters through', () => {
    const input = pageInput(
      {
        startRow: 200,
        endRow: 300,
        sortModel: [{ colId: 'amount', sort: 'desc' }, { colId: 'id', sort: 'asc' }],
        filterModel: { id: { filterType: 'text', type: 'startsWith', filter: 'WH' } },
      },
      NO_TOOLBAR_FILTERS,
    );
    expect(input).toEqual({
      startRow: 200,
      endRow: 300,
      sortModel: [{ colId: 'amount', sort: 'desc' }],
      filterModel: { id: { filterType: 'text', type: 'startsWith', filter: 'WH' } },
    });
    expect(paymentPageInputSchema.safeParse(input).success).toBe(true);
  });

  it('drops a sort on a column the back end cannot sort by', () => {
    expect(pageInput({ startRow: 0, endRow: 100, sortModel: [{ colId: 'purpose', sort: 'asc' }], filterModel: {} }, NO_TOOLBAR_FILTERS).sortModel).toEqual([]);
  });

  it('adds the toolbar choices as set filters the contract accepts', () => {
    const input = pageInput(
      { startRow: 0, endRow: 100, sortModel: [], filterModel: { amount: { filterType: 'number', type: 'greaterThan', filter: 1000 } } },
      { status: 'settled', kind: 'hvps', direction: 'out' },
    );
    expect(input.filterModel).toEqual({
      amount: { filterType: 'number', type: 'greaterThan', filter: 1000 },
      status: { filterType: 'set', values: ['settled'] },
      kind: { filterType: 'set', values: ['hvps'] },
      direction: { filterType: 'set', values: ['out'] },
    });
    expect(paymentPageInputSchema.safeParse(input).success).toBe(true);
  });
});
