import { describe, expect, it } from 'vitest';
import { verifyBlock } from './verify-rules';

describe('verifyBlock', () => {
  it('tells a clerk that only supervisors verify', () => {
    expect(verifyBlock({ username: 'clerk1', roles: ['clerk'] }, { maker: 'clerk2' })).toBe('notSupervisor');
  });
  it('tells a supervisor they cannot verify their own capture', () => {
    expect(verifyBlock({ username: 'super1', roles: ['supervisor'] }, { maker: 'super1' })).toBe('ownPayment');
  });
  it('lets another supervisor verify', () => {
    expect(verifyBlock({ username: 'super2', roles: ['supervisor', 'clerk'] }, { maker: 'super1' })).toBeNull();
  });
  it('tells a supervisor the amount is above their verification limit', () => {
    expect(verifyBlock({ username: 'super2', roles: ['supervisor'] }, { maker: 'clerk1', amount: '50000.01' }, '50000.00')).toBe('aboveLimit');
    expect(verifyBlock({ username: 'super2', roles: ['supervisor'] }, { maker: 'clerk1', amount: '50000.00' }, '50000.00')).toBeNull();
  });
});
