import { describe, expect, it } from 'vitest';
import { secondOfficerBlocked } from './second-officer';

describe('second officer', () => {
  it('blocks the proposer from confirming or refusing their own proposal', () => {
    expect(secondOfficerBlocked('confirm', 'risk1', 'risk1')).toBe(true);
    expect(secondOfficerBlocked('refuse', 'risk1', 'risk1')).toBe(true);
  });
  it('lets another officer decide, and never blocks a first decision', () => {
    expect(secondOfficerBlocked('confirm', 'risk1', 'risk2')).toBe(false);
    expect(secondOfficerBlocked('release', null, 'risk1')).toBe(false);
    expect(secondOfficerBlocked('release', 'risk1', 'risk1')).toBe(false);
  });
});
