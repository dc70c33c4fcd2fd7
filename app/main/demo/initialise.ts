import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/open-database';
import { initialBusinessDate } from '../../shared/domain/calendar';
import { workingCalendar } from '../settings/working-calendar';
import { getSetting, requireSetting, setSetting } from '../settings/settings';
import { upsertParticipant } from '../settings/participants';
import { createOperator } from '../auth/login';
import { randomPassword } from '../auth/password';
import { appendAudit } from '../audit/audit-log';
import { withIndexesDeferred } from '../store/bulk-load';
import { DEMO_SELF_ID, wuhanParticipants } from './wuhan-participants';
import { DEMO_OPERATORS, LEGACY_PASSWORD_FILES, formatCredentialLine, formatTotpLine, type IssuedCredential } from './demo-operators';
import { enrolTotp, newTotpSecret, totpRequired } from '../auth/totp-factor';
import { insertDemoPayments } from './demo-payments';
import { insertDemoHouseStatement } from './demo-house-statement';
import { insertDemoHouseSteps } from './demo-house-steps';

/** Payments of history the demo creates unless told otherwise. */
export const DEFAULT_DEMO_PAYMENTS = 200_000;

export interface InitialiseOptions {
  dataDir: string;
  demo?: boolean | { payments: number } | undefined;
  now: () => Date;
  log: (line: string) => void;
}

/** The business date for a fresh store: today (Beijing time) if a working day, else the one before. */
export { initialBusinessDate };

/**
 * The demo's own bank: HKB, or another bank of the directory named in HANKOU_DEMO_SELF (a second
 * console of another bank beside the first, as the messages e2e runs two banks' consoles).
 */
function demoSelfId(): string {
  const fromEnv = process.env.HANKOU_DEMO_SELF;
  if (fromEnv === undefined || fromEnv === '') return DEMO_SELF_ID;
  if (!wuhanParticipants().some((p) => p.id === fromEnv)) throw new Error(`HANKOU_DEMO_SELF must name a bank of the demo directory, got "${fromEnv}"`);
  return fromEnv;
}

function demoPaymentCount(demo: InitialiseOptions['demo']): number {
  const fromEnv = process.env.HANKOU_DEMO_PAYMENTS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 0) throw new Error(`HANKOU_DEMO_PAYMENTS must be a whole number, got "${fromEnv}"`);
    return n;
  }
  return typeof demo === 'object' ? demo.payments : DEFAULT_DEMO_PAYMENTS;
}

/** Removes the clear-text password files an earlier version wrote (see LEGACY_PASSWORD_FILES). */
function removeLegacyPasswordFiles(dataDir: string, log: (line: string) => void): void {
  for (const name of LEGACY_PASSWORD_FILES) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    rmSync(path, { force: true });
    log(`Removed ${path}: passwords are no longer kept in clear. Lost one? hankou console new-password --data ${dataDir} --user NAME`);
  }
}

/**
 * First start: a store without an own participant gets the Wuhan participant directory, the
 * settings, and operators. With `demo`, the demo operators and the payments history; without,
 * one admin. The passwords are printed once, to `log` (the terminal of whoever started it), and
 * stored nowhere but as argon2id hashes. A store that is already set up is left alone.
 */
export async function ensureInitialised(db: Db, options: InitialiseOptions): Promise<'existing' | 'demo' | 'fresh'> {
  removeLegacyPasswordFiles(options.dataDir, options.log);
  if (getSetting(db, 'self_participant') !== undefined) return 'existing';
  if (getSetting(db, 'business_date') !== undefined) {
    throw new Error(`the console store in ${options.dataDir} was left half set up by an interrupted first start; remove the folder and start again`);
  }
  const now = options.now();
  const at = now.toISOString();
  const businessDate = initialBusinessDate(now, workingCalendar(db));
  const selfId = demoSelfId();
  const participants = wuhanParticipants(selfId);
  db.transaction(() => {
    for (const p of participants) upsertParticipant(db, p);
    setSetting(db, 'business_date', businessDate);
    setSetting(db, 'device_id', randomBytes(4).toString('hex').toUpperCase());
    setSetting(db, 'next_payment_seq', '1');
    appendAudit(db, { at, actor: 'system', action: 'store.initialised', entity: 'store', entityId: selfId, detail: { businessDate, demo: Boolean(options.demo), participants: participants.length } });
  })();

  const operators = options.demo ? DEMO_OPERATORS : [{ username: 'admin', displayName: '系统管理员', roles: ['admin' as const] }];
  const issued: IssuedCredential[] = [];
  for (const op of operators) {
    const password = randomPassword();
    await createOperator(db, { ...op, password }, 'system', at);
    issued.push({ ...op, password });
  }
  options.log('Operators created. Their passwords are shown this once and stored nowhere (only argon2id hashes):');
  for (const credential of issued) options.log(formatCredentialLine(credential));
  if (options.demo) {
    // Supervisors and the administrator sign in with a one-time code. The demo sets their keys
    // up and prints them once, so a demo (and its tests) signs in without a phone; a real first
    // start lets the administrator scan a QR code at the first sign-in instead.
    const keys = db.transaction(() =>
      issued.filter((c) => totpRequired(db, c.roles)).map((c) => {
        const secret = newTotpSecret();
        enrolTotp(db, c.username, secret, 'system', at);
        return { username: c.username, secret };
      }),
    )();
    options.log('One-time-code keys (TOTP, RFC 6238) of the operators who need one, shown this once; add them to an authenticator app:');
    for (const k of keys) options.log(formatTotpLine(k.username, k.secret));
  }

  if (options.demo) {
    const count = demoPaymentCount(options.demo);
    const started = Date.now();
    const nextSeq = withIndexesDeferred(db, 'payments', () =>
      insertDemoPayments(db, { count, selfId, deviceId: requireSetting(db, 'device_id'), participantIds: participants.map((p) => p.id), businessDate, now }),
    );
    // The house's statements of the history, consistent with these books (a past day reconciles).
    insertDemoHouseStatement(db, { selfId, businessDate, receivedAt: at });
    // And the house's steps of each payment, for its history (after the cycles above).
    insertDemoHouseSteps(db);
    db.transaction(() => {
      setSetting(db, 'next_payment_seq', String(nextSeq));
      appendAudit(db, { at, actor: 'system', action: 'demo.history_loaded', entity: 'store', entityId: selfId, detail: { payments: count } });
    })();
    db.pragma('optimize');
    options.log(`Demo history: ${count} payments in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Last, so a start interrupted above is redone from scratch rather than half-initialised.
  db.transaction(() => setSetting(db, 'self_participant', selfId))();
  return options.demo ? 'demo' : 'fresh';
}
