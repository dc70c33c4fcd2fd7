// Public surface of app/main/risk: list loading, rule versions, alerts, decisions, cases,
// large-value report tracking, and the risk gate that ties them to payments.
export * from './load-sanctions-lists';
export * from './sanctions-lists';
export * from './un-consolidated-xml';
export * from './rule-set-store';
export * from './alert-store';
export * from './alert-decisions';
export * from './case-store';
export * from './large-value-store';
export * from './risk-flow';
export * from './migrations/index';
export * from './large-value-daily';
