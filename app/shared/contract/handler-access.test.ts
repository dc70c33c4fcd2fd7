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

describe('the centre role', () => {
  it('reaches the centre handlers by role and no bank handler; bank roles reach no centre handler', () => {
    expect(mayCall(['centre-auditor'], 'centre.dashboard')).toBe(true);
    expect(mayCall(['centre-auditor'], 'centre.proposals.create')).toBe(false);
    expect(mayCall(['centre-operator'], 'centre.proposals.create')).toBe(true);
    expect(mayCall(['centre-operator'], 'centre.proposals.approve')).toBe(false);
    expect(mayCall(['centre-supervisor'], 'centre.proposals.approve')).toBe(true);
    expect(mayCall(['centre-supervisor'], 'session.touch')).toBe(true);
    // 止付: every centre role looks a payment up; operators and supervisors stop and release it, the auditor not.
    for (const role of ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const) expect(mayCall([role], 'centre.payments.lookup')).toBe(true);
    for (const name of ['centre.payments.stop', 'centre.payments.release'] as const) {
      expect(mayCall(['centre-operator'], name)).toBe(true);
      expect(mayCall(['centre-supervisor'], name)).toBe(true);
      expect(mayCall(['centre-auditor'], name)).toBe(false);
      expect(mayCall(['supervisor'], name)).toBe(false);
    }
    // Operator management (操作员管理): every centre role reads the list, only a supervisor changes it.
    for (const role of ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const) expect(mayCall([role], 'centre.operators.list'), role).toBe(true);
    for (const name of ['centre.operators.create', 'centre.operators.lock', 'centre.operators.unlock', 'centre.operators.resetTotp'] as const) {
      expect(mayCall(['centre-supervisor'], name), name).toBe(true);
      expect(mayCall(['centre-operator'], name), name).toBe(false);
      expect(mayCall(['centre-auditor'], name), name).toBe(false);
      expect(mayCall(['admin'], name), name).toBe(false);
    }
    for (const name of HANDLER_NAMES) {
      if (name === 'session.touch') continue;
      const centre = name.startsWith('centre.');
      for (const role of ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const) {
        if (!centre) expect(mayCall([role], name) && !mayCall(undefined, name), `${role} ${name}`).toBe(false);
      }
      for (const role of ['clerk', 'supervisor', 'risk', 'recon', 'auditor', 'admin'] as const) {
        if (centre) expect(mayCall([role], name) && !mayCall(undefined, name), `${role} ${name}`).toBe(false);
      }
    }
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
    // (operators.resetTotp, operators.setTotpPolicy), 7 from the centre's console (proposal create/approve/reject,
    // broadcast, alert rule create/enable/delete), 2 from the centre's stop payment (stop, release), 4 from the
    // centre's operator management (create, lock, unlock, reset TOTP), 1 from reconciliation's bulk
    // actions (recon.sessions.review).
    expect(HANDLER_NAMES.filter((n) => countsAsActivity(n))).toHaveLength(74);
    expect(countsAsActivity('centre.payments.lookup')).toBe(false);
    for (const name of ['auth.changePassword', 'operators.create', 'payments.verifyRekeyed', 'liquidity.propose', 'liquidity.approve', 'payments.requestReorder', 'bulk.batches.verify', 'templates.approve', 'operators.limits.set', 'messages.inquire', 'payments.requestStop', 'broadcasts.markRead', 'operators.resetTotp', 'centre.proposals.approve', 'centre.payments.stop', 'centre.payments.release', 'centre.operators.create', 'centre.operators.lock', 'recon.sessions.review'] as const) {
      expect(countsAsActivity(name)).toBe(true);
    }
  });
});
