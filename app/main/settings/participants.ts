import { preparedOnce, type Db } from '../store/open-database';

export interface ParticipantRecord {
  id: string;
  name: string;
  bankCode: string;
  self: boolean;
  balanceMinor: bigint;
  netDebitCapMinor: bigint;
  /** False while the centre has suspended it (directory, migration 0070); absent before that. */
  active?: boolean;
}

interface Row {
  id: string;
  name: string;
  bank_code: string;
  is_self: number;
  balance_minor: bigint;
  net_debit_cap_minor: bigint;
  active?: number | bigint;
}

const sql = preparedOnce((db) => ({
  all: db.prepare<[], Row>('SELECT * FROM participants ORDER BY is_self DESC, bank_code').safeIntegers(),
  self: db.prepare<[], Row>('SELECT * FROM participants WHERE is_self = 1').safeIntegers(),
  upsert: db.prepare(
    `INSERT INTO participants (id, name, bank_code, is_self, balance_minor, net_debit_cap_minor)
     VALUES (@id, @name, @bankCode, @self, @balanceMinor, @netDebitCapMinor)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, bank_code = excluded.bank_code,
       balance_minor = excluded.balance_minor, net_debit_cap_minor = excluded.net_debit_cap_minor`,
  ),
}));

function toRecord(row: Row): ParticipantRecord {
  return {
    id: row.id,
    name: row.name,
    bankCode: row.bank_code,
    self: row.is_self === 1 || (row.is_self as unknown) === 1n,
    balanceMinor: BigInt(row.balance_minor),
    netDebitCapMinor: BigInt(row.net_debit_cap_minor),
    active: row.active === undefined ? true : Number(row.active) === 1,
  };
}

export function listParticipants(db: Db): ParticipantRecord[] {
  return sql(db).all.all().map(toRecord);
}

export function selfParticipant(db: Db): ParticipantRecord {
  const row = sql(db).self.get();
  if (row === undefined) throw new Error('no participant is marked as this console\'s own bank');
  return toRecord(row);
}

export function upsertParticipant(db: Db, p: ParticipantRecord): void {
  const { active: _active, ...record } = p;
  sql(db).upsert.run({ ...record, self: p.self ? 1 : 0 });
}
