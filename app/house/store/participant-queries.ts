import type { SqlClient } from './sql-client';
import { toBigInt } from './sql-client';

export interface ParticipantAccountRow {
  id: string;
  name: string;
  bankCode: string;
  balanceMinor: bigint;
  netDebitMinor: bigint;
  netDebitCapMinor: bigint;
  active: boolean;
}

interface Row {
  id: string;
  name: string;
  bank_code: string;
  balance: string;
  net_debit: string;
  cap: string;
  active: boolean;
}

const SELECT_ACCOUNT = `SELECT id, name, bank_code, balance_minor::text AS balance, net_debit_minor::text AS net_debit,
  net_debit_cap_minor::text AS cap, active FROM participants`;

const fromRow = (r: Row): ParticipantAccountRow => ({
  id: r.id,
  name: r.name,
  bankCode: r.bank_code,
  balanceMinor: toBigInt(r.balance),
  netDebitMinor: toBigInt(r.net_debit),
  netDebitCapMinor: toBigInt(r.cap),
  active: r.active,
});

export async function readAccount(db: SqlClient, participantId: string): Promise<ParticipantAccountRow | undefined> {
  const { rows } = await db.query<Row>(`${SELECT_ACCOUNT} WHERE id = $1`, [participantId]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function readAccounts(db: SqlClient): Promise<ParticipantAccountRow[]> {
  const { rows } = await db.query<Row>(`${SELECT_ACCOUNT} ORDER BY id`);
  return rows.map(fromRow);
}

/** token hash -> participant id, for the bearer-token check. */
export async function readTokenHashes(db: SqlClient): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; token_sha256: string }>(
    'SELECT id, token_sha256 FROM participants WHERE active AND token_sha256 IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.token_sha256, r.id]));
}

export async function setTokenHash(db: SqlClient, participantId: string, tokenSha256: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('UPDATE participants SET token_sha256 = $2 WHERE id = $1 RETURNING id', [participantId, tokenSha256]);
  return rows.length === 1;
}

export async function readMeta(db: SqlClient, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM house_meta WHERE key = $1', [key]);
  return rows[0]?.value;
}

/** Sets a meta value only if absent; returns the value that holds. */
export async function initMeta(db: SqlClient, key: string, value: string): Promise<string> {
  await db.query('INSERT INTO house_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
  const stored = await readMeta(db, key);
  if (stored === undefined) throw new Error(`house_meta ${key} missing right after insert`);
  return stored;
}
