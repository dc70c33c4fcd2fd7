import type { HouseStore, SqlClient } from '../store/sql-client';
import { toSafeNumber } from '../store/sql-client';

/**
 * Which house process is the active one: a single lease row in the ledger's database with the
 * holder, an epoch that grows by one at every takeover and an expiry on the DATABASE's clock (no
 * house clock is compared with another's). The active house renews it; a standby takes it over
 * once it has lapsed. Fencing: every write transaction first checks, with the row locked FOR
 * SHARE, that the epoch is still its own, so a takeover (which updates the row) waits for a
 * write in flight and every later write of the old holder fails. The table is created here, not
 * by a migration: it belongs to the failover mode only.
 */
export class FencedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FencedError';
  }
}

export interface LeaseOptions {
  /** This process's name in the lease (host:pid or a configured id). */
  holder: string;
  /** How long a lease lives without renewal. */
  ttlMs: number;
  /** How often the holder renews (a third of the ttl by default). */
  renewEveryMs?: number;
  /** How often a standby looks whether the lease has lapsed. */
  pollEveryMs?: number;
}

/** A standby looks at least this often whether the lease lapsed (it also looks when it is due to). */
const DEFAULT_POLL_MS = 500;
/** Looked at this long after the expiry it read, so the database's now() is past it. */
const LAPSE_MARGIN_MS = 5;

export async function ensureLeaseTable(store: HouseStore): Promise<void> {
  await store.exec(`CREATE TABLE IF NOT EXISTS house_lease (
    id integer PRIMARY KEY CHECK (id = 1),
    holder text NOT NULL,
    epoch bigint NOT NULL,
    expires_at timestamptz NOT NULL
  )`);
  await store.query("INSERT INTO house_lease (id, holder, epoch, expires_at) VALUES (1, '', 0, '-infinity') ON CONFLICT (id) DO NOTHING");
}

export class HouseLease {
  private epochHeld: number | undefined;
  private lostReason: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: LeaseOptions) {}

  get epoch(): number | undefined {
    return this.epochHeld;
  }

  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  /** Why the lease was lost (undefined while held). */
  get lostBecause(): string | undefined {
    return this.lostReason;
  }

  /** One attempt: takes the lease if it has lapsed (or is ours); the new epoch, or undefined. */
  async tryAcquire(store: HouseStore): Promise<number | undefined> {
    const { rows } = await store.query<{ epoch: string }>(
      `UPDATE house_lease SET holder = $1, epoch = epoch + 1, expires_at = now() + $2 * interval '1 millisecond'
       WHERE id = 1 AND (expires_at < now() OR holder = '') RETURNING epoch::text AS epoch`,
      [this.options.holder, this.options.ttlMs],
    );
    const epoch = rows[0] ? toSafeNumber(rows[0].epoch) : undefined;
    if (epoch !== undefined) this.epochHeld = epoch;
    return epoch;
  }

  /**
   * Waits until this process holds the lease; errors while the database is away are retried. It
   * looks again when the lease is due to lapse (the expiry on the database's clock, as time left),
   * or after the poll interval if that comes first: a takeover does not wait for the next poll.
   */
  async acquire(store: HouseStore, onWaiting?: (holder: string) => void): Promise<number> {
    let said = false;
    const pollMs = this.options.pollEveryMs ?? DEFAULT_POLL_MS;
    while (!this.stopped) {
      let sleepMs = pollMs;
      try {
        const epoch = await this.tryAcquire(store);
        if (epoch !== undefined) return epoch;
        const { rows } = await store.query<{ holder: string; left_ms: number | string }>(
          "SELECT holder, greatest(0, extract(epoch FROM expires_at - now()) * 1000)::float8 AS left_ms FROM house_lease WHERE id = 1",
        );
        const leftMs = Number(rows[0]?.left_ms ?? pollMs);
        if (Number.isFinite(leftMs)) sleepMs = Math.min(pollMs, Math.ceil(leftMs) + LAPSE_MARGIN_MS);
        if (!said && onWaiting) {
          onWaiting(rows[0]?.holder ?? '');
          said = true;
        }
      } catch {
        // the database is unreachable or failing over: look again
      }
      await new Promise((r) => setTimeout(r, sleepMs));
    }
    throw new FencedError('stopped while waiting for the lease');
  }

  /**
   * Renews until stopped. A renewal that finds another epoch means a standby took over: the lease
   * is lost for good and onLost runs once. A renewal that fails (database unreachable) is retried;
   * writes are fenced meanwhile by the database itself (they cannot commit either).
   */
  startRenewing(store: HouseStore, onLost: (reason: string) => void): void {
    const every = this.options.renewEveryMs ?? Math.max(100, Math.floor(this.options.ttlMs / 3));
    const renew = async (): Promise<void> => {
      if (this.stopped || this.lost) return;
      try {
        const { rows } = await store.query<{ epoch: string }>(
          `UPDATE house_lease SET expires_at = now() + $3 * interval '1 millisecond'
           WHERE id = 1 AND holder = $1 AND epoch = $2 RETURNING epoch::text AS epoch`,
          [this.options.holder, String(this.epochHeld), this.options.ttlMs],
        );
        if (rows.length === 0) {
          this.lostReason = `the lease (epoch ${this.epochHeld}) was taken over by another house`;
          onLost(this.lostReason);
          return;
        }
      } catch {
        // unreachable: try again at the next tick
      }
      if (!this.stopped && !this.lost) this.timer = setTimeout(() => void renew(), every);
    };
    this.timer = setTimeout(() => void renew(), every);
  }

  /** Inside a write transaction, before anything is written: is the lease still ours? */
  async fence(tx: SqlClient): Promise<void> {
    if (this.lostReason !== undefined) throw new FencedError(`fenced: ${this.lostReason}`);
    const { rows } = await tx.query<{ epoch: string; holder: string }>('SELECT epoch::text AS epoch, holder FROM house_lease WHERE id = 1 FOR SHARE');
    const row = rows[0];
    if (!row || row.holder !== this.options.holder || row.epoch !== String(this.epochHeld)) {
      this.lostReason ??= `the lease is held by ${row?.holder ?? 'nobody'} at epoch ${row?.epoch ?? '?'}, not by this house (epoch ${this.epochHeld})`;
      throw new FencedError(`fenced: ${this.lostReason}`);
    }
  }

  /** A clean stop hands over at once: the lease lapses now (only if it is still ours). */
  async release(store: HouseStore): Promise<void> {
    this.stop();
    if (this.epochHeld === undefined || this.lost) return;
    await store.query("UPDATE house_lease SET expires_at = '-infinity' WHERE id = 1 AND holder = $1 AND epoch = $2", [this.options.holder, String(this.epochHeld)]);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/** The store every writer of the house uses in failover mode: each transaction is fenced first. */
export function fencedStore(store: HouseStore, lease: HouseLease): HouseStore {
  return {
    kind: store.kind,
    query<Row extends object>(sql: string, params?: readonly unknown[], statementName?: string) {
      return store.query<Row>(sql, params, statementName);
    },
    exec: (sql) => store.exec(sql),
    transaction: (work) =>
      store.transaction(async (tx) => {
        await lease.fence(tx);
        return work(tx);
      }),
    close: () => store.close(),
  };
}
