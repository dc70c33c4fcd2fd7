import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { participantNames } from '../payments/payment-repository';
import { toPaymentRow } from '../payments/payment-record';
import { getSyncState } from '../sync/sync-state';
import { accountResponseSchema, type AccountResponse } from '../../shared/contract/sync-protocol';
import { approveLiquidityChange, listLiquidityProposals, proposeLiquidityChange, rejectLiquidityChange } from './liquidity-proposals';
import { readStoredLiquidity } from './liquidity-state';
import { requestReorder } from './queue-actions';
import { readIntraday } from './intraday-read';
import { lastLiquidityCheck } from './liquidity-check';
import type { Db } from '../store/open-database';

type LiquidityHandlerName = 'liquidity.state' | 'liquidity.intraday' | 'liquidity.propose' | 'liquidity.approve' | 'liquidity.reject' | 'payments.requestReorder';

const counterpartiesSql = (db: Db) =>
  db.prepare<[], { id: string; name: string; bankCode: string }>('SELECT id, name, bank_code AS bankCode FROM participants WHERE is_self = 0 ORDER BY bank_code').all();

/** The last account the sync loop stored; absent (or from an older house) it is null. */
function lastAccount(db: Db): AccountResponse | null {
  const raw = getSyncStateSafe(db);
  if (raw === undefined) return null;
  const parsed = accountResponseSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

function getSyncStateSafe(db: Db): string | undefined {
  // Without a house link the sync tables do not exist.
  const hasSync = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").pluck().get();
  return hasSync === undefined ? undefined : getSyncState(db, 'house_account');
}

export const liquidityImpls: HandlerImpls<LiquidityHandlerName> = {
  'liquidity.state'(ctx) {
    const { db } = ctx.services;
    const stored = readStoredLiquidity(db);
    return {
      controls: stored?.controls ?? null,
      controlsDate: stored?.businessDate ?? null,
      warningBelow: stored?.warningBelow ?? false,
      account: lastAccount(db),
      counterparties: counterpartiesSql(db),
      proposals: listLiquidityProposals(db),
      check: lastLiquidityCheck(db) ?? null,
    };
  },
  'liquidity.intraday'(ctx, input) {
    const { db } = ctx.services;
    return readIntraday(db, { businessDate: input.businessDate, account: lastAccount(db), controls: readStoredLiquidity(db)?.controls ?? null });
  },
  'liquidity.propose'(ctx, input) {
    const proposal = proposeLiquidityChange(ctx.services.db, { kind: input.kind, payload: input.payload, note: input.note, username: requireSession(ctx).username, at: ctx.at });
    return { proposal };
  },
  'liquidity.approve'(ctx, input) {
    const proposal = approveLiquidityChange(ctx.services.db, ctx.services.actionLink, { id: input.id, note: input.note, username: requireSession(ctx).username, at: ctx.at });
    return { proposal };
  },
  'liquidity.reject'(ctx, input) {
    const proposal = rejectLiquidityChange(ctx.services.db, { id: input.id, note: input.note, username: requireSession(ctx).username, at: ctx.at });
    return { proposal };
  },
  'payments.requestReorder'(ctx, input) {
    const { db } = ctx.services;
    const row = requestReorder(db, ctx.services.actionLink, { id: input.id, to: input.to, reason: input.reason, username: requireSession(ctx).username, at: ctx.at });
    ctx.services.emit('payments.changed', { ids: [row.id], all: false });
    return { payment: toPaymentRow(row, participantNames(db)) };
  },
};
