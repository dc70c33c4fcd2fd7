import type { LiquidityProposalRow } from '../../../shared/contract/handlers/liquidity';

/** Why this operator may not approve (an i18n key), or null when they may. */
export function approveBlockedReason(proposal: LiquidityProposalRow, username: string, isSupervisor: boolean): string | null {
  if (!isSupervisor) return 'lm.blocked.role';
  if (proposal.proposedBy === username) return 'lm.blocked.ownChange';
  return null;
}

/** One line for the change, with counterparties named. */
export function describeProposal(proposal: LiquidityProposalRow, nameOf: (id: string) => string, t: (key: string) => string): string {
  const p = proposal.payload as Record<string, unknown>;
  switch (proposal.kind) {
    case 'liquidity.reserve':
      return `${t('lm.reserveUrgent')} ${String(p.urgent ?? '0.00')} · ${t('lm.reserveHigh')} ${String(p.high ?? '0.00')}`;
    case 'liquidity.warning':
      return p.threshold === undefined ? t('lm.thresholdOff') : `${t('lm.threshold')} ${String(p.threshold)}`;
    case 'liquidity.limits': {
      const bilateral = Object.entries((p.bilateral ?? {}) as Record<string, string>).map(([id, amount]) => `${nameOf(id)} ${amount}`);
      const parts = bilateral.length === 0 ? [t('lm.noBilateral')] : bilateral;
      if (p.multilateral !== undefined) parts.push(`${t('lm.multilateralLimit')} ${String(p.multilateral)}`);
      return parts.join(' · ');
    }
  }
}
