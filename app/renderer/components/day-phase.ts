import { dayPhase, nextScheduleEvents, type BusinessSchedule, type DayPhase, type ScheduleEventKind } from '../../shared/domain/business-day';

/** What the status bar says about the business day at one instant. */
export interface DayPhaseView {
  phase: DayPhase;
  /** The next cut-off (customer, interbank, end of day) and the time left to it; null after end of day is due. */
  cutoff: { kind: ScheduleEventKind; time: string; remainingMs: number } | null;
}

/**
 * The phase and the countdown worked out by the same functions the house admits payments with
 * (app/shared/domain/business-day.ts), from the schedule last pulled: it keeps counting offline.
 */
export function dayPhaseView(schedule: BusinessSchedule, businessDate: string, nowMs: number): DayPhaseView {
  const { nextCutoff } = nextScheduleEvents(schedule, businessDate, nowMs);
  return {
    phase: dayPhase(schedule, businessDate, nowMs),
    cutoff: nextCutoff === null ? null : { kind: nextCutoff.kind, time: nextCutoff.time, remainingMs: nextCutoff.atMs - nowMs },
  };
}

/** Time left as H:MM:SS (hours unbounded: the night before opening shows 15:04:00). */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Under this, the countdown turns amber: a clerk has a quarter of an hour to send what is left. */
export const CUTOFF_WARNING_MS = 15 * 60_000;
