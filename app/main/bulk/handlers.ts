import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import type { Actor } from '../payments/payment-commands';
import { batchDetail, dropLine, fixLine, importBulk, listBatches, verifyBatch } from './bulk-batches';
import { exportPain002 } from './bulk-pain002';

type BulkHandlerName = 'bulk.import' | 'bulk.batches.list' | 'bulk.batches.get' | 'bulk.lines.fix' | 'bulk.lines.drop' | 'bulk.batches.verify' | 'bulk.batches.exportPain002';

const actor = (ctx: HandlerContext): Actor => ({ username: requireSession(ctx).username, at: ctx.at });

/** Bulk import's handlers (contract: app/shared/contract/handlers/bulk.ts). */
export const bulkImpls: HandlerImpls<BulkHandlerName> = {
  'bulk.import': (ctx, input) => importBulk(ctx.services.db, input, actor(ctx)),
  'bulk.batches.list': (ctx, input) => ({ rows: listBatches(ctx.services.db, input.status) }),
  'bulk.batches.get': (ctx, input) => batchDetail(ctx.services.db, input),
  'bulk.lines.fix': (ctx, input) => fixLine(ctx.services.db, input, actor(ctx)),
  'bulk.lines.drop': (ctx, input) => dropLine(ctx.services.db, input, actor(ctx)),
  'bulk.batches.verify': (ctx, input) => {
    const outcome = verifyBatch(ctx.services.db, input, actor(ctx), ctx.services.verify);
    ctx.services.emit('payments.changed', { ids: outcome.paymentIds, all: false });
    return outcome;
  },
  'bulk.batches.exportPain002': (ctx, input) => exportPain002(ctx.services.db, input.batchId, ctx.at),
};
