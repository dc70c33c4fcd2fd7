import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
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
import { ensureLeaseTable, fencedStore, FencedError, HouseLease } from './failover/lease';
import { warmHttpLayer } from './failover/warm-standby';
import { houseHttpsOptions, installClientCertGuard, RevocationList, type HouseTlsOptions } from './tls/client-cert-guard';
import type { HouseContext } from './http/house-context';
import { openHouseStore } from './store/open-store';
import { initMeta, readAccounts, readTokenHashes } from './store/participant-queries';
import type { HouseStore } from './store/sql-client';
import { readSeedFile, type SeedFile } from './seed';
import { startSchedules, type ScheduleOptions } from './schedules';
import { TestClock, registerTestClockRoute } from './test-clock';
import { startBusinessClock, tickBusinessClock, type BusinessClockOptions } from './business-clock';
import type { EngineEvent } from '../shared/clearing/events';
import { startSimulator, type SimulatorOptions } from './simulate/simulator';
import { initialBusinessDate as clearingCentreBusinessDate } from '../shared/domain/calendar';
import { readCalendarFile, startingCalendar, loadCalendarAtStart } from './calendar-at-start';
import { Centre, type CentreOptions } from './centre/centre';
import { AutoArchive, type AutoArchiveOptions } from './archive/auto-archive';
import { LoadTrace } from './load-trace';

/** Printed once at every start on PGlite (docs/house.md, "Store"; docs/backup.md). */
export const PGLITE_WARNING =
  'the embedded PGlite store is for development and demos, NOT for production: it does not fsync (a power cut can lose acknowledged payments), has no standby and no WAL archive; run production on PostgreSQL with --database-url';

/** Printed once at every start without TLS. */
export const PLAIN_HTTP_NOTICE = 'plain HTTP on 127.0.0.1: for development only; consoles of other machines need HTTPS with client certificates (house serve --tls DIR --ca DIR)';
const DEFAULT_LEASE_TTL_MS = 5_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

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
  /** A PostgreSQL primary and its standbys (failover mode only): the house writes to whichever is the primary. */
  databaseUrls?: string[];
  /** Failover mode (docs/failover.md): wait for the database lease before serving; stop at once when it is lost. */
  failover?: FailoverOptions;
  /** HTTPS with client certificates (docs/tls.md); without it plain HTTP, on 127.0.0.1 only. */
  tls?: HouseTlsOptions;
  /** Failed-authentication limits (docs/house.md) and, for tests, the clock they run on. */
  authFailures?: Partial<AuthFailureLimits> & { nowMs?: () => number };
  /** The business clock (business-clock.ts): tests inject `nowMs` and may turn the timer off. */
  businessClock?: BusinessClockOptions;
  /**
   * Test only (`--test-clock`): the business clock runs with an offset that `POST /v1/test/clock`
   * (admin token) moves forward, for end-to-end tests of timed payments. Off: the route does not exist.
   */
  testClock?: boolean;
  /** The clearing centre's clock, timers and credit-line hook (docs/centre.md). */
  centre?: CentreOptions;
  /**
   * The house archives its old days by itself (docs/archive.md): at start and after each end of
   * day. Off without it (`house serve --archive-dir DIR [--retention-days N]`).
   */
  archive?: AutoArchiveOptions;
  /** A file for the load trace (load-trace.ts; `HANKOU_LOAD_TRACE` for `house serve`): per-push breakdown, event-loop delay, GC. */
  loadTraceFile?: string;
  /** false: the writer applies nothing while a commit runs (benchmark comparison only; engine-host.ts). */
  pipeline?: boolean;
}

export interface FailoverOptions {
  /** This process's name in the lease; default host:pid. */
  holder?: string;
  /** Lease lifetime without renewal (default 5,000 ms): a standby takes over this long after the active house stopped renewing. */
  leaseTtlMs?: number;
  /** Called once when this house has lost its lease and stopped (the CLI exits). */
  onFenced?: (reason: string) => void;
  /** Called once when this house is ready and waits for the lease held by `holder` (a warm standby). */
  onWaiting?: (holder: string) => void;
}

export interface RunningHouse {
  url: string;
  adminToken: string;
  store: HouseStore;
  host: EngineHost;
  /** Sends the business clock's current minute now (what the per-second timer does); for tests. */
  tickBusinessClock(): Promise<EngineEvent[]>;
  centre: Centre;
  /** The house's own archiving, when `archive` was given. */
  archive?: AutoArchive;
  close(): Promise<void>;
}

