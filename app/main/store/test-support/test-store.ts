import { openDatabase, type Db } from '../open-database';
import { migrate } from '../migrate';
import { MIGRATIONS } from '../migrations/index';
import { upsertParticipant } from '../../settings/participants';
import { setSetting } from '../../settings/settings';

/** For tests: an in-memory store migrated up to `version` (all when omitted). */
export function memoryStore(version = Number.POSITIVE_INFINITY): Db {
  const db = openDatabase(':memory:');
  migrate(db, MIGRATIONS, version);
  return db;
}

/** For tests: a migrated store with three participants (HKB is our own) and a business date. */
export function seededStore(businessDate = '2026-11-26'): Db {
  const db = memoryStore();
  db.transaction(() => {
    upsertParticipant(db, { id: 'HKB', name: '汉口银行', bankCode: '313521000011', self: true, balanceMinor: 0n, netDebitCapMinor: 0n });
    upsertParticipant(db, { id: 'ICBC', name: '中国工商银行武汉分行', bankCode: '102521000030', self: false, balanceMinor: 0n, netDebitCapMinor: 0n });
    upsertParticipant(db, { id: 'CCB', name: '中国建设银行湖北省分行', bankCode: '105521000012', self: false, balanceMinor: 0n, netDebitCapMinor: 0n });
    setSetting(db, 'self_participant', 'HKB');
    setSetting(db, 'business_date', businessDate);
    setSetting(db, 'device_id', 'D1');
    setSetting(db, 'next_payment_seq', '1');
  })();
  return db;
}
