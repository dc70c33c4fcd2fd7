export * from './commands';
export * from './events';
export { createEngine, restoreEngine, type Engine, type EngineInit, type EngineOptions } from './engine';
export { engineSnapshotSchema, type EngineSnapshot } from './snapshot';
export type { LiquidityView, ParticipantView, PaymentView } from './views';
export { MAX_VALUE_DAYS, MINUTES_PER_DAY, hhmm, minuteOf } from './clock';
export { InvariantError, type ClosedCycle, type EngineStatus } from './state';
export { runScenario, parseScenario, ScenarioError, DEFAULT_SCENARIO_BUSINESS_DATE, MAX_SCENARIO_PARTICIPANTS, MAX_SCENARIO_STEPS, type Scenario, type ScenarioResult } from './scenario';
