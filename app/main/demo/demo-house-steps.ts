import type { Db } from '../store/open-database';
import { PUSH_ANSWER_SEQ } from '../payments/house-steps';

/**
 * The house's steps of the demo payments (house_payment_steps, sync migration 0018), as the sync
 * link would have recorded them, so a demo payment's history reads like a real one: an outgoing
 * payment is accepted (the push answer), then an RTGS payment settles at once, a DNS payment is
 * netted into its cycle and settled when that cycle closes (cycles as in demo-house-statement.ts),
 * and anything else takes its one final status. Drafts and verified payments never reached the
 * house. Needs house_payment_cycles written first.
 */
export function insertDemoHouseSteps(db: Db): number {
  // Cycle n of a day closes at 08:30 + n x 30 min Beijing time = 00:30Z + n x 30 min.
  const cycleClose = "strftime('%Y-%m-%dT%H:%M:%fZ', p.business_date, '+30 minutes', '+' || (c.cycle_id * 30) || ' minutes')";
  const house = "p.status NOT IN ('draft', 'verified', 'held', 'queued_offline')";
  const statements = [
    `INSERT INTO house_payment_steps (payment_id, feed_seq, status, reason, cycle_id, recorded_at)
     SELECT p.id, ${PUSH_ANSWER_SEQ}, 'accepted', NULL, NULL, p.updated_at FROM payments p WHERE p.direction = 'out' AND ${house} AND p.status <> 'rejected'`,
    // DNS payments settled in a cycle: netted into it, then settled at its close.
    `INSERT INTO house_payment_steps (payment_id, feed_seq, status, reason, cycle_id, recorded_at)
     SELECT p.id, 1, 'netted', NULL, c.cycle_id, p.updated_at FROM payments p JOIN house_payment_cycles c ON c.payment_id = p.id WHERE p.status = 'settled'`,
    `INSERT INTO house_payment_steps (payment_id, feed_seq, status, reason, cycle_id, recorded_at)
     SELECT p.id, 2, 'settled', NULL, c.cycle_id, max(p.updated_at, ${cycleClose}) FROM payments p JOIN house_payment_cycles c ON c.payment_id = p.id WHERE p.status = 'settled'`,
    // Everything else: its one (final or current) house status when the house answered.
    `INSERT INTO house_payment_steps (payment_id, feed_seq, status, reason, cycle_id, recorded_at)
     SELECT p.id, 1, p.status, p.reason, NULL, p.updated_at FROM payments p
     WHERE ${house} AND NOT (p.status = 'received' AND p.direction = 'out') AND NOT EXISTS (SELECT 1 FROM house_payment_cycles c WHERE c.payment_id = p.id AND p.status = 'settled')`,
  ];
  let written = 0;
  db.transaction(() => {
    for (const sql of statements) written += db.prepare(sql).run().changes;
  })();
  return written;
}
