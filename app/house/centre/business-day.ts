import type { Logger } from 'pino';
import { admissionRefusal, businessScheduleSchema, scheduleEvents, scheduleState, type BusinessSchedule, type ScheduleState } from '../../shared/domain/business-day';
import type { PaymentKind } from '../../shared/domain/payment';
import type { EngineCommand } from '../../shared/clearing/commands';
import type { EngineHost } from '../engine/engine-host';
import { calendarNextBusinessDate } from '../store/calendar-store';
import type { HouseStore } from '../store/sql-client';

/** How often the schedule is looked at: cut-offs and cycles happen within a second of their time. */
export const SCHEDULE_TICK_MS = 1000;

/**
 * The business-day schedule at the house (docs/centre.md): the default and per-date overrides
 * (table business_schedules), the admission rule the push path asks before the engine sees a
 * payment, and the timer that closes DNS cycles and runs end of day at their times. The clock
 * is injected so tests drive the day by hand (`runDue`).
 */
export class BusinessDay {
  private readonly schedules = new Map<string, BusinessSchedule>();
  /** `<date>|<kind>|<time>` already run (or passed before this process started). */
  private readonly done = new Set<string>();
  private running = false;

  constructor(
    private readonly store: HouseStore,
    private readonly host: EngineHost,
    private readonly businessDate: () => string,
    private readonly nowMs: () => number,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const { rows } = await this.store.query<{ day: string; schedule: unknown }>('SELECT day, schedule FROM business_schedules');
    for (const row of rows) {
      const schedule = businessScheduleSchema.parse(typeof row.schedule === 'string' ? JSON.parse(row.schedule) : row.schedule);
      this.schedules.set(row.day, schedule);
    }
    // Cycle times already past when the house starts are not made up for (their payments go to
    // the next cycle); a missed end of day is (runDue runs it at once).
    this.markPassedCycles();
  }

  private markPassedCycles(): void {
    const date = this.businessDate();
    const schedule = this.scheduleFor(date);
    if (!schedule) return;
    const now = this.nowMs();
    for (const event of scheduleEvents(schedule, date)) {
      if (event.kind === 'cycle' && event.atMs <= now) this.done.add(`${date}|cycle|${event.time}`);
    }
  }

  scheduleFor(date: string): BusinessSchedule | null {
    return this.schedules.get(date) ?? this.schedules.get('default') ?? null;
  }

  /** Every stored schedule: 'default' and the dated overrides. */
  all(): Array<{ day: string; schedule: BusinessSchedule }> {
    return [...this.schedules].sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1)).map(([day, schedule]) => ({ day, schedule }));
  }

  state(): ScheduleState {
    const date = this.businessDate();
    return scheduleState(this.scheduleFor(date), date, this.nowMs());
  }

  /** The refusal for a new payment now, if the schedule forbids it (none without a schedule). */
  admission(kind: PaymentKind, valueDate: string | undefined): 'DAY_NOT_OPEN' | 'AFTER_CUT_OFF' | undefined {
    const date = this.businessDate();
    const schedule = this.scheduleFor(date);
    if (!schedule) return undefined;
    return admissionRefusal(schedule, date, this.nowMs(), kind, valueDate);
  }

  /**
   * Stores (or with null removes) the schedule of a day, publishes it to every console and
   * audits it, in one commit of the writer.
   */
  async set(day: string, schedule: BusinessSchedule | null, audit: { actor: string; detail: Record<string, unknown> }): Promise<void> {
    const at = new Date(this.nowMs()).toISOString();
    await this.host.publish({
      feed: { type: 'schedule', data: { day, schedule } },
      write: async (tx) => {
        if (schedule === null) await tx.query('DELETE FROM business_schedules WHERE day = $1', [day]);
        else {
          await tx.query(
            `INSERT INTO business_schedules (day, schedule, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (day) DO UPDATE SET schedule = excluded.schedule, updated_at = excluded.updated_at`,
            [day, JSON.stringify(schedule), at],
          );
        }
      },
      audit: { actor: audit.actor, action: 'schedule.set', entity: 'schedule', entityId: day, detail: { schedule, ...audit.detail } },
    });
    if (schedule === null) this.schedules.delete(day);
    else this.schedules.set(day, schedule);
    // A schedule set mid-day does not close the cycles whose time has already gone.
    this.markPassedCycles();
  }

  /**
   * Runs what is due: DNS cycle closes whose time has come and, once its time has passed, end
   * of day (to the next working day of the calendar). Each runs once; the audit names the
   * schedule as the actor. Returns what ran (tests).
   */
  async runDue(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const ran: string[] = [];
    try {
      const date = this.businessDate();
      const schedule = this.scheduleFor(date);
      if (!schedule) return ran;
      const now = this.nowMs();
      for (const event of scheduleEvents(schedule, date)) {
        if (event.atMs > now) break;
        if (event.kind !== 'cycle' && event.kind !== 'endOfDay') continue;
        const key = `${date}|${event.kind}|${event.time}`;
        if (this.done.has(key)) continue;
        this.done.add(key);
        let command: EngineCommand = { type: 'closeCycle' };
        if (event.kind === 'endOfDay') {
          const next = await calendarNextBusinessDate(this.store, date);
          command = next ? { type: 'endOfDay', nextBusinessDate: next } : { type: 'endOfDay' };
        }
        await this.host.operate({
          command,
          audit: { actor: 'schedule', action: event.kind === 'cycle' ? 'cycle.closed' : 'endOfDay', entity: 'house', entityId: event.kind === 'cycle' ? 'dns' : 'day', detail: { scheduledAt: event.time, businessDate: date } },
        });
        ran.push(`${event.kind}@${event.time}`);
        this.logger.info({ event: `schedule.${event.kind}`, time: event.time, businessDate: date }, 'scheduled step ran');
        if (event.kind === 'endOfDay') {
          this.markPassedCycles();
          break;
        }
      }
    } finally {
      this.running = false;
    }
    return ran;
  }

  /** The timer; returns its stop. */
  start(): () => void {
    const timer = setInterval(() => {
      this.runDue().catch((error: unknown) => this.logger.warn({ err: error }, 'scheduled step failed'));
    }, SCHEDULE_TICK_MS);
    timer.unref();
    return () => clearInterval(timer);
  }
}
