import type { AuditEntryInput } from '../../shared/audit/audit-chain';
import type { SqlClient } from '../store/sql-client';
import type { BatchEffects, FeedRow } from './batch-effects';

/**
 * A change of reference data that is not an engine command (today: a year of the working
 * calendar). It goes through the one writer like any command, so its feed row gets the next
 * change seq and its row, feed entry and audit entry commit in one transaction with the batch.
 */
export interface ReferenceJob {
  /** Published to every console (participant_id NULL), or to one participant's. */
  feed: { type: FeedRow['type']; data: Record<string, unknown>; participantId?: string };
  /** Writes the reference row itself, in the batch's transaction. */
  write: (tx: SqlClient) => Promise<void>;
  audit: Omit<AuditEntryInput, 'at'>;
}

export function applyReference(batch: BatchEffects, job: ReferenceJob, at: string): void {
  batch.referenceWrites.push(job.write);
  batch.addFeed(job.feed.participantId ?? null, job.feed.type, job.feed.data);
  batch.audit.push({ ...job.audit, at });
}
