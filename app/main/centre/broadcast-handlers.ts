import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { UserError } from '../user-error';
import { broadcastsFor, markBroadcastRead } from './broadcast-reads';

export const centreBankImpls: HandlerImpls<'broadcasts.list' | 'broadcasts.markRead'> = {
  'broadcasts.list'(ctx) {
    return { broadcasts: broadcastsFor(ctx.services.db, requireSession(ctx).username) };
  },
  'broadcasts.markRead'(ctx, input) {
    if (!markBroadcastRead(ctx.services.db, input.id, requireSession(ctx).username, ctx.at)) {
      throw new UserError('not_found', `No broadcast ${input.id}.`, `公告 ${input.id} 不存在。`);
    }
    return {};
  },
};
