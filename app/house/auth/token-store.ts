import type { HouseStore } from '../store/sql-client';
import { appendHouseAudit } from '../store/audit-log';

/**
 * Token rotation and revocation: the participant's row and its audit entry commit in one
 * transaction. The row is updated before the audit table is locked (appendHouseAudit), the
 * same order the engine host's batches use, so the two never wait on each other in a cycle.
 */

export interface TokenChange {
  participantId: string;
  actor: string;
  at: string;
}

/** Sets the participant's token hash; false if there is no such participant. */
export async function rotateToken(store: HouseStore, change: TokenChange & { tokenSha256: string; generated: boolean }): Promise<boolean> {
  return store.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>('UPDATE participants SET token_sha256 = $2 WHERE id = $1 RETURNING id', [
      change.participantId,
      change.tokenSha256,
    ]);
    if (rows.length !== 1) return false;
    await appendHouseAudit(tx, [
      { at: change.at, actor: change.actor, action: 'token.rotated', entity: 'participant', entityId: change.participantId, detail: { generated: change.generated } },
    ]);
    return true;
  });
}

/** Removes the participant's token (it gets 401 until a new one is issued); false if unknown. */
export async function revokeToken(store: HouseStore, change: TokenChange): Promise<{ found: boolean; hadToken: boolean }> {
  return store.transaction(async (tx) => {
    const { rows } = await tx.query<{ had: boolean }>(
      `UPDATE participants p SET token_sha256 = NULL FROM (SELECT id, token_sha256 IS NOT NULL AS had FROM participants WHERE id = $1 FOR UPDATE) old
       WHERE p.id = old.id RETURNING old.had`,
      [change.participantId],
    );
    const row = rows[0];
    if (!row) return { found: false, hadToken: false };
    await appendHouseAudit(tx, [
      { at: change.at, actor: change.actor, action: 'token.revoked', entity: 'participant', entityId: change.participantId, detail: { hadToken: row.had } },
    ]);
    return { found: true, hadToken: row.had };
  });
}
