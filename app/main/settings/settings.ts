import { preparedOnce, type Db } from '../store/open-database';

/** Keys of the settings table and what they hold. */
export type SettingKey =
  | 'self_participant' // id of this console's own bank
  | 'business_date' // YYYY-MM-DD, assigned by the house (set locally until sync runs)
  | 'device_id' // this console's id in the sync protocol and in payment ids
  | 'next_payment_seq' // next number for locally made payment ids
  | 'house_link' // the house URL and this bank's token, sealed (secrets/secret-box.ts): never in clear
  | 'operator_limits' // JSON object: username -> { maker, checker } amount limits as decimal strings or null (issue 13)
  | 'liquidity_check' // JSON: the last shadow verification of the liquidity figures (liquidity/liquidity-check.ts)
  | 'totp_required_all' // '1': every operator signs in with a one-time code, not only supervisors and admins (auth/totp-factor.ts)
  | 'blind_verify_kinds'; // JSON array of payment kinds whose verification re-keys amount and payee account (blind double entry)

const sql = preparedOnce((db) => ({
  get: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
  set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  remove: db.prepare('DELETE FROM settings WHERE key = ?'),
}));

export function getSetting(db: Db, key: SettingKey): string | undefined {
  return sql(db).get.get(key);
}

export function requireSetting(db: Db, key: SettingKey): string {
  const value = getSetting(db, key);
  if (value === undefined) throw new Error(`setting ${key} is missing: the console store was never initialised`);
  return value;
}

export function setSetting(db: Db, key: SettingKey, value: string): void {
  sql(db).set.run(key, value);
}

export function deleteSetting(db: Db, key: SettingKey): void {
  sql(db).remove.run(key);
}

/** Reserves the next local payment number; call inside the capture transaction. */
export function takePaymentSeq(db: Db): number {
  const next = Number(getSetting(db, 'next_payment_seq') ?? '1');
  setSetting(db, 'next_payment_seq', String(next + 1));
  return next;
}
