import type { FastifyInstance } from 'fastify';
import type { BatchEffects } from '../engine/batch-effects';
import type { HouseContext } from '../http/house-context';
import { AlertRules } from './alert-rules';
import { registerBankCentreRoutes } from './bank-routes';
import { Broadcasts } from './broadcasts';
import { BusinessDay } from './business-day';
import { CentreAuth } from './centre-auth';
import { registerCentreAuthRoutes } from './centre-auth-routes';
import { centreExecutors, type CreditLineSetter } from './centre-executors';
import { registerCentreRoutes } from './centre-routes';
import { registerCentrePaymentRoutes } from './payment-routes';
import { ALERT_EVERY_MS, Monitor } from './monitor';
import { Proposals } from './proposals';
import { Suspensions } from './suspensions';

export interface CentreOptions {
  /** The centre's clock (sessions, TOTP, schedule, alerts); tests inject one. Default Date.now. */
  nowMs?: () => number;
  /** Run the schedule and alert timers (tests call runDue/evaluate by hand). Default true. */
  timers?: boolean;
  /** Carries out an approved `creditLine.set` (liquidity controls); without it that proposal is 501. */
  setCreditLine?: CreditLineSetter;
}

/**
 * The clearing centre's side of the house (docs/centre.md, docs/monitoring.md), put together:
 * operator accounts and sessions, maker-checker, the business-day schedule with its cut-offs,
 * broadcasts, the directory, monitoring and alerts, reports.
 */
export class Centre {
  readonly auth: CentreAuth;
  readonly businessDay: BusinessDay;
  readonly broadcasts: Broadcasts;
  readonly suspensions: Suspensions;
  readonly alertRules: AlertRules;
  readonly monitor: Monitor;
  readonly proposals: Proposals;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly house: HouseContext,
    private readonly options: CentreOptions = {},
  ) {
    const nowMs = options.nowMs ?? Date.now;
    this.auth = new CentreAuth(house.store, nowMs, house.logger);
    this.businessDay = new BusinessDay(house.store, house.host, house.businessDate, nowMs, house.logger);
    this.broadcasts = new Broadcasts(house.store, house.host, nowMs);
    this.suspensions = new Suspensions(house.store, house.host);
    this.alertRules = new AlertRules(house.store, nowMs);
    this.monitor = new Monitor(house.store, house.host, house.metrics, this.alertRules, nowMs, house.archive);
    this.proposals = new Proposals(
      house.store,
      centreExecutors({ store: house.store, host: house.host, auth: house.auth, businessDay: this.businessDay, suspensions: this.suspensions, businessDate: house.businessDate, setCreditLine: options.setCreditLine }),
      nowMs,
    );
  }

  async start(): Promise<void> {
    await this.auth.load();
    await this.businessDay.load();
    await this.broadcasts.load();
    await this.suspensions.load();
    await this.alertRules.load();
    // The house archives by itself: its failures reach the centre as an alert (docs/archive.md).
    if (this.house.archive !== undefined) await this.alertRules.ensure({ kind: 'archive_failed' }, 'house');
    await this.monitor.load(this.house.businessDate());
    this.house.auth.disableAdminWhen(() => this.auth.adminTokenDisabled);
    // Cut-offs and suspension refuse a new payment before the engine sees it (reason code, kept for replays).
    this.house.host.admission = (payload, submitterId) => {
      const from = payload.kind === 'bill' ? payload.to : submitterId;
      const to = payload.kind === 'bill' ? submitterId : payload.to;
      if (this.suspensions.has(from) || this.suspensions.has(to)) return 'PARTICIPANT_SUSPENDED';
      const valueDate = (payload as { valueDate?: unknown }).valueDate;
      return this.businessDay.admission(payload.kind, typeof valueDate === 'string' ? valueDate : undefined);
    };
    // An inquiry's reply is due by the next working day's interbank cut-off (docs/messages.md).
    this.house.host.interbankCutoff = (date) => this.businessDay.scheduleFor(date)?.interbankCutoff;
    if (this.options.timers !== false) {
      this.stops.push(this.businessDay.start());
      const alerts = setInterval(() => {
        this.alertRules.evaluate(this.monitor.alertFacts()).catch((error: unknown) => this.house.logger.warn({ err: error }, 'alert evaluation failed'));
      }, ALERT_EVERY_MS);
      alerts.unref();
      this.stops.push(() => clearInterval(alerts));
    }
  }

  /** Each committed batch (the engine host's onCommitted). */
  committed(batch: BatchEffects): void {
    this.monitor.stats.record(batch, this.house.businessDate());
    if (batch.newParticipants.length > 0) void this.monitor.refreshNames();
  }

  /** Every centre route as `METHOD /path` (the authority tests walk them all). */
  readonly routes: string[] = [];

  register(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) if (route.url.startsWith('/v1/centre/') && method !== 'HEAD') this.routes.push(`${method} ${route.url}`);
    });
    registerCentreAuthRoutes(app, this.auth, this.house.auth, this.options.nowMs ?? Date.now);
    registerCentreRoutes(app, this.house, this);
    registerCentrePaymentRoutes(app, this.house);
    registerBankCentreRoutes(app, this.house, this.businessDay, this.broadcasts, this.monitor);
  }

  stop(): void {
    for (const stop of this.stops) stop();
  }
}
