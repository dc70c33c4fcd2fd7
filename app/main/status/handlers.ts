import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { listParticipants } from '../settings/participants';
import { pinyinInitials } from '../settings/participant-initials';
import { acknowledgeNotice, listNotices } from '../notices/notice-repository';
import { UserError } from '../user-error';
import { currentAppStatus } from './app-status';

export const appImpls: HandlerImpls<'app.status' | 'participants.list' | 'notices.list' | 'notices.ack'> = {
  'app.status'(ctx) {
    return currentAppStatus(ctx.services);
  },
  'participants.list'(ctx) {
    // With the directory's status and pinyin initials: payment entry looks a bank up by 行号, 拼音首字母 or name.
    return listParticipants(ctx.services.db).map((p) => ({ id: p.id, name: p.name, bankCode: p.bankCode, self: p.self, active: p.active ?? true, initials: pinyinInitials(p.name) }));
  },
  'notices.list'(ctx) {
    return { notices: listNotices(ctx.services.db) };
  },
  'notices.ack'(ctx, input) {
    if (!acknowledgeNotice(ctx.services.db, input.id, requireSession(ctx).username, ctx.at)) {
      throw new UserError('not_found', `No notice ${input.id}.`, `提醒 ${input.id} 不存在。`);
    }
    return {};
  },
};
