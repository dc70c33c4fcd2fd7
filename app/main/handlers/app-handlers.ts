import type { HandlerImpls } from './handler-context';
import { requireSession } from './handler-context';
import { listParticipants } from '../settings/participants';
import { acknowledgeAlert, listAlerts } from '../alerts/alert-repository';
import { UserError } from '../user-error';
import { currentAppStatus } from './app-status';

export const appImpls: HandlerImpls<'app.status' | 'participants.list' | 'alerts.list' | 'alerts.ack'> = {
  'app.status'(ctx) {
    return currentAppStatus(ctx.services);
  },
  'participants.list'(ctx) {
    return listParticipants(ctx.services.db).map((p) => ({ id: p.id, name: p.name, bankCode: p.bankCode, self: p.self }));
  },
  'alerts.list'(ctx) {
    return { alerts: listAlerts(ctx.services.db) };
  },
  'alerts.ack'(ctx, input) {
    if (!acknowledgeAlert(ctx.services.db, input.id, requireSession(ctx).username, ctx.at)) {
      throw new UserError('not_found', `No alert ${input.id}.`, `提醒 ${input.id} 不存在。`);
    }
    return {};
  },
};
