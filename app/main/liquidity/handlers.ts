import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { participantNames } from '../payments/payment-repository';
import { toPaymentRow } from '../payments/payment-record';
import { houseClockMinute, storedHouseAccount } from '../sync/house-account';
import { getSetting, requireSetting } from '../settings/settings';
import { workingCalendar } from '../settings/working-calendar';
import { hasTimingColumns } from '../payments/payment-timing-store';
import { allowedValueDates } from '../../shared/domain/payment-timing';
import { hhmm } from '../../shared/clearing/clock';
import { approveLiquidityChange, listLiquidityProposals, proposeLiquidityChange, rejectLiquidityChange } from './liquidity-proposals';
import { readStoredLiquidity } from './liquidity-state';
import { requestReorder } from './queue-actions';
import { readIntraday } from './intraday-read';
import { readQueueView } from './queue-view';
import { chooseQueueSource } from './queue-source';
import { lastLiquidityCheck } from './liquidity-check';
import type { Db } from '../store/open-database';

type LiquidityHandlerName = 'liquidity.state' | 'liquidity.intraday' | 'liquidity.queue' | 'liquidity.propose' | 'liquidity.approve' | 'liquidity.reject' | 'payments.requestReorder' | 'payments.timing';

const counterpartiesSql = (db: Db) =>
  db.prepare<[], { id: string; name: string; bankCode: string }>('SELECT id, name, bank_code AS bankCode FROM participants WHERE is_self = 0 ORDER BY bank_code').all();

const lastAccount = storedHouseAccount;

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
  'payments.timing'(ctx) {
    const { db } = ctx.services;
    const businessDate = requireSetting(db, 'business_date');
    const clock = houseClockMinute(db, businessDate);
    return {
      linked: hasTimingColumns(db),
      businessDate,
      clock: clock === undefined ? null : hhmm(clock),
      valueDates: allowedValueDates(businessDate, workingCalendar(db)),
    };
  },
  'liquidity.queue'(ctx) {
    const { db, houseQueue } = ctx.services;
    houseQueue?.want();
    const { source, house } = chooseQueueSource({
      connection: ctx.services.linkStatus().connection,
      fetched: houseQueue?.latest(),
      nowMs: ctx.services.now().getTime(),
      businessDate: getSetting(db, 'business_date') ?? null,
    });
    return readQueueView(db, source, house);
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
