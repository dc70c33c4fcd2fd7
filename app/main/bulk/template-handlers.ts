import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import type { Actor } from '../payments/payment-commands';
import { approveTemplate, createTemplate, listTemplates, retireTemplate } from './payment-templates';

const actor = (ctx: HandlerContext): Actor => ({ username: requireSession(ctx).username, at: ctx.at });

/** Payment templates' handlers (contract: app/shared/contract/handlers/templates.ts). */
export const templateImpls: HandlerImpls<'templates.list' | 'templates.create' | 'templates.approve' | 'templates.retire'> = {
  'templates.list': (ctx, input) => ({ rows: listTemplates(ctx.services.db, input.status) }),
  'templates.create': (ctx, input) => ({ template: createTemplate(ctx.services.db, input, actor(ctx)) }),
  'templates.approve': (ctx, input) => ({ template: approveTemplate(ctx.services.db, input.id, actor(ctx)) }),
  'templates.retire': (ctx, input) => ({ template: retireTemplate(ctx.services.db, input.id, input.note, actor(ctx)) }),
};
