import type { Migration } from './migration';

/**
 * What the house answered for each transaction of a pacs.008 a bank sent (POST /v1/iso/pacs.008):
 * keyed by the bank, the message id and the end-to-end id, so a resend is answered with the
 * same pacs.002 and changes nothing, and a pacs.028 finds a payment by the bank's own ids.
 * `payment_id` is the house payment id made from it (no payments row holds it when the house
 * refused the transaction before the push: unknown creditor agent, currency, date).
 * `tx_status` / `reason_code` are the ISO codes first answered, `reason` Hankou's reason code.
 */
export const migration: Migration = {
  version: 6,
  name: 'iso-transactions',
  sql: `
CREATE TABLE iso_transactions (
  participant_id text NOT NULL,
  message_id text NOT NULL,
  end_to_end_id text NOT NULL,
  payment_id text NOT NULL,
  uetr text,
  tx_status text NOT NULL,
  reason_code text,
  reason text,
  answered_at text NOT NULL,
  PRIMARY KEY (participant_id, message_id, end_to_end_id)
);
CREATE INDEX iso_transactions_e2e ON iso_transactions (participant_id, end_to_end_id);
CREATE INDEX iso_transactions_payment ON iso_transactions (payment_id)
`,
};
