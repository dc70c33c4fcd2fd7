import type { Broadcast } from '../../shared/contract/centre-api';
import type { EngineHost } from '../engine/engine-host';
import { toSafeNumber, type HouseStore } from '../store/sql-client';

interface BroadcastRow {
  id: unknown;
  at: string;
  sender: string;
  participant_id: string | null;
  urgency: Broadcast['urgency'];
  title: string;
  body: string;
}

function toBroadcast(row: BroadcastRow): Broadcast {
  return { id: toSafeNumber(row.id), at: row.at, sender: row.sender, participantId: row.participant_id, urgency: row.urgency, title: row.title, body: row.body };
}

/** Broadcasts kept per page of history. */
export const MAX_BROADCAST_PAGE = 500;

/**
 * Broadcasts (公告, like admi.004): the centre's message to every bank or one bank, stored,
 * audited and sent in the pull feed (`broadcast`) in one commit of the writer. Ids come from
 * this process (the writer is the only one writing them), starting after the stored maximum.
 */
export class Broadcasts {
  private lastId = 0;

  constructor(
    private readonly store: HouseStore,
    private readonly host: EngineHost,
    private readonly nowMs: () => number,
  ) {}

  async load(): Promise<void> {
    const { rows } = await this.store.query<{ id: unknown }>('SELECT COALESCE(MAX(id), 0) AS id FROM centre_broadcasts');
    this.lastId = toSafeNumber(rows[0]?.id ?? 0);
  }

  async send(input: { participantId?: string; urgency: Broadcast['urgency']; title: string; body: string }, sender: string, actor: string, address: string): Promise<Broadcast> {
    this.lastId += 1;
    const broadcast: Broadcast = {
      id: this.lastId,
      at: new Date(this.nowMs()).toISOString(),
      sender,
      participantId: input.participantId ?? null,
      urgency: input.urgency,
      title: input.title,
      body: input.body,
    };
    await this.host.publish({
      feed: { type: 'broadcast', data: { ...broadcast }, ...(input.participantId ? { participantId: input.participantId } : {}) },
      write: async (tx) => {
        await tx.query('INSERT INTO centre_broadcasts (id, at, sender, participant_id, urgency, title, body) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          broadcast.id,
          broadcast.at,
          broadcast.sender,
          broadcast.participantId,
          broadcast.urgency,
          broadcast.title,
          broadcast.body,
        ]);
      },
      audit: { actor, action: 'broadcast.sent', entity: 'broadcast', entityId: String(broadcast.id), detail: { ...broadcast, address } },
    });
    return broadcast;
  }

  /** Newest first; for a bank, those to every bank and those to it. */
  async list(options: { participantId?: string; beforeId?: number; limit: number }): Promise<Broadcast[]> {
    const { rows } = await this.store.query<BroadcastRow>(
      `SELECT id, at, sender, participant_id, urgency, title, body FROM centre_broadcasts
        WHERE ($1::text IS NULL OR participant_id IS NULL OR participant_id = $1) AND ($2::bigint IS NULL OR id < $2)
        ORDER BY id DESC LIMIT $3`,
      [options.participantId ?? null, options.beforeId ?? null, options.limit],
    );
    return rows.map(toBroadcast);
  }
}
