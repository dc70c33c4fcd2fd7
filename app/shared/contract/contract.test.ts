import { describe, it, expect } from 'vitest';
import { handlers, events, HANDLER_NAMES, EVENT_NAMES } from './index';
import { CENTRE_SESSION_ROLES, ROLES } from '../domain/operator';

describe('contract', () => {
  it('HANDLER_NAMES lists exactly the handlers', () => {
    expect([...HANDLER_NAMES].sort()).toEqual(Object.keys(handlers).sort());
  });
  it('EVENT_NAMES lists exactly the events', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });
  it('every handler names its access: public or known roles', () => {
    for (const [name, spec] of Object.entries(handlers)) {
      if (spec.roles === 'public') continue;
      expect(spec.roles.length, name).toBeGreaterThan(0);
      for (const role of spec.roles) expect([...ROLES, ...CENTRE_SESSION_ROLES]).toContain(role);
    }
  });
  it('payments.page takes ag-grid getRows params and refuses a contains filter', () => {
    const input = handlers['payments.page'].input;
    expect(input.safeParse({ startRow: 0, endRow: 100, sortModel: [{ colId: 'amount', sort: 'desc' }], filterModel: {} }).success).toBe(true);
    expect(
      input.safeParse({ startRow: 0, endRow: 100, sortModel: [], filterModel: { id: { filterType: 'text', type: 'contains', filter: 'x' } } }).success,
    ).toBe(false);
    expect(input.safeParse({ startRow: 100, endRow: 100, sortModel: [], filterModel: {} }).success).toBe(false);
  });
});
