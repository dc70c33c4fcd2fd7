import { z } from 'zod';
import type { PaymentKind } from './payment';

/**
 * The clearing centre's business-day schedule (docs/centre.md). Times are "HH:MM" on the
 * house's business clock, Beijing time (UTC+8, no daylight saving), on the business date
 * itself. Pure: the house decides admissions with it and consoles count down to the next
 * cut-off with the same functions.
 */
export const BUSINESS_CLOCK_OFFSET_MS = 8 * 3_600_000;
/** DNS cycle closes a day can hold: one every 15 minutes over 12 hours is plenty. */
export const MAX_CYCLE_TIMES = 48;

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time is HH:MM (00:00 to 23:59)' });

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const businessScheduleSchema = z
  .object({
    opening: timeOfDaySchema,
    /** After it, customer (BEPS and bill) payments are refused. */
    customerCutoff: timeOfDaySchema,
    /** After it, no new payment is admitted (HVPS included); queues still settle. */
    interbankCutoff: timeOfDaySchema,
    /** DNS cycle closes, ascending, between opening and end of day. */
    cycleTimes: z.array(timeOfDaySchema).max(MAX_CYCLE_TIMES),
    /** 日切: the house runs end of day at this time unless the centre ran it by hand. */
    endOfDay: timeOfDaySchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    const order: Array<[keyof typeof s, string]> = [
      ['opening', s.opening],
      ['customerCutoff', s.customerCutoff],
      ['interbankCutoff', s.interbankCutoff],
      ['endOfDay', s.endOfDay],
    ];
    for (let i = 1; i < order.length; i += 1) {
      const [name, time] = order[i] as [string, string];
      const [previousName, previous] = order[i - 1] as [string, string];
      const strict = name === 'customerCutoff' || name === 'endOfDay';
      if (strict ? minutesOf(time) <= minutesOf(previous) : minutesOf(time) < minutesOf(previous)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} ${time} must be ${strict ? 'after' : 'at or after'} ${previousName} ${previous}` });
      }
    }
    s.cycleTimes.forEach((time, i) => {
      if (i > 0 && minutesOf(time) <= minutesOf(s.cycleTimes[i - 1] as string)) {
        ctx.addIssue({ code: 'custom', path: ['cycleTimes', i], message: 'cycle times must be ascending, each once' });
      }
      if (minutesOf(time) <= minutesOf(s.opening) || minutesOf(time) > minutesOf(s.endOfDay)) {
        ctx.addIssue({ code: 'custom', path: ['cycleTimes', i], message: `cycle time ${time} must be after opening and no later than end of day` });
      }
    });
  });
export type BusinessSchedule = z.infer<typeof businessScheduleSchema>;

export const DAY_PHASES = ['pre-open', 'open', 'customer-cut-off', 'interbank-cut-off', 'end-of-day-due'] as const;
export type DayPhase = (typeof DAY_PHASES)[number];

export const SCHEDULE_EVENT_KINDS = ['opening', 'customerCutoff', 'interbankCutoff', 'cycle', 'endOfDay'] as const;
export type ScheduleEventKind = (typeof SCHEDULE_EVENT_KINDS)[number];

export interface ScheduleEvent {
  kind: ScheduleEventKind;
  time: string;
  atMs: number;
}

/** The instant of "HH:MM" Beijing time on the business date. */
export function scheduleInstantMs(businessDate: string, time: string): number {
  const [y, m, d] = businessDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) + minutesOf(time) * 60_000 - BUSINESS_CLOCK_OFFSET_MS;
}

/** Every event of the day, in time order (a cycle at end-of-day time comes before it). */
export function scheduleEvents(schedule: BusinessSchedule, businessDate: string): ScheduleEvent[] {
  const at = (kind: ScheduleEventKind, time: string): ScheduleEvent => ({ kind, time, atMs: scheduleInstantMs(businessDate, time) });
  const events = [
    at('opening', schedule.opening),
    at('customerCutoff', schedule.customerCutoff),
    at('interbankCutoff', schedule.interbankCutoff),
    ...schedule.cycleTimes.map((t) => at('cycle', t)),
    at('endOfDay', schedule.endOfDay),
  ];
  const rank: Record<ScheduleEventKind, number> = { opening: 0, cycle: 1, customerCutoff: 2, interbankCutoff: 3, endOfDay: 4 };
  return events.sort((a, b) => a.atMs - b.atMs || rank[a.kind] - rank[b.kind]);
}

export function dayPhase(schedule: BusinessSchedule, businessDate: string, nowMs: number): DayPhase {
  if (nowMs < scheduleInstantMs(businessDate, schedule.opening)) return 'pre-open';
  if (nowMs < scheduleInstantMs(businessDate, schedule.customerCutoff)) return 'open';
  if (nowMs < scheduleInstantMs(businessDate, schedule.interbankCutoff)) return 'customer-cut-off';
  if (nowMs < scheduleInstantMs(businessDate, schedule.endOfDay)) return 'interbank-cut-off';
  return 'end-of-day-due';
}

/** The next event after now, and the next cut-off (customer, interbank or end of day). */
export function nextScheduleEvents(schedule: BusinessSchedule, businessDate: string, nowMs: number): { next: ScheduleEvent | null; nextCutoff: ScheduleEvent | null } {
  const upcoming = scheduleEvents(schedule, businessDate).filter((e) => e.atMs > nowMs);
  return {
    next: upcoming[0] ?? null,
    nextCutoff: upcoming.find((e) => e.kind === 'customerCutoff' || e.kind === 'interbankCutoff' || e.kind === 'endOfDay') ?? null,
  };
}

/**
 * Whether a new payment of this kind may be admitted now. HVPS (large value, banks' own and
 * urgent customer transfers) runs to the interbank cut-off; BEPS and bills are customer
 * business and stop at the customer cut-off. A payment warehoused for a later value date is
 * not held to today's cut-offs.
 */
export function admissionRefusal(
  schedule: BusinessSchedule,
  businessDate: string,
  nowMs: number,
  kind: PaymentKind,
  valueDate?: string,
): 'DAY_NOT_OPEN' | 'AFTER_CUT_OFF' | undefined {
  if (valueDate !== undefined && valueDate > businessDate) return undefined;
  const phase = dayPhase(schedule, businessDate, nowMs);
  if (phase === 'pre-open') return 'DAY_NOT_OPEN';
  if (phase === 'open') return undefined;
  if (phase === 'customer-cut-off' && kind === 'hvps') return undefined;
  return 'AFTER_CUT_OFF';
}

/** Published to consoles (pull feed `schedule`, GET /v1/schedule). */
export const scheduleStateSchema = z
  .object({
    businessDate: z.string(),
    schedule: businessScheduleSchema.nullable(),
    phase: z.enum(DAY_PHASES).nullable(),
    next: z.object({ kind: z.enum(SCHEDULE_EVENT_KINDS), time: z.string(), at: z.string() }).strict().nullable(),
    nextCutoff: z.object({ kind: z.enum(SCHEDULE_EVENT_KINDS), time: z.string(), at: z.string() }).strict().nullable(),
  })
  .strict();
export type ScheduleState = z.infer<typeof scheduleStateSchema>;

export function scheduleState(schedule: BusinessSchedule | null, businessDate: string, nowMs: number): ScheduleState {
  if (!schedule) return { businessDate, schedule: null, phase: null, next: null, nextCutoff: null };
  const { next, nextCutoff } = nextScheduleEvents(schedule, businessDate, nowMs);
  const wire = (e: ScheduleEvent | null) => (e ? { kind: e.kind, time: e.time, at: new Date(e.atMs).toISOString() } : null);
  return { businessDate, schedule, phase: dayPhase(schedule, businessDate, nowMs), next: wire(next), nextCutoff: wire(nextCutoff) };
}
