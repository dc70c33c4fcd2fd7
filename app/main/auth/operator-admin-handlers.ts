import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { changeOwnPassword, createOperatorWithOneTimePassword, resetOperatorPassword, setOperatorRoles } from './operator-admin';

export const operatorAdminImpls: HandlerImpls<'auth.changePassword' | 'operators.create' | 'operators.setRoles' | 'operators.resetPassword'> = {
  async 'auth.changePassword'(ctx, input) {
    const session = requireSession(ctx);
    await changeOwnPassword(ctx.services.db, session.username, input.current, input.next, ctx.at);
    // The one-time password is gone: the session may do its work now.
    ctx.services.sessions.passwordChanged(ctx.sessionKey);
    return {};
  },
  async 'operators.create'(ctx, input) {
    const oneTimePassword = await createOperatorWithOneTimePassword(ctx.services.db, input, requireSession(ctx).username, ctx.at);
    return { username: input.username, oneTimePassword };
  },
  'operators.setRoles'(ctx, input) {
    setOperatorRoles(ctx.services.db, input.username, input.roles, requireSession(ctx).username, ctx.at);
    return {};
  },
  async 'operators.resetPassword'(ctx, input) {
    const oneTimePassword = await resetOperatorPassword(ctx.services.db, input.username, requireSession(ctx).username, ctx.at);
    return { username: input.username, oneTimePassword };
  },
};
