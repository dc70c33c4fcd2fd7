// Public surface of app/shared/risk: rules, screening, large-value reporting (all pure).
export * from './rules/risk-input';
export * from './rules/rule-hit';
export * from './rules/rule-params';
export * from './rules/decision-bands';
export * from './rules/default-rules';
export * from './rules/rule-set';
export * from './rules/evaluate-payment';
export * from './screening/sanctions-list';
export * from './screening/normalise-name';
export * from './screening/ofac-sdn-csv';
export * from './screening/local-list';
export * from './screening/screener';
export type { ScreeningMatch, ScreenOptions } from './screening/screen-name';
export type { TokenPair } from './screening/name-score';
export * from './large-value/large-value-rules';
export * from './large-value/detect-large-value';
export * from './large-value/large-value-export';
