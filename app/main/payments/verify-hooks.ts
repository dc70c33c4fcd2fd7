import type { Db } from '../store/open-database';
import type { PaymentDbRow } from './payment-record';

/**
 * Work other modules do when a supervisor verifies a payment, inside the same SQLite
 * transaction (so the outbox row and the status change commit together). The sync module
 * registers the outbox write here: `registerVerifyHook((db, payment) => enqueueOutbox(db, payment))`.
 * A hook that throws rolls the verification back. A hook may change the payment's status
 * (e.g. verified -> queued_offline); verify re-reads the row after the hooks ran.
 */
export type VerifyHook = (db: Db, payment: PaymentDbRow) => void | 'stop';

export class VerifyHooks {
  private readonly hooks: VerifyHook[] = [];

  /** Returns a function that removes the hook. */
  register(hook: VerifyHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  run(db: Db, payment: PaymentDbRow): void {
    if (!db.inTransaction) throw new Error('verify hooks must run inside the verify transaction');
    // 'stop' holds the payment here (risk review): the hooks after it (the outbox) do not run.
    for (const hook of this.hooks) if (hook(db, payment) === 'stop') return;
  }
}
