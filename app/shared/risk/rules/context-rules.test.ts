import { describe, expect, it } from 'vitest';
import { crossBorderRule, newCounterpartyRule, sanctionsMatchRule } from './counterparty-rules';
import { dormantAccountRule, localTime, offHoursRule } from './pattern-rules';
import { riskContextSchema, type RiskContextInput } from './risk-input';
import { earlier, PARAMS, payment } from './testing/rule-fixtures';

const context = (input: Partial<RiskContextInput> = {}) => riskContextSchema.parse({ history: [], ...input });

describe('new counterparty', () => {
  const params = PARAMS.new_counterparty; // from 100,000.00

  it('fires on a first payment to a payee at or above the floor', () => {
    expect(newCounterpartyRule(payment({ amount: '100000.00' }), context(), params)?.score).toBe(10);
    expect(newCounterpartyRule(payment({ amount: '99999.99' }), context(), params)).toBeNull();
  });

  it('stays quiet for a payee seen in the history or the payee book', () => {
    const p = payment({ amount: '100000.00' });
    expect(newCounterpartyRule(p, context({ history: [earlier('2026-10-01T10:00:00+08:00', '5.00', p.counterpartyKey)] }), params)).toBeNull();
    expect(newCounterpartyRule(p, context({ knownCounterparties: [p.counterpartyKey] }), params)).toBeNull();
    expect(newCounterpartyRule(p, context({ history: [earlier('2026-10-01T10:00:00+08:00', '5.00', 'other')] }), params)).not.toBeNull();
  });
});

describe('off hours', () => {
  const params = PARAMS.off_hours; // 08:30-17:30 Beijing time, weekends off, from 10,000.00

  it('reads the local time at the configured offset', () => {
    expect(localTime('2026-11-25T01:00:00Z', 480)).toEqual({ date: '2026-11-25', weekday: 3, hhmm: '09:00' });
    expect(localTime('2026-11-25T20:00:00Z', 480)).toEqual({ date: '2026-11-26', weekday: 4, hhmm: '04:00' });
  });

  it('fires before the start and at the end of business hours, not at the start', () => {
    const at = (time: string) => payment({ amount: '10000.00', at: `2026-11-25T${time}+08:00` });
    expect(offHoursRule(at('08:29:59'), context(), params)?.figures.localTime).toBe('08:29');
    expect(offHoursRule(at('08:30:00'), context(), params)).toBeNull();
    expect(offHoursRule(at('17:29:59'), context(), params)).toBeNull();
    expect(offHoursRule(at('17:30:00'), context(), params)?.explanation.en).toBe(
      'payment of ¥10,000.00 made 2026-11-25 17:30 local time, outside business hours 08:30-17:30',
    );
  });

  it('fires at the weekend and on holidays, and not under the floor', () => {
    expect(offHoursRule(payment({ amount: '10000.00', at: '2026-11-28T10:00:00+08:00' }), context(), params)?.figures.localDate).toBe('2026-11-28');
    expect(offHoursRule(payment({ amount: '10000.00' }), context({ holidays: ['2026-11-25'] }), params)?.explanation.zh).toContain('节假日');
    expect(offHoursRule(payment({ amount: '9999.99', at: '2026-11-28T10:00:00+08:00' }), context(), params)).toBeNull();
  });

  it('does not count a declared working Saturday (调休上班) as the weekend, but still minds the hours', () => {
    const workingSaturday = context({ workingWeekends: ['2026-11-28'] });
    expect(offHoursRule(payment({ amount: '10000.00', at: '2026-11-28T10:00:00+08:00' }), workingSaturday, params)).toBeNull();
    expect(offHoursRule(payment({ amount: '10000.00', at: '2026-11-28T19:00:00+08:00' }), workingSaturday, params)?.explanation.en).toContain('outside business hours');
    expect(offHoursRule(payment({ amount: '10000.00', at: '2026-11-29T10:00:00+08:00' }), workingSaturday, params)?.explanation.zh).toContain('周末');
  });
});

describe('dormant account', () => {
  const params = PARAMS.dormant_account; // 180 days, from 10,000.00

  it('fires after exactly 180 idle days, not after 179', () => {
    const p = payment({ amount: '10000.00', at: '2026-11-25T10:00:00+08:00' });
    const hit = dormantAccountRule(p, context({ lastActivityAt: '2026-05-29T10:00:00+08:00' }), params);
    expect(hit?.figures).toMatchObject({ idleDays: 180, lastActivity: '2026-05-29' });
    expect(dormantAccountRule(p, context({ lastActivityAt: '2026-05-30T10:00:00+08:00' }), params)).toBeNull();
  });

  it('takes the latest activity from the history too, and ignores accounts with none', () => {
    const p = payment({ amount: '10000.00' });
    const recent = context({ lastActivityAt: '2025-01-01T10:00:00+08:00', history: [earlier('2026-11-01T10:00:00+08:00', '1.00')] });
    expect(dormantAccountRule(p, recent, params)).toBeNull();
    expect(dormantAccountRule(p, context(), params)).toBeNull();
  });
});

describe('cross border', () => {
  const params = PARAMS.cross_border;

  it('fires for a bank outside the home country, more for a high-risk one', () => {
    expect(crossBorderRule(payment(), params)).toBeNull();
    expect(crossBorderRule(payment({ counterpartyCountry: 'HK' }), params)?.score).toBe(15);
    const kp = crossBorderRule(payment({ counterpartyCountry: 'KP' }), params);
    expect(kp?.score).toBe(65);
    expect(kp?.explanation.en).toBe('cross-border payment to KP, ¥1,000.00; the jurisdiction is on the high-risk list');
  });
});

describe('sanctions match', () => {
  const params = PARAMS.sanctions_match; // review from 0.85, hold from 0.92
  const match = (score: number) => context({ screening: [{ party: 'creditor', list: 'ofac', entryId: '306', listedName: 'BANCO NACIONAL DE CUBA', score }] });

  it('scores review from 0.85 and hold from 0.92', () => {
    expect(sanctionsMatchRule(match(0.8499), params)).toBeNull();
    expect(sanctionsMatchRule(match(0.85), params)?.score).toBe(40);
    expect(sanctionsMatchRule(match(0.92), params)?.score).toBe(70);
    expect(sanctionsMatchRule(match(0.97), params)?.explanation.en).toBe('creditor name matches OFAC entry 306 "BANCO NACIONAL DE CUBA" at 97.0%');
  });
});
