import type { PaymentStatus } from '../../../shared/domain';
import type { ToolbarFilters } from '../blotter/blotter-query';

/** Statuses the house sends inbound payments in (docs/sync.md: once netted, settled or returned). */
export const INBOUND_STATUSES: readonly PaymentStatus[] = ['netted', 'settled', 'returned'];

/** The inbound grid is the blotter pinned to direction 'in', with an optional status. */
export function inboundToolbar(status: string): ToolbarFilters {
  return { status, kind: '', direction: 'in' };
}
