import { describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from './handler-names';
import { countsAsActivity, mayCall } from './handler-access';

describe('mayCall', () => {
  it('follows the handler spec roles', () => {
    expect(mayCall(['supervisor'], 'payments.verify')).toBe(true);
    expect(mayCall(['clerk'], 'payments.verify')).toBe(false);
    expect(mayCall(['clerk', 'supervisor'], 'payments.requestCancel')).toBe(true);
    expect(mayCall(['recon'], 'recon.sessions.approveWriteOff')).toBe(false);
    expect(mayCall(['auditor'], 'risk.alerts.page')).toBe(true);
    expect(mayCall(['auditor'], 'risk.alerts.decide')).toBe(false);
  });
  it('lets anyone call a public handler and no one without a session call the rest', () => {
    expect(mayCall(undefined, 'auth.login')).toBe(true);
    expect(mayCall(undefined, 'session.touch')).toBe(false);
  });
});

describe('countsAsActivity', () => {
  it('marks operator actions, not reads and polls', () => {
    expect(countsAsActivity('session.touch')).toBe(true);
    expect(countsAsActivity('payments.capture')).toBe(true);
    expect(countsAsActivity('payments.page')).toBe(false);
    expect(countsAsActivity('app.status')).toBe(false);
    // 36 from the console's first screens, 6 from operator administration and blind entry, 4 from liquidity management,
    // 4 from bulk templates and operator limits, 7 from messages between banks (inquire, answer, return request,
    // its proposed and approved answer, stop, release), 1 from the centre's broadcasts, 2 from one-time codes
    // (operators.resetTotp, operators.setTotpPolicy).
    expect(HANDLER_NAMES.filter((n) => countsAsActivity(n))).toHaveLength(60);
    for (const name of ['auth.changePassword', 'operators.create', 'payments.verifyRekeyed', 'liquidity.propose', 'liquidity.approve', 'payments.requestReorder', 'bulk.batches.verify', 'templates.approve', 'operators.limits.set', 'messages.inquire', 'payments.requestStop', 'broadcasts.markRead', 'operators.resetTotp'] as const) {
      expect(countsAsActivity(name)).toBe(true);
    }
  });
});
