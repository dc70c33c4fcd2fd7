import { describe, expect, it } from 'vitest';
import { historyWithHouseStep, houseStepStatus, houseTimeOf, isHouseStep, settledAtOf } from './payment-detail-facts';
import { centreDateTime } from '../../components/amount-text';

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
  it('shows the house’s yes to a cancel once: its own step, at the step’s time (UTC+8), not the console’s copy of the answer', () => {
    const row = { status: 'cancelled' as const, updatedAt: '2026-12-07T01:12:00.000Z' };
    const recorded = [
      ...history,
      { at: '2026-12-07T01:06:00.000Z', actor: 'house', action: 'house.accepted' },
      { at: '2026-12-07T01:07:00.000Z', actor: 'house', action: 'house.queued' },
      { at: '2026-12-07T01:10:00.000Z', actor: 'super1', action: 'payment.cancel_requested' },
      { at: '2026-12-07T01:11:00.000Z', actor: 'house', action: 'payment.cancel_accepted' },
      { at: '2026-12-07T01:12:00.000Z', actor: 'house', action: 'house.cancelled' },
    ];
    const shown = historyWithHouseStep(row, recorded);
    expect(shown.map((h) => h.action)).toEqual(['payment.captured', 'payment.verified', 'house.accepted', 'house.queued', 'payment.cancel_requested', 'house.cancelled']);
    expect(centreDateTime(shown.at(-1)?.at ?? '')).toBe('2026-12-07 09:12:00');
  });
  it('keeps the console’s copy of the answer until the house’s step arrives, and a new priority’s answer always', () => {
    const waiting = [...history, { at: '2026-12-07T01:10:00.000Z', actor: 'super1', action: 'payment.cancel_requested' }, { at: '2026-12-07T01:11:00.000Z', actor: 'house', action: 'payment.cancel_accepted' }];
    expect(historyWithHouseStep({ status: 'queued', updatedAt: '2026-12-07T01:07:00.000Z' }, [...waiting, { at: '2026-12-07T01:07:00.000Z', actor: 'house', action: 'house.queued' }]).map((h) => h.action)).toContain('payment.cancel_accepted');
    const reprioritised = [...history, { at: '2026-12-07T01:06:00.000Z', actor: 'house', action: 'house.queued' }, { at: '2026-12-07T01:11:00.000Z', actor: 'house', action: 'payment.reprioritise_accepted' }];
    expect(historyWithHouseStep({ status: 'queued', updatedAt: '2026-12-07T01:06:00.000Z' }, reprioritised)).toHaveLength(4);
  });
  it('a returned bill without recorded steps shows the derived house step once, not also the answer', () => {
    const row = { status: 'returned' as const, updatedAt: '2026-12-07T01:12:00.000Z' };
    const shown = historyWithHouseStep(row, [...history, { at: '2026-12-07T01:11:00.000Z', actor: 'house', action: 'payment.return_accepted' }]);
    expect(shown.map((h) => h.action)).toEqual(['payment.captured', 'payment.verified', 'house.returned']);
  });
  it('an operator named "house" is a person: their entries stay', () => {
    const shown = historyWithHouseStep({ status: 'cancelled', updatedAt: '2026-12-07T01:12:00.000Z' }, [
      { at: '2026-12-07T01:11:00.000Z', actor: 'clerk1', action: 'payment.cancel_accepted' },
      { at: '2026-12-07T01:12:00.000Z', actor: 'house', action: 'house.cancelled' },
    ]);
    expect(shown).toHaveLength(2);
  });
});
