import { describe, expect, it } from 'vitest';
import { idParts } from './id-text';

describe('idParts', () => {
  it('keeps the date and sequence of a payment id whole at the tail', () => {
    expect(idParts('HKB-EED2E7C8-20261207-00000042')).toEqual({ head: 'HKB-EED2E7C8-', tail: '20261207-00000042' });
  });
  it('keeps a short id whole', () => {
    expect(idParts('LV-0001')).toEqual({ head: '', tail: 'LV-0001' });
  });
  it('cuts an id without separators at the tail length', () => {
    expect(idParts('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 6)).toEqual({ head: 'ABCDEFGHIJKLMNOPQRST', tail: 'UVWXYZ' });
  });
  it('joins back to the id', () => {
    for (const id of ['HKB-20261207-00000001', 'ICBC-X-1', 'a-b-c-d-e-f-g-h-i-j-k-l']) {
      const { head, tail } = idParts(id, 8);
      expect(head + tail).toBe(id);
    }
  });
  it('keeps only the sequence in a narrow panel', () => {
    expect(idParts('PSBC-20261201-00009014', 9)).toEqual({ head: 'PSBC-20261201-', tail: '00009014' });
  });
});
