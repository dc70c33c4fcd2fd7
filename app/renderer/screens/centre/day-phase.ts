import type { ScheduleState } from '../../../shared/domain/business-day';
import { formatCountdown } from '../../components/day-phase';

/** Time left until `atIso`, as H:MM:SS, whole seconds down (never negative: a passed event shows 0:00:00). */
export function countdown(atIso: string, nowMs: number): string {
  return formatCountdown(Math.floor((Date.parse(atIso) - nowMs) / 1000) * 1000);
}

/** The status bar's words for the business day: phase key, the next cut-off's kind key, its time and the countdown. */
export function dayLine(state: ScheduleState | null, nowMs: number): { phaseKey: string; cutoff: { kindKey: string; time: string; left: string } | null } {
  if (state === null || state.phase === null) return { phaseKey: 'centre.phase.none', cutoff: null };
  const next = state.nextCutoff;
  return {
    phaseKey: `centre.phase.${state.phase}`,
    cutoff: next === null ? null : { kindKey: `centre.event.${next.kind}`, time: next.time, left: countdown(next.at, nowMs) },
  };
}
