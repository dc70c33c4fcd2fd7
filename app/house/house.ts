import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { parseAmount } from '../shared/money/parse';
import { hashToken, newToken } from './auth/tokens';
import { EngineHost } from './engine/engine-host';
import { sharedEngineFactory, type EngineFactory } from './engine/clearing-engine-port';
import { HouseMetrics } from './http/metrics';
import { ParticipantAuth } from './http/participant-auth';
import { AuthFailureGuard } from './auth/auth-failure-guard';
import { AuthFailureLimiter, DEFAULT_AUTH_FAILURE_LIMITS, type AuthFailureLimits } from './auth/auth-failure-limiter';
import { appendHouseAudit } from './store/audit-log';
import { buildHouseServer } from './http/server';
import type { HouseContext } from './http/house-context';
import { openHouseStore } from './store/open-store';
import { initMeta, readAccounts, readTokenHashes } from './store/participant-queries';
import type { HouseStore } from './store/sql-client';
import { readSeedFile, type SeedFile } from './seed';
import { startSchedules, type ScheduleOptions } from './schedules';
import { startBusinessClock, tickBusinessClock, type BusinessClockOptions } from './business-clock';
import type { EngineEvent } from '../shared/clearing/events';
import { startSimulator, type SimulatorOptions } from './simulate/simulator';
import { initialBusinessDate as clearingCentreBusinessDate } from '../shared/domain/calendar';
import { readCalendarFile, startingCalendar, loadCalendarAtStart } from './calendar-at-start';

export interface HouseOptions extends ScheduleOptions {
  /** 0 picks a free port. Always bound to 127.0.0.1 unless `host` says otherwise. */
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  seedFile?: string;
  seed?: SeedFile;
  /** A year of the working-day calendar to load at start (docs/calendar.md); replaces that year if it differs. */
  calendarFile?: string;
  /** Without one a random token is made and returned. */
  adminToken?: string;
  simulate?: boolean | SimulatorOptions;
  logLevel?: pino.Level | 'silent';
  logger?: Logger;
  /** Business date of a brand-new ledger; default today (UTC). */
  businessDate?: string;
  engineFactory?: EngineFactory;
  /** Failed-authentication limits (docs/house.md) and, for tests, the clock they run on. */
  authFailures?: Partial<AuthFailureLimits> & { nowMs?: () => number };
  /** The business clock (business-clock.ts): tests inject `nowMs` and may turn the timer off. */
  businessClock?: BusinessClockOptions;
}

export interface RunningHouse {
  url: string;
  adminToken: string;
  store: HouseStore;
  host: EngineHost;
  /** Sends the business clock's current minute now (what the per-second timer does); for tests. */
  tickBusinessClock(): Promise<EngineEvent[]>;
  close(): Promise<void>;
}

/** Starts the clearing house: store, engine, HTTP, schedules and (optionally) the simulator. */
export async function startHouse(options: HouseOptions = {}): Promise<RunningHouse> {
  const logger = options.logger ?? pino({ level: options.logLevel ?? 'info' }, pino.destination(2));
  const seed = options.seed ?? (options.seedFile ? readSeedFile(options.seedFile) : undefined);
  const calendarFile = options.calendarFile ? readCalendarFile(options.calendarFile) : undefined;
  const store = await openHouseStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const epoch = await initMeta(store, 'epoch', randomBytes(6).toString('hex'));
    const initialBusinessDate = await initMeta(store, 'initial_business_date', options.businessDate ?? clearingCentreBusinessDate(new Date(), await startingCalendar(store, calendarFile)));
    const metrics = new HouseMetrics();
    const host = new EngineHost({ store, factory: options.engineFactory ?? sharedEngineFactory, metrics, logger, initialBusinessDate });
    await host.start();
    stops.push(() => host.close());
    if (calendarFile && options.calendarFile) await loadCalendarAtStart(host, store, calendarFile, options.calendarFile, logger);
    // Fresh planner statistics for the pull's keyset scans (see ANALYZE_EVERY_PAYMENTS).
    await store.query('ANALYZE payments, feed');
    const adminToken = options.adminToken ?? newToken();
    const guard = new AuthFailureGuard(
      new AuthFailureLimiter({ ...DEFAULT_AUTH_FAILURE_LIMITS, ...options.authFailures }, options.authFailures?.nowMs ?? Date.now),
      logger,
      async (entries) => {
        await store.transaction((tx) => appendHouseAudit(tx, entries));
      },
    );
    stops.push(() => guard.close());
    const auth = new ParticipantAuth(await readTokenHashes(store), adminToken, guard);

    if (seed && (await readAccounts(store)).length === 0) {
      for (const p of seed.participants) {
        await host.operate({
          command: {
            type: 'addParticipant',
            id: p.id,
            balanceMinor: parseAmount(p.balance, 'CNY'),
            netDebitCapMinor: parseAmount(p.netDebitCap, 'CNY'),
          },
          participantRow: { id: p.id, name: p.name, bankCode: p.bankCode, tokenSha256: hashToken(p.token) },
          audit: { actor: 'seed', action: 'participant.added', entity: 'participant', entityId: p.id, detail: { name: p.name, bankCode: p.bankCode, balance: p.balance, netDebitCap: p.netDebitCap } },
        });
      }
      auth.replaceAll(await readTokenHashes(store));
      logger.info({ participants: seed.participants.length }, 'seeded participants');
    }

    const context: HouseContext = {
      store,
      host,
      metrics,
      auth,
      logger,
      epoch,
      businessDate: () => host.view()?.businessDate() ?? initialBusinessDate,
    };
    const app = buildHouseServer(context);
    stops.unshift(() => app.close());
    const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const url = address.replace('://[::1]', '://127.0.0.1');

    stops.unshift(startSchedules(host, store, logger, options));
    stops.unshift(startBusinessClock(host, logger, options.businessClock ?? {}));
    const clockNowMs = options.businessClock?.nowMs ?? Date.now;
    if (options.simulate) {
      const simulatorOptions = typeof options.simulate === 'object' ? options.simulate : {};
      const exclude = simulatorOptions.exclude ?? (seed?.participants[0] ? [seed.participants[0].id] : []);
      stops.unshift(await startSimulator(host, store, logger, { ...simulatorOptions, exclude }));
    }
    logger.info({ url, store: store.kind, epoch }, 'house listening');
    let closing: Promise<void> | undefined;
    return {
      url,
      adminToken,
      store,
      host,
      tickBusinessClock: () => tickBusinessClock(host, clockNowMs),
      close() {
        closing ??= (async () => {
          for (const stop of stops) await stop();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    await store.close();
    throw error;
  }
}
