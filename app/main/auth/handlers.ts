import type { HandlerImpls, HandlerContext } from '../handler-context';
import { requireSession } from '../handler-context';
import { login, unlockOperator } from './login';
import { listOperators } from './operators';
import { selfParticipant } from '../settings/participants';
import { requireSetting } from '../settings/settings';
import { appendAudit } from '../audit/audit-log';
import { mustChangePassword } from '../auth/operator-admin';

function participantSummary(ctx: HandlerContext) {
  const self = selfParticipant(ctx.services.db);
  return { id: self.id, name: self.name, bankCode: self.bankCode };
}

export const authImpls: HandlerImpls<'auth.login' | 'auth.logout' | 'session.current' | 'session.touch' | 'operators.list' | 'operators.unlock'> = {
  async 'auth.login'(ctx, input) {
    const { db, sessions } = ctx.services;
    // A good login on a window replaces whoever was logged in there (no session.ended: the
    // window stays in use); a failed one leaves the current session as it was.
    const operator = await login(db, input.username, input.password, ctx.at);
    const mustChange = mustChangePassword(db, operator.username);
    sessions.start(ctx.sessionKey, { username: operator.username, displayName: operator.displayName, roles: operator.roles, mustChangePassword: mustChange });
    return {
      operator: { username: operator.username, displayName: operator.displayName, roles: operator.roles },
      businessDate: requireSetting(db, 'business_date'),
      participant: participantSummary(ctx),
      idleTimeoutMs: sessions.idleTimeoutMs,
      mustChangePassword: mustChange,
    };
  },
  'auth.logout'(ctx) {
    const { db, sessions } = ctx.services;
    if (ctx.session !== undefined) {
      const username = ctx.session.username;
      db.transaction(() => appendAudit(db, { at: ctx.at, actor: username, action: 'auth.logout', entity: 'operator', entityId: username, detail: {} }))();
    }
    sessions.end(ctx.sessionKey, 'logout');
    return {};
  },
  'session.current'(ctx) {
    const s = ctx.session;
    return {
      operator: s === undefined ? null : { username: s.username, displayName: s.displayName, roles: [...s.roles] },
      businessDate: requireSetting(ctx.services.db, 'business_date'),
      participant: participantSummary(ctx),
      idleTimeoutMs: ctx.services.sessions.idleTimeoutMs,
    };
  },
  'session.touch'(ctx) {
    ctx.services.sessions.touch(ctx.sessionKey);
    return {};
  },
  'operators.list'(ctx) {
    return {
      operators: listOperators(ctx.services.db).map((o) => ({
        username: o.username,
        displayName: o.displayName,
        roles: o.roles,
        locked: o.lockedAt !== null,
        failedLogins: o.failedLogins,
      })),
    };
  },
  'operators.unlock'(ctx, input) {
    unlockOperator(ctx.services.db, input.username, requireSession(ctx).username, ctx.at);
    return {};
  },
};
