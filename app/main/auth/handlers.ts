import type { HandlerImpls, HandlerContext } from '../handler-context';
import { requireSession } from '../handler-context';
import { checkPassword, completeLogin, unlockOperator } from './login';
import { checkSecondFactor, enrolmentFor } from './second-factor';
import { resetTotp, setTotpRequiredForAll, totpRequired, totpRequiredForAll, totpSecretOf } from './totp-factor';
import { UserError } from '../user-error';
import { listOperators } from './operators';
import { selfParticipant } from '../settings/participants';
import { requireSetting } from '../settings/settings';
import { appendAudit } from '../audit/audit-log';
import { mustChangePassword } from '../auth/operator-admin';

function participantSummary(ctx: HandlerContext) {
  const self = selfParticipant(ctx.services.db);
  return { id: self.id, name: self.name, bankCode: self.bankCode };
}

export const authImpls: HandlerImpls<
  'auth.login' | 'auth.totpEnrolment' | 'auth.logout' | 'session.current' | 'session.touch' | 'operators.list' | 'operators.unlock' | 'operators.resetTotp' | 'operators.setTotpPolicy'
> = {
  async 'auth.login'(ctx, input) {
    const { db, sessions } = ctx.services;
    // A good login on a window replaces whoever was logged in there (no session.ended: the
    // window stays in use); a failed one leaves the current session as it was.
    const operator = await checkPassword(db, input.username, input.password, ctx.at);
    const factor = checkSecondFactor(db, operator, input.code, ctx.sessionKey, Date.parse(ctx.at), ctx.at);
    completeLogin(db, operator.username, ctx.at, factor.totp ? { secondFactor: 'totp' } : {});
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
  async 'auth.totpEnrolment'(ctx, input) {
    const { db } = ctx.services;
    const operator = await checkPassword(db, input.username, input.password, ctx.at);
    const self = selfParticipant(db);
    return enrolmentFor(db, operator, { name: self.name, bankCode: self.bankCode }, ctx.sessionKey, Date.parse(ctx.at));
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
    const { db } = ctx.services;
    return {
      totpRequiredForAll: totpRequiredForAll(db),
      operators: listOperators(db).map((o) => ({
        username: o.username,
        displayName: o.displayName,
        roles: o.roles,
        locked: o.lockedAt !== null,
        failedLogins: o.failedLogins,
        totp: totpSecretOf(db, o.username) !== null ? ('enrolled' as const) : totpRequired(db, o.roles) ? ('pending' as const) : ('off' as const),
      })),
    };
  },
  'operators.unlock'(ctx, input) {
    unlockOperator(ctx.services.db, input.username, requireSession(ctx).username, ctx.at);
    return {};
  },
  'operators.resetTotp'(ctx, input) {
    const by = requireSession(ctx).username;
    // Another administrator resets an administrator's: the last way in is not closed from inside.
    if (input.username === by) throw new UserError('operators.own_totp', 'Another administrator resets your one-time code.', '您的动态口令须由另一名管理员重置。');
    if (!listOperators(ctx.services.db).some((o) => o.username === input.username)) {
      throw new UserError('operators.not_found', `No operator named ${input.username}.`, `操作员 ${input.username} 不存在。`);
    }
    resetTotp(ctx.services.db, input.username, by, ctx.at);
    return {};
  },
  'operators.setTotpPolicy'(ctx, input) {
    setTotpRequiredForAll(ctx.services.db, input.requiredForAll, requireSession(ctx).username, ctx.at);
    return {};
  },
};
