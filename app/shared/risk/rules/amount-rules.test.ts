import { describe, expect, it } from 'vitest';
import { amountThresholdRule } from './amount-threshold-rule';
import { roundAmountRule } from './pattern-rules';
import { structuringRule, bandFloorMinor } from './structuring-rule';
import { earlier, PARAMS, payment, cny } from './testing/rule-fixtures';
import { velocityRule } from './velocity-rule';

describe('amount threshold', () => {
  const rule = (p: ReturnType<typeof payment>) => amountThresholdRule(p, PARAMS.amount_threshold);

  it('fires exactly at the threshold and not a fen under', () => {
    expect(rule(payment({ amount: '500000.00' }))?.score).toBe(20);
    expect(rule(payment({ amount: '499999.99' }))).toBeNull();
  });

  it('picks the highest tier reached for the customer type, and names the figures', () => {
    const hit = rule(payment({ amount: '2000000.00' }));
    expect(hit?.score).toBe(40);
    expect(hit?.figures).toEqual({ amount: '2000000.00', threshold: '2000000.00', kind: 'any', customerType: 'individual' });
    expect(hit?.explanation.en).toBe('amount ¥2,000,000.00 is at or above the individual threshold of ¥2,000,000.00');
    expect(hit?.explanation.zh).toBe('单笔金额 ¥2,000,000.00 达到个人阈值 ¥2,000,000.00');
    // The same amount from a company reaches only the lower corporate tier.
    expect(rule(payment({ amount: '2000000.00', customerType: 'corporate' }))?.score).toBe(15);
    expect(rule(payment({ amount: '1999999.99', customerType: 'corporate' }))).toBeNull();
  });

  it('honours a tier limited to one payment kind', () => {
    const params = { enabled: true, tiers: [{ kind: 'beps' as const, customerType: 'any' as const, atLeast: cny('50000.00'), score: 30 }] };
    expect(amountThresholdRule(payment({ kind: 'beps', amount: '50000.00' }), params)?.score).toBe(30);
    expect(amountThresholdRule(payment({ kind: 'hvps', amount: '50000.00' }), params)).toBeNull();
  });
});

describe('velocity', () => {
  const params = { ...PARAMS.velocity, windowMinutes: 60, countAtLeast: 3, amountAtLeast: cny('100000.00') };

  it('counts this payment with the earlier ones in the window: fires at the count, not one under', () => {
    const history = [earlier('2026-11-25T09:10:00+08:00', '100.00'), earlier('2026-11-25T09:30:00+08:00', '100.00')];
    expect(velocityRule(payment(), history, params)?.figures).toMatchObject({ count: 3, sum: '1200.00' });
    expect(velocityRule(payment(), history.slice(1), params)).toBeNull();
  });

  it('leaves out payments exactly one window old or in the future', () => {
    const history = [earlier('2026-11-25T09:00:00+08:00', '100.00'), earlier('2026-11-25T09:30:00+08:00', '100.00'), earlier('2026-11-25T10:00:01+08:00', '100.00')];
    expect(velocityRule(payment(), history, params)).toBeNull();
  });

  it('fires when the sum across the window reaches the amount limit', () => {
    const history = [earlier('2026-11-25T09:30:00+08:00', '60000.00')];
    const hit = velocityRule(payment({ amount: '40000.00' }), history, params);
    expect(hit?.figures.sum).toBe('100000.00');
    expect(hit?.explanation.en).toBe('2 payments totalling ¥100,000.00 within 60 minutes (limits 3 payments or ¥100,000.00)');
    expect(velocityRule(payment({ amount: '39999.99' }), history, params)).toBeNull();
  });
});

describe('structuring', () => {
  // Defaults: thresholds 50,000 / 200,000 / 500,000 / 2,000,000; band 10%; 3 payments in 24 h.
  const params = PARAMS.structuring;

  it('computes the band floor in whole fen', () => {
    expect(bandFloorMinor(cny('50000.00'), 10)).toBe(cny('45000.00'));
    expect(bandFloorMinor(cny('0.15'), 10)).toBe(cny('0.14')); // 13.5 fen rounds up
  });

  it('fires on the third payment just under 50,000 within the day, cumulative across the day', () => {
    const history = [earlier('2026-11-25T08:45:00+08:00', '49000.00'), earlier('2026-11-25T09:15:00+08:00', '45000.00')];
    const hit = structuringRule(payment({ amount: '49999.99' }), history, params);
    expect(hit?.figures).toMatchObject({ count: 3, sum: '143999.99', threshold: '50000.00', bandFloor: '45000.00' });
    expect(hit?.explanation.en).toBe(
      '3 payments between ¥45,000.00 and just under ¥50,000.00 within 24 hours, totalling ¥143,999.99: possible splitting under the threshold',
    );
  });

  it('does not fire at the threshold, just under the band, or with one payment too few', () => {
    const history = [earlier('2026-11-25T08:45:00+08:00', '49000.00'), earlier('2026-11-25T09:15:00+08:00', '45000.00')];
    expect(structuringRule(payment({ amount: '50000.00' }), history, params)).toBeNull();
    expect(structuringRule(payment({ amount: '44999.99' }), history, params)).toBeNull();
    expect(structuringRule(payment({ amount: '49999.99' }), history.slice(1), params)).toBeNull();
    // An earlier payment more than a day ago does not count.
    const old = [earlier('2026-11-24T09:59:00+08:00', '49000.00'), earlier('2026-11-25T09:15:00+08:00', '45000.00')];
    expect(structuringRule(payment({ amount: '49999.99' }), old, params)).toBeNull();
  });
});

describe('round amount', () => {
  const params = PARAMS.round_amount; // multiple of 10,000.00 from 50,000.00

  it('fires on a multiple at or above the floor only', () => {
    expect(roundAmountRule(payment({ amount: '50000.00' }), params)?.score).toBe(5);
    expect(roundAmountRule(payment({ amount: '40000.00' }), params)).toBeNull();
    expect(roundAmountRule(payment({ amount: '50000.01' }), params)).toBeNull();
    expect(roundAmountRule(payment({ amount: '55000.00' }), params)).toBeNull();
  });
});
