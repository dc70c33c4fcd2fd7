import { describe, it, expect } from 'vitest';
import { AuthFailureLimiter, OVERFLOW_ADDRESS } from './auth-failure-limiter';

function limiter(maxTrackedAddresses = 100) {
  const clock = { nowMs: 1_000_000 };
  return { clock, limiter: new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000, maxTrackedAddresses }, () => clock.nowMs) };
}

describe('AuthFailureLimiter', () => {
  it('locks an address at the limit within the window, for one window from that failure', () => {
    const { clock, limiter: l } = limiter();
    expect(l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a').lockedNow).toBe(false);
    clock.nowMs += 10_000;
    expect(l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a').lockedNow).toBe(false);
    expect(l.lockedForMs('10.0.0.1')).toBe(0);
    clock.nowMs += 10_000;
    expect(l.recordFailure('10.0.0.1', 'no_token', 'POST /b').lockedNow).toBe(true);
    expect(l.lockedForMs('10.0.0.1')).toBe(60_000);
    expect(l.lockedForMs('10.0.0.2')).toBe(0);
    clock.nowMs += 59_999;
    expect(l.lockedForMs('10.0.0.1')).toBe(1);
    clock.nowMs += 1;
    expect(l.lockedForMs('10.0.0.1')).toBe(0);
  });

  it('forgets failures once the window has passed: spread-out failures never lock', () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 10; i += 1) {
      expect(l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a').lockedNow).toBe(false);
      clock.nowMs += 30_000;
      expect(l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a').lockedNow).toBe(false);
      clock.nowMs += 30_000;
    }
    expect(l.lockedForMs('10.0.0.1')).toBe(0);
  });

  it('hands over the ended window when a new one starts, and sweeps ended windows', () => {
    const { clock, limiter: l } = limiter();
    l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a');
    l.recordFailure('10.0.0.2', 'no_token', 'GET /a');
    clock.nowMs += 30_000;
    expect(l.takeEnded()).toEqual([]);
    clock.nowMs += 30_000;
    const { ended } = l.recordFailure('10.0.0.1', 'unknown_token', 'GET /c');
    expect(ended).toEqual({ address: '10.0.0.1', fromMs: 1_000_000, toMs: 1_000_000, failures: 1, refusedWhileLocked: 0, locked: false, reasons: { unknown_token: 1 }, routes: ['GET /a'] });
    expect(l.takeEnded().map((s) => s.address)).toEqual(['10.0.0.2']);
    expect(l.takeEnded(true).map((s) => [s.address, s.failures, s.routes])).toEqual([['10.0.0.1', 1, ['GET /c']]]);
    expect(l.trackedAddresses).toBe(0);
  });

  it('counts refusals while locked without extending the lock', () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 3; i += 1) l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a');
    clock.nowMs += 50_000;
    expect(l.lockedForMs('10.0.0.1')).toBe(10_000);
    expect(l.lockedForMs('10.0.0.1')).toBe(10_000);
    clock.nowMs += 10_000;
    expect(l.lockedForMs('10.0.0.1')).toBe(0);
    expect(l.takeEnded()).toMatchObject([{ address: '10.0.0.1', failures: 3, refusedWhileLocked: 2, locked: true }]);
  });

  it('keeps memory bounded: addresses beyond the limit share one bucket', () => {
    const { limiter: l } = limiter(2);
    l.recordFailure('10.0.0.1', 'unknown_token', 'GET /a');
    l.recordFailure('10.0.0.2', 'unknown_token', 'GET /a');
    for (let i = 3; i < 1000; i += 1) l.recordFailure(`10.0.${Math.floor(i / 250)}.${i % 250}`, 'unknown_token', 'GET /a');
    expect(l.trackedAddresses).toBe(3);
    expect(l.lockedForMs('192.168.1.1')).toBe(60_000);
    expect(l.lockedForMs('10.0.0.1')).toBe(0);
    expect(l.current('10.9.9.9')?.address).toBe(OVERFLOW_ADDRESS);
  });
});
