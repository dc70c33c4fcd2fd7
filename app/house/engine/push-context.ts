import type { BatchEffects, DeviceRow } from './batch-effects';
import type { ClearingEngine } from './clearing-engine-port';
import type { WorkingCalendar } from '../../shared/domain/calendar';

/** What one push batch's mutations (payments and payment actions alike) run against. */
export interface PushContext {
  engine: ClearingEngine;
  batch: BatchEffects;
  participantId: string;
  device: DeviceRow;
  businessDate: string;
  nowMs: number;
  /** The house's working calendar, loaded when a push carries a value date. */
  calendar?: WorkingCalendar;
}
