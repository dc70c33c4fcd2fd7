import type { Engine } from '../../shared/clearing/index';
import { createEngine, restoreEngine } from '../../shared/clearing/index';

/**
 * The slice of the shared clearing engine the house relies on: the house owns persistence,
 * the engine owns the rules. Tests wrap it to inject failures.
 */
export type ClearingEngine = Pick<
  Engine,
  'apply' | 'businessDate' | 'openCycleId' | 'participant' | 'participants' | 'payment' | 'queue' | 'exportState' | 'liquidity' | 'clock' | 'scheduled'
>;

export interface EngineFactory {
  create(input: { currency: 'CNY'; businessDate: string }): ClearingEngine;
  restore(snapshot: unknown): ClearingEngine;
}

/** The real engine: participants are added through journaled commands, never at creation. */
export const sharedEngineFactory: EngineFactory = {
  create: ({ currency, businessDate }) => createEngine({ currency, businessDate, participants: [] }),
  restore: (snapshot) => restoreEngine(snapshot),
};