/** Starts the clearing house: store, engine, HTTP, schedules and (optionally) the simulator. */
export async function startHouse(options: HouseOptions = {}): Promise<RunningHouse> {
  const logger = options.logger ?? pino({ level: options.logLevel ?? 'info' }, pino.destination(2));
  const seed = options.seed ?? (options.seedFile ? readSeedFile(options.seedFile) : undefined);
  const calendarFile = options.calendarFile ? readCalendarFile(options.calendarFile) : undefined;
  const listenHost = options.host ?? '127.0.0.1';
  if (!options.tls && !LOOPBACK_HOSTS.has(listenHost)) throw new Error(`plain HTTP is for 127.0.0.1 development only: give TLS (--tls DIR --ca DIR) to listen on ${listenHost}`);
  const failover = options.failover;
  if (options.databaseUrls?.length && !failover) throw new Error('several database URLs are for failover mode (--standby): the lease, not a lock, decides which house writes');
  const failoverUrls = failover ? (options.databaseUrls?.length ? options.databaseUrls : options.databaseUrl ? [options.databaseUrl] : []) : [];
  if (failover && failoverUrls.length === 0) throw new Error('failover mode needs PostgreSQL (--database-url), not PGlite');
  const rawStore = await openHouseStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, ...(failover ? { databaseUrls: failoverUrls } : {}) });
  if (rawStore.kind === 'pglite') logger.warn({ event: 'store.not_for_production' }, PGLITE_WARNING);
  const stops: Array<() => Promise<void> | void> = [];
  let store = rawStore;
  let lease: HouseLease | undefined;
  let closeHouse: (() => Promise<void>) | undefined;
  let takeoverStartMs: number | undefined;
  try {
    if (failover) {
      await ensureLeaseTable(rawStore);
      // What needs no lease is done before waiting for it: a takeover's time to serve is what is
      // left after it (docs/failover.md, "What sets the RTO").
      await rawStore.query('ANALYZE payments, feed');
      await warmHttpLayer(rawStore);
      const held = new HouseLease({ holder: failover.holder ?? `${hostname()}:${process.pid}`, ttlMs: failover.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS });
      lease = held;
      stops.push(() => held.stop());
      const waitingSinceMs = performance.now();
      const epoch = await held.acquire(rawStore, (holder) => {
        logger.info({ event: 'lease.waiting', holder }, `standby: the lease is held by ${holder}; waiting for it to lapse`);
        failover.onWaiting?.(holder);
      });
      takeoverStartMs = performance.now();
      logger.info({ event: 'lease.acquired', epoch, waitedMs: Math.round(takeoverStartMs - waitingSinceMs) }, 'lease acquired: this house is the active one');
      // Renewed from now on, not once serving: a start slower than the ttl must not let the
      // lease lapse under it (another standby would take it and this start would be fenced).
      held.startRenewing(rawStore, (reason) => {
        logger.error({ event: 'lease.lost', reason }, `fenced: ${reason}; stopping`);
        if (closeHouse) void closeHouse().then(() => failover.onFenced?.(reason));
      });
      store = fencedStore(rawStore, held);
    }
    const epoch = await initMeta(store, 'epoch', randomBytes(6).toString('hex'));
    const initialBusinessDate = await initMeta(store, 'initial_business_date', options.businessDate ?? clearingCentreBusinessDate(new Date(), await startingCalendar(store, calendarFile)));
    const metrics = new HouseMetrics();
    const trace = options.loadTraceFile ? new LoadTrace(options.loadTraceFile) : undefined;
    if (trace) stops.push(() => trace.stop());
    // The centre starts after the host; until then a committed batch has no one to tell.
    const late: { centre?: Centre; archive?: AutoArchive } = {};
    const host = new EngineHost({
      store,
      factory: options.engineFactory ?? sharedEngineFactory,
      metrics,
      logger,
      initialBusinessDate,
      nowMs: options.centre?.nowMs,
      ...(trace ? { trace } : {}),
      ...(options.pipeline === false ? { pipeline: false } : {}),
      // The shadow engine's thread writes the periodic snapshots on its own connection, except
      // through failover's fenced store (the lease decides who writes): those come back here.
      ...(options.databaseUrl !== undefined && !failover ? { snapshotDatabaseUrl: options.databaseUrl } : {}),
      onCommitted: (batch) => {
        late.centre?.committed(batch);
        late.archive?.committed(batch);
      },
    });
    await host.start();
    stops.push(() => host.close());
    const archive = options.archive ? new AutoArchive(store, host, logger, metrics, options.archive, options.centre?.nowMs) : undefined;
    if (calendarFile && options.calendarFile) await loadCalendarAtStart(host, store, calendarFile, options.calendarFile, logger);
    // Fresh planner statistics for the pull's keyset scans (see ANALYZE_EVERY_PAYMENTS); a
    // standby ran it while it waited.
    if (!failover) await store.query('ANALYZE payments, feed');
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
      ...(archive ? { archive } : {}),
      ...(trace ? { trace } : {}),
    };
    // The clock the business clock reads: the real one, or (test only) one the test clock moves.
    const testClock = options.testClock === true ? new TestClock(options.businessClock?.nowMs ?? Date.now) : undefined;
    if (testClock !== undefined) {
      context.testRoutes = { register: (app) => registerTestClockRoute(app, context, testClock) };
      logger.warn({ event: 'test_clock.enabled' }, 'TEST CLOCK ENABLED: POST /v1/test/clock moves the business clock; never run a production house like this');
    }
    const started = new Centre(context, options.centre);
    await started.start();
    late.centre = started;
    context.centre = started;
    stops.push(() => started.stop());
    const app = buildHouseServer(context, options.tls ? { https: houseHttpsOptions(options.tls) } : {});
    if (options.tls) installClientCertGuard(app, new RevocationList(options.tls.revocationFile, logger), (token) => auth.participantOfToken(token), logger);
    else logger.warn({ event: 'http.plain' }, PLAIN_HTTP_NOTICE);
    stops.unshift(() => app.close());
    const address = await app.listen({ port: options.port ?? 0, host: listenHost });
    const url = address.replace('://[::1]', '://127.0.0.1');

    stops.unshift(startSchedules(host, store, logger, options));
    if (archive) {
      // Before the host closes: a day in progress finishes (its commit goes through the writer).
      stops.unshift(() => archive.stop());
      late.archive = archive;
      logger.info({ event: 'archive.enabled', archiveDir: options.archive?.archiveDir, retentionDays: options.archive?.retentionDays }, 'the house archives closed days past the retention at start and after each end of day');
      archive.request('start');
    }
    const clockNowMs = testClock?.nowMs ?? options.businessClock?.nowMs ?? Date.now;
    stops.unshift(startBusinessClock(host, logger, { ...options.businessClock, nowMs: clockNowMs }));
    if (options.simulate) {
      const simulatorOptions = typeof options.simulate === 'object' ? options.simulate : {};
      const exclude = simulatorOptions.exclude ?? (seed?.participants[0] ? [seed.participants[0].id] : []);
      stops.unshift(await startSimulator(host, store, logger, { ...simulatorOptions, exclude }));
    }
    logger.info({ url, store: store.kind, epoch }, 'house listening');
    let closing: Promise<void> | undefined;
    closeHouse = () => {
      closing ??= (async () => {
        for (const stop of stops) await stop();
        // Stopped cleanly: a standby need not wait for the lease to lapse.
        await lease?.release(rawStore).catch(() => undefined);
        await store.close();
      })();
      return closing;
    };
    // A house that lost its lease stops at once (the renewal above calls closeHouse): its writes
    // are already refused (fenced), and consoles must find the active one rather than wait on
    // 503s here. Lost while starting: the start fails instead.
    if (lease?.lost) throw new FencedError(`fenced while starting: ${lease.lostBecause ?? 'the lease was taken over'}`);
    if (takeoverStartMs !== undefined) logger.info({ event: 'takeover.serving', startMs: Math.round(performance.now() - takeoverStartMs) }, 'serving as the active house');
    return { url, adminToken, store, host, centre: started, ...(archive ? { archive } : {}), tickBusinessClock: () => tickBusinessClock(host, clockNowMs), close: closeHouse };
  } catch (error) {
    for (const stop of stops) await stop();
    await rawStore.close();
    // Lost while starting (a write refused, or the check before serving): fenced like any other.
    if (lease?.lost) failover?.onFenced?.(lease.lostBecause ?? (error as Error).message);
    throw error;
  }
}
