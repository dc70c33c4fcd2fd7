import { describe, expect, it } from 'vitest';
import { operatorState } from './operator-state';

const NOW = Date.parse('2026-12-07T02:00:00.000Z');

describe('operatorState', () => {
  it('reads an account as in use, locked until its lock ends, or disabled', () => {
    expect(operatorState({ active: true, lockedUntil: null }, NOW)).toBe('active');
    expect(operatorState({ active: true, lockedUntil: '2026-12-07T02:10:00.000Z' }, NOW)).toBe('locked');
    expect(operatorState({ active: true, lockedUntil: '2026-12-07T01:59:59.000Z' }, NOW)).toBe('active');
    expect(operatorState({ active: false, lockedUntil: '2026-12-07T02:10:00.000Z' }, NOW)).toBe('disabled');
  });
});
