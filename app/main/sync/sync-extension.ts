import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { requireSetting } from '../settings/settings';
import { currentAppStatus } from '../status/app-status';
import { MESSAGE_MIGRATIONS } from '../messages/migrations';
import { SYNC_MIGRATIONS } from './migrations/index';
import { HouseClient } from './house-client';
import { enqueueOutbox } from './outbox';
import { SyncLoop } from './sync-loop';
import { checkClosedCycle } from './cycle-check';
import { formatAmount } from '../../shared/money/format';
import { checkLiquidity, liquidityCheckNotice } from '../liquidity/liquidity-check';
import { HouseQueueCache } from './house-queue';

export interface SyncOptions {
  /** e.g. http://127.0.0.1:4100 */
  houseUrl: string;
  /** This bank's bearer token at the house. */
  token: string;
  fetch?: typeof fetch;
  idleIntervalMs?: number;
  /** Offline, the longest wait between retries (default MAX_BACKOFF_MS, 30 s). */
  maxBackoffMs?: number;
  /** Tests step the loop by hand. */
  autoStart?: boolean;
  /** Gives the test (or host) the running loop. */
  onLoop?: (loop: SyncLoop) => void;
}

/**
 * Plugs the sync link into the console back end: its migrations, the outbox step of the verify
 * pipeline, the payment-action link, the background loop, the status bar source, notices for rejections.
 */
export function createSyncExtension(options: SyncOptions): BackendExtension {
  return (services) => {
    const { db } = services;
    migrate(db, SYNC_MIGRATIONS);
    // Pulled `message` changes land in the messages tables (idempotent if the messages extension ran first).
    migrate(db, MESSAGE_MIGRATIONS);
    const selfId = requireSetting(db, 'self_participant');
    const deviceId = `${selfId}-${requireSetting(db, 'device_id')}`;
    // The liquidity shadow check is told once per set of differences, not every quiet round.
    let toldLiquidity = '';
    const houseQueue = new HouseQueueCache();
    const loop = new SyncLoop({
      db,
      client: new HouseClient(options.houseUrl.replace(/\/$/, ''), options.token, options.fetch),
      selfId,
      deviceId,
      now: services.now,
      log: services.log,
      idleIntervalMs: options.idleIntervalMs,
      maxBackoffMs: options.maxBackoffMs,
      onPaymentsChanged: (ids) => services.emit('payments.changed', ids.length > 500 ? { ids: [], all: true } : { ids, all: false }),
      onNotices: (notices) => {
        notices.forEach((notice) => services.emit('notice', notice));
        // A position warning also shows in the status bar: push it at once.
        if (notices.length > 0) services.emit('status', currentAppStatus(services));
      },
      onReference: (broadcasts, referenceChanged) => {
        broadcasts.forEach((broadcast) => services.emit('broadcast', broadcast));
        // A new schedule moves the status bar's countdown; a directory change the entry's banks.
        if (referenceChanged) {
          services.emit('status', currentAppStatus(services));
          services.emit('data.changed', { handler: 'directory.changed', by: 'house' });
        }
      },
      onRejected: (r) => services.raiseNotice({ severity: 'error', message: r.message, messageZh: r.messageZh, paymentId: r.paymentId }),
      onCycles: (cycles) => {
        for (const cycle of cycles) {
          const check = checkClosedCycle(db, selfId, cycle);
          if (check.agrees) continue;
          const house = formatAmount(cycle.netMinor, 'CNY');
          const local = formatAmount(check.localNetMinor, 'CNY');
          services.raiseNotice({
            severity: 'error',
            message: `Cycle ${cycle.cycleId} of ${cycle.businessDate}: the house's net ${house} differs from this console's replay ${local}`,
            messageZh: `${cycle.businessDate} 第 ${cycle.cycleId} 场次：清算中心轧差净额 ${house} 与本机重算结果 ${local} 不一致`,
            paymentId: null,
          });
        }
      },
      onQuiet: () => {
        try {
          const check = checkLiquidity(db, selfId, services.now().toISOString());
          // Told once per set of differing items: figures that keep moving while the same items
          // disagree (traffic goes on) are the same finding, not a new one every quiet round.
          const told = check === undefined || check.agrees ? '' : check.differences.map((d) => d.item).sort().join(',');
          if (check !== undefined && told !== '' && told !== toldLiquidity) services.raiseNotice({ severity: 'error', ...liquidityCheckNotice(check), paymentId: null });
          toldLiquidity = told;
        } catch (error) {
          // A check that cannot run must not take the link down.
          services.log(`sync: liquidity check failed: ${String((error as Error).stack ?? error)}`);
        }
      },
      onConnection: (connection) => {
        services.log(`sync: house ${connection}`);
        // A whole round (pull pages, account) committed: the store takes writes again.
        if (connection === 'online') services.storeHealth.writeCommitted();
        // The status bar changes at once, not at its next poll.
        services.emit('status', currentAppStatus(services));
      },
      onStoreError: (error) => services.storeHealth.writeFailed(error),
      houseQueue,
      // 排队管理 reloads (its data area is payments) to show the house's order.
      onHouseQueue: () => services.emit('data.changed', { handler: 'payments.houseQueue', by: 'house' }),
    });
    const removeOutbox = services.verify.setOutbox((stepDb, payment) => {
      const queued = enqueueOutbox(stepDb, payment, services.now().toISOString());
      // Push after the verify transaction commits, not inside it.
      queueMicrotask(() => loop.nudge());
      return queued;
    });
    services.actionLink = { nudge: () => loop.nudge() };
    services.houseQueue = {
      latest: () => houseQueue.latest(),
      want: () => {
        const nowMs = services.now().getTime();
        houseQueue.want(nowMs);
        // The screen just opened (or the answer aged): fetch now rather than at the next round.
        if (!houseQueue.fresh(nowMs) && loop.connection === 'online') loop.nudge();
      },
    };
    services.setLinkStatus(() => ({ connection: loop.connection, pendingOutbox: loop.pending() }));
    options.onLoop?.(loop);
    if (options.autoStart !== false) loop.start();
    return async () => {
      removeOutbox();
      services.actionLink = null;
      services.houseQueue = null;
      await loop.stop();
    };
  };
}

// Where the URL and token come from (arguments, HANKOU_HOUSE_URL/HANKOU_HOUSE_TOKEN for one run,
// or the link sealed in the store) is the host's business: see settings/house-link.ts.
