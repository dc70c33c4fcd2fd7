import type { DecisionBands } from './decision-bands';
import type { RuleParamsInput } from './rule-params';

/**
 * The rule set a new installation starts from (version 1 is still approved by two people
 * before it applies). Figures follow the PBoC large-value thresholds where one exists, so that
 * "just under the threshold" means under the amount that would be reported.
 */
export const DEFAULT_RULE_PARAMS: RuleParamsInput = {
  amount_threshold: {
    enabled: true,
    tiers: [
      { kind: 'any', customerType: 'individual', atLeast: '500000.00', score: 20 },
      { kind: 'any', customerType: 'individual', atLeast: '2000000.00', score: 40 },
      { kind: 'any', customerType: 'corporate', atLeast: '2000000.00', score: 15 },
      { kind: 'any', customerType: 'corporate', atLeast: '50000000.00', score: 35 },
    ],
  },
  velocity: { enabled: true, windowMinutes: 60, countAtLeast: 10, amountAtLeast: '1000000.00', score: 25 },
  structuring: {
    enabled: true,
    thresholds: ['50000.00', '200000.00', '500000.00', '2000000.00'],
    bandPercent: 10,
    countAtLeast: 3,
    windowMinutes: 1440,
    score: 45,
  },
  new_counterparty: { enabled: true, minAmount: '100000.00', score: 10 },
  round_amount: { enabled: true, multipleOf: '10000.00', minAmount: '50000.00', score: 5 },
  off_hours: {
    enabled: true,
    businessStart: '08:30',
    businessEnd: '17:30',
    utcOffsetMinutes: 480,
    weekendsAreOffHours: true,
    minAmount: '10000.00',
    score: 10,
  },
  dormant_account: { enabled: true, dormantDays: 180, minAmount: '10000.00', score: 20 },
  cross_border: { enabled: true, homeCountry: 'CN', minAmount: '0.01', score: 15, highRiskCountries: ['KP', 'IR', 'MM'], highRiskScore: 50 },
  sanctions_match: { enabled: true, reviewAt: 0.85, holdAt: 0.92, reviewScore: 40, holdScore: 70 },
};

export const DEFAULT_BANDS: DecisionBands = { review: 30, hold: 60, reject: 120 };
