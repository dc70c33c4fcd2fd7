import { describe, expect, it } from 'vitest';
import { historyWithHouseStep, houseStepStatus, houseTimeOf, isHouseStep, settledAtOf } from './payment-detail-facts';

const history = [
  { at: '2026-12-07T01:00:00.000Z', actor: 'clerk1', action: 'payment.captured' },
  { at: '2026-12-07T01:05:00.000Z', actor: 'super1', action: 'payment.verified' },
];

describe('blotter detail facts', () => {
  it('adds the house’s step (its status, at the row’s last change) after the console’s entries', () => {
    const row = { status: 'settled' as const, updatedAt: '2026-12-07T01:06:00.000Z' };
    expect(settledAtOf(row)).toBe(row.updatedAt);
    expect(historyWithHouseStep(row, history).map((h) => `${h.actor}:${h.action}`)).toEqual([
      'clerk1:payment.captured',
      'super1:payment.verified',
      'house:house.settled',
    ]);
  });
  it('adds nothing while only the console knows the payment', () => {
    const row = { status: 'verified' as const, updatedAt: '2026-12-07T01:05:00.000Z' };
    expect(houseTimeOf(row)).toBeNull();
    expect(settledAtOf(row)).toBeNull();
    expect(historyWithHouseStep(row, history)).toHaveLength(2);
  });
  it('a rejected payment has a house step but no settlement time', () => {
    const row = { status: 'rejected' as const, updatedAt: '2026-12-07T01:07:00.000Z' };
    expect(settledAtOf(row)).toBeNull();
    expect(historyWithHouseStep(row, history).at(-1)).toMatchObject({ actor: 'house', action: 'house.rejected' });
  });
  it('adds nothing when the back end recorded the house’s steps; reads their status', () => {
    const row = { status: 'settled' as const, updatedAt: '2026-12-07T01:09:00.000Z' };
    const recorded = [...history, { at: '2026-12-07T01:06:00.000Z', actor: 'house', action: 'house.accepted' }, { at: '2026-12-07T01:09:00.000Z', actor: 'house', action: 'house.settled' }];
    const shown = historyWithHouseStep(row, recorded);
    expect(shown).toEqual(recorded);
    expect(shown.filter(isHouseStep).map(houseStepStatus)).toEqual(['accepted', 'settled']);
    // The settlement time is the house's settled step, not the row's last change.
    expect(settledAtOf({ status: 'settled', updatedAt: '2026-12-07T01:10:00.000Z' }, recorded)).toBe('2026-12-07T01:09:00.000Z');
    // An operator named "house" capturing is still a person's action.
    expect(isHouseStep({ actor: 'house', action: 'payment.captured' })).toBe(false);
  });
});
