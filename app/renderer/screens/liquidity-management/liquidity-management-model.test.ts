import { describe, it, expect } from 'vitest';
import type { LiquidityProposalRow } from '../../../shared/contract/handlers/liquidity';
import { approveBlockedReason, describeProposal } from './liquidity-management-model';

const row = (over: Partial<LiquidityProposalRow>): LiquidityProposalRow => ({
  id: 'p1',
  kind: 'liquidity.reserve',
  payload: { urgent: '500000.00' },
  note: 'n',
  status: 'proposed',
  proposedBy: 'super1',
  proposedAt: '2026-11-26T02:00:00Z',
  decidedBy: null,
  decidedAt: null,
  decideNote: null,
  houseResult: null,
  houseCode: null,
  ...over,
});
const t = (key: string) => key.replace('lm.', '');

describe('liquidity management screen model', () => {
  it('the proposer sees approve disabled with the reason; a second supervisor may approve', () => {
    expect(approveBlockedReason(row({}), 'super1', true)).toBe('lm.blocked.ownChange');
    expect(approveBlockedReason(row({}), 'super2', true)).toBeNull();
    expect(approveBlockedReason(row({}), 'audit1', false)).toBe('lm.blocked.role');
  });

  it('describes a change with counterparties named', () => {
    expect(describeProposal(row({}), (id) => id, t)).toBe('reserveUrgent 500000.00 · reserveHigh 0.00');
    expect(describeProposal(row({ kind: 'liquidity.limits', payload: { bilateral: { ICBC: '200000.00' }, multilateral: '800000.00' } }), () => '工商银行', t)).toBe('工商银行 200000.00 · multilateralLimit 800000.00');
    expect(describeProposal(row({ kind: 'liquidity.warning', payload: {} }), (id) => id, t)).toBe('thresholdOff');
  });
});
