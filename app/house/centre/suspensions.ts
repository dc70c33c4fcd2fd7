import type { EngineHost } from '../engine/engine-host';
import { readAccount } from '../store/participant-queries';
import type { HouseStore } from '../store/sql-client';
import type { Execution } from './proposals';

/**
 * Participant suspension by the centre (docs/centre.md): a suspended bank's new payments, and
 * new payments to it, are refused with PARTICIPANT_SUSPENDED before the engine sees them; what
 * is already queued or in a cycle settles as usual, and the bank keeps pulling its statuses.
 * Published to every console as a `participant` change with `active: false`.
 */
export class Suspensions {
  private readonly suspended = new Set<string>();

  constructor(
    private readonly store: HouseStore,
    private readonly host: EngineHost,
  ) {}

  async load(): Promise<void> {
    const { rows } = await this.store.query<{ id: string }>('SELECT id FROM participants WHERE suspended');
    for (const row of rows) this.suspended.add(row.id);
  }

  has(participantId: string): boolean {
    return this.suspended.has(participantId);
  }

  async set(participantId: string, suspended: boolean, audit: { actor: string; detail: Record<string, unknown> }): Promise<Execution> {
    const account = await readAccount(this.store, participantId);
    if (!account) return { ok: false, status: 404, error: 'not_found', message: `no participant ${participantId}` };
    if (this.suspended.has(participantId) === suspended) {
      return { ok: false, status: 409, error: 'unchanged', message: `${participantId} is ${suspended ? 'suspended' : 'active'} already` };
    }
    await this.host.publish({
      feed: { type: 'participant', data: { id: account.id, name: account.name, bankCode: account.bankCode, active: !suspended } },
      write: async (tx) => {
        await tx.query('UPDATE participants SET suspended = $2 WHERE id = $1', [participantId, suspended]);
      },
      audit: { actor: audit.actor, action: suspended ? 'participant.suspended' : 'participant.resumed', entity: 'participant', entityId: participantId, detail: audit.detail },
    });
    if (suspended) this.suspended.add(participantId);
    else this.suspended.delete(participantId);
    return { ok: true, outcome: { participantId, suspended } };
  }
}
