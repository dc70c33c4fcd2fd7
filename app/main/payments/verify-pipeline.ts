import type { Db } from '../store/open-database';
import type { PaymentDbRow } from './payment-record';

/**
 * What happens to a payment after a supervisor verifies it, inside the same SQLite transaction
 * (so the risk assessment, the outbox row and the status change commit together). The order is
 * the pipeline's, not the order modules were installed in:
 *
 *   1. risk gate — screens and scores the payment; may hold or reject it and stop the pipeline;
 *   2. outbox   — writes the submit mutation and moves the payment `verified -> queued_offline`.
 *
 * Each step takes the payment as the step before left it and answers the payment as it leaves
 * it, so verify reads the row once per transaction. A step that throws rolls the verification
 * back. A step not installed (no risk extension, no house link) is skipped.
 */
export type RiskGateStep = (db: Db, payment: PaymentDbRow) => { payment: PaymentDbRow; stop: boolean };
export type OutboxStep = (db: Db, payment: PaymentDbRow) => PaymentDbRow;

export class VerifyPipeline {
  private riskGate: RiskGateStep | null = null;
  private outbox: OutboxStep | null = null;

  /** Installs the risk gate (the risk extension); returns a function that removes it. */
  setRiskGate(step: RiskGateStep): () => void {
    if (this.riskGate !== null) throw new Error('a risk gate is already installed');
    this.riskGate = step;
    return () => {
      if (this.riskGate === step) this.riskGate = null;
    };
  }

  /** Installs the outbox step (the sync extension); returns a function that removes it. */
  setOutbox(step: OutboxStep): () => void {
    if (this.outbox !== null) throw new Error('an outbox step is already installed');
    this.outbox = step;
    return () => {
      if (this.outbox === step) this.outbox = null;
    };
  }

  /** Runs the steps in order on a just-verified payment; answers the payment as it is now. */
  run(db: Db, payment: PaymentDbRow): PaymentDbRow {
    if (!db.inTransaction) throw new Error('the verify pipeline runs only inside the verify transaction');
    let current = payment;
    if (this.riskGate !== null) {
      const gated = this.riskGate(db, current);
      // A held or rejected payment never reaches the outbox.
      if (gated.stop) return gated.payment;
      current = gated.payment;
    }
    if (this.outbox !== null) current = this.outbox(db, current);
    return current;
  }
}
