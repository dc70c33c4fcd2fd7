import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { listOperatorLimits, operatorLimits, setOperatorLimits } from './operator-limits';

export const operatorLimitsImpls: HandlerImpls<'operators.limits.list' | 'operators.limits.set' | 'operators.limits.mine'> = {
  'operators.limits.list': (ctx) => ({ rows: listOperatorLimits(ctx.services.db) }),
  'operators.limits.set': (ctx, input) => setOperatorLimits(ctx.services.db, input, requireSession(ctx).username, ctx.at),
  'operators.limits.mine': (ctx) => operatorLimits(ctx.services.db, requireSession(ctx).username),
};
