import { describe, it, expect } from 'vitest';
import { filterModel, pageInput } from '../blotter/blotter-query';
import { inboundToolbar } from './inbound-query';

describe('inbound grid query', () => {
  it('always asks for direction in, with the status when one is chosen', () => {
    expect(filterModel({}, inboundToolbar(''))).toEqual({ direction: { filterType: 'set', values: ['in'] } });
    expect(filterModel({}, inboundToolbar('settled'))).toEqual({
      direction: { filterType: 'set', values: ['in'] },
      status: { filterType: 'set', values: ['settled'] },
    });
  });
  it('keeps the grid amount filter and sort beside the pinned direction', () => {
    const input = pageInput(
      {
        startRow: 0,
        endRow: 100,
        sortModel: [{ colId: 'amount', sort: 'desc' }],
        filterModel: { amount: { filterType: 'number', type: 'greaterThan', filter: 1000 } },
      },
      inboundToolbar(''),
    );
    expect(input.sortModel).toEqual([{ colId: 'amount', sort: 'desc' }]);
    expect(input.filterModel).toEqual({
      amount: { filterType: 'number', type: 'greaterThan', filter: 1000 },
      direction: { filterType: 'set', values: ['in'] },
    });
  });
});
