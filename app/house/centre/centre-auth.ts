import { hash as argonHash, verify as argonVerify, type Algorithm } from '@node-rs/argon2';
import type { Logger } from 'pino';
import QRCode from 'qrcode';
import type { CentreRole, OperatorView } from '../../shared/contract/centre-api';
import { hashToken, newToken } from '../auth/tokens';
import { readMeta } from '../store/participant-queries';
import { toSafeNumber, type HouseStore, type SqlClient } from '../store/sql-client';
import { auditedCentreChange, centreActor } from './centre-audit';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

/** argon2id (the enum is a const enum the bundler cannot inline; 2 is Argon2id). */
const ARGON2ID = 2 as Algorithm;

/** A session ends after this long without a request, and at the latest after SESSION_MAX_MS. */
export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_MAX_MS = 8 * 3_600_000;
/** Between the password and the TOTP code. */
export const CHALLENGE_MS = 5 * 60_000;
/** Consecutive failures (password or code) that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** last_seen is written at most this often per session (a read is not a write). */
const TOUCH_EVERY_MS = 30_000;
/** Pending challenges kept at once: bounded memory under a flood of right passwords. */
const MAX_CHALLENGES = 1000;
const ADMIN_DISABLED_KEY = 'admin_token_disabled';

export interface CentreOperator {
  username: string;
  name: string;
  role: CentreRole;
  active: boolean;
  enrolled: boolean;
  lockedUntilMs: number | null;
  createdAt: string;
  createdBy: string;
}

export type AuthRefusal = { status: 400 | 401 | 403 | 409 | 423; error: string; message: string; lockedUntil?: string };

interface OperatorRow {
  username: string;
  name: string;
  role: CentreRole;
  password_hash: string;
  totp_secret: string | null;
  totp_last_step: unknown;
  failed_logins: number;
  locked_until_ms: unknown;
  active: boolean;
  created_at: string;
  created_by: string;
}

interface Challenge {
  username: string;
  expiresMs: number;
  /** First login: the secret being enrolled, kept only once a code proves the app has it. */
  enrolSecret?: string;
}

const OPERATOR_COLUMNS = 'username, name, role, password_hash, totp_secret, totp_last_step, failed_logins, locked_until_ms, active, created_at, created_by';

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toSafeNumber(value);
}

function toOperator(row: OperatorRow): CentreOperator {
  return {
    username: row.username,
    name: row.name,
    role: row.role,
    active: row.active,
    enrolled: row.totp_secret !== null,
    lockedUntilMs: nullableNumber(row.locked_until_ms),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function operatorView(operator: CentreOperator, nowMs: number): OperatorView {
  const locked = operator.lockedUntilMs !== null && operator.lockedUntilMs > nowMs;
  return {
    username: operator.username,
    name: operator.name,
    role: operator.role,
    active: operator.active,
    enrolled: operator.enrolled,
    lockedUntil: locked && operator.lockedUntilMs !== null ? new Date(operator.lockedUntilMs).toISOString() : null,
    createdAt: operator.createdAt,
    createdBy: operator.createdBy,
  };
}

/**
 * Named centre operators (docs/centre.md): argon2id passwords, TOTP as the required second
 * factor (enrolled at the first login), sessions with an idle and an absolute expiry, and an
 * account lock after repeated failures. Sessions and locks live in the store, so a restart
 * keeps them; only the short-lived login challenges are in memory.
 */
export class CentreAuth {
  private readonly challenges = new Map<string, Challenge>();
  private adminDisabled = false;

  constructor(
    private readonly store: HouseStore,
    private readonly nowMs: () => number,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    this.adminDisabled = (await readMeta(this.store, ADMIN_DISABLED_KEY)) === 'true';
  }

  /** After the first supervisor exists the shared admin token is refused everywhere. */
  get adminTokenDisabled(): boolean {
    return this.adminDisabled;
  }

  private at(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /**
   * Break-glass: the admin token creates the first supervisor and is then disabled for good
   * (persisted in house_meta, in the same commit as the account and its audit entry).
   */
  async bootstrap(input: { username: string; name: string; password: string }, address: string): Promise<CentreOperator | AuthRefusal> {
    const passwordHash = await argonHash(input.password, { algorithm: ARGON2ID });
    const created = await auditedCentreChange(
      this.store,
      { actor: 'admin', action: 'centre.bootstrap', entity: 'operator', entityId: input.username, detail: { name: input.name, role: 'centre-supervisor', address } },
      this.at(),
      async (tx) => {
        await tx.query('LOCK TABLE centre_operators IN EXCLUSIVE MODE');
        const { rows } = await tx.query<{ n: unknown }>('SELECT count(*) AS n FROM centre_operators');
        // Throwing rolls the audit entry back with it: a refused bootstrap leaves no trace but the log line.
        if (toSafeNumber(rows[0]?.n ?? 0) > 0) throw new NotFound();
        await this.insertOperator(tx, { ...input, role: 'centre-supervisor', passwordHash, createdBy: 'admin' });
        await tx.query(`INSERT INTO house_meta (key, value) VALUES ($1, 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'`, [ADMIN_DISABLED_KEY]);
        return true;
      },
    ).catch((error: unknown) => {
      if (error instanceof NotFound) return false;
      throw error;
    });
    if (!created) return { status: 409, error: 'already_bootstrapped', message: 'centre operators exist; the admin token cannot create more' };
    this.adminDisabled = true;
    this.logger.warn({ event: 'centre.bootstrap', username: input.username }, 'first centre supervisor created; the admin token is now disabled');
    const operator = await this.operator(input.username);
    if (!operator) throw new Error('bootstrapped operator missing');
    return operator;
  }

  private async insertOperator(tx: SqlClient, input: { username: string; name: string; role: CentreRole; passwordHash: string; createdBy: string }): Promise<void> {
    await tx.query(
      'INSERT INTO centre_operators (username, name, role, password_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [input.username, input.name, input.role, input.passwordHash, this.at(), input.createdBy],
    );
  }

  private async row(db: SqlClient, username: string): Promise<OperatorRow | undefined> {
    const { rows } = await db.query<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM centre_operators WHERE username = $1`, [username]);
    return rows[0];
  }

  async operator(username: string): Promise<CentreOperator | undefined> {
    const row = await this.row(this.store, username);
    return row ? toOperator(row) : undefined;
  }

  async operators(): Promise<CentreOperator[]> {
    const { rows } = await this.store.query<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM centre_operators ORDER BY username`);
    return rows.map(toOperator);
  }

  async createOperator(by: string, input: { username: string; name: string; role: CentreRole; password: string }, address: string): Promise<CentreOperator | AuthRefusal> {
    if (await this.row(this.store, input.username)) return { status: 409, error: 'exists', message: `operator ${input.username} exists` };
    const passwordHash = await argonHash(input.password, { algorithm: ARGON2ID });
    try {
      await auditedCentreChange(
        this.store,
        { actor: centreActor(by), action: 'centre.operator.created', entity: 'operator', entityId: input.username, detail: { name: input.name, role: input.role, address } },
        this.at(),
        (tx) => this.insertOperator(tx, { ...input, passwordHash, createdBy: by }),
      );
    } catch (error) {
      if (/duplicate key|unique/i.test(String(error))) return { status: 409, error: 'exists', message: `operator ${input.username} exists` };
      throw error;
    }
    const operator = await this.operator(input.username);
    if (!operator) throw new Error('created operator missing');
    return operator;
  }

  /** A supervisor's change to another account; returns the account after it. */
  async changeOperator(
    by: string,
    username: string,
    change: { active?: boolean; unlock?: true; password?: string; resetTotp?: true },
    address: string,
  ): Promise<CentreOperator | AuthRefusal> {
    if (username === by && change.active === false) return { status: 409, error: 'self', message: 'a supervisor cannot disable their own account' };
    const passwordHash = change.password === undefined ? null : await argonHash(change.password, { algorithm: ARGON2ID });
    const found = await auditedCentreChange(
      this.store,
      {
        actor: centreActor(by),
        action: 'centre.operator.changed',
        entity: 'operator',
        entityId: username,
        detail: { active: change.active, unlock: change.unlock, passwordChanged: passwordHash !== null, totpReset: change.resetTotp, address },
      },
      this.at(),
      async (tx) => {
        const { rows } = await tx.query<{ username: string }>(
          `UPDATE centre_operators SET
             active = COALESCE($2, active),
             failed_logins = CASE WHEN $3 THEN 0 ELSE failed_logins END,
             locked_until_ms = CASE WHEN $3 THEN NULL ELSE locked_until_ms END,
             password_hash = COALESCE($4, password_hash),
             totp_secret = CASE WHEN $5 THEN NULL ELSE totp_secret END,
             totp_last_step = CASE WHEN $5 THEN NULL ELSE totp_last_step END
           WHERE username = $1 RETURNING username`,
          [username, change.active ?? null, change.unlock === true, passwordHash, change.resetTotp === true],
        );
        if (rows.length === 0) throw new NotFound();
        // A disabled account, a new password or a new second factor ends its sessions.
        if (change.active === false || passwordHash !== null || change.resetTotp) await tx.query('DELETE FROM centre_sessions WHERE username = $1', [username]);
        return true;
      },
    ).catch((error: unknown) => {
      if (error instanceof NotFound) return false;
      throw error;
    });
    if (!found) return { status: 403, error: 'not_found', message: `no operator ${username}` };
    const operator = await this.operator(username);
    if (!operator) throw new Error('changed operator missing');
    return operator;
  }

  /** One failure on the account: counted, and the account locked at the limit (audited). */
  private async recordFailure(row: OperatorRow, reason: string, address: string): Promise<AuthRefusal> {
    const nowMs = this.nowMs();
    const failures = row.failed_logins + 1;
    const lockNow = failures >= MAX_FAILED_LOGINS;
    const lockedUntilMs = lockNow ? nowMs + LOCKOUT_MS : null;
    await auditedCentreChange(
      this.store,
      {
        actor: centreActor(row.username),
        action: lockNow ? 'centre.locked' : 'centre.login.failed',
        entity: 'operator',
        entityId: row.username,
        detail: { reason, failures, address, ...(lockedUntilMs ? { lockedUntil: new Date(lockedUntilMs).toISOString() } : {}) },
      },
      this.at(),
      async (tx) => {
        await tx.query('UPDATE centre_operators SET failed_logins = $2, locked_until_ms = COALESCE($3, locked_until_ms) WHERE username = $1', [row.username, lockNow ? 0 : failures, lockedUntilMs]);
      },
    );
    this.logger.warn({ event: 'centre.login.failed', username: row.username, reason, address, locked: lockNow }, 'centre login failed');
    if (lockNow && lockedUntilMs) return this.lockedRefusal(lockedUntilMs);
    return { status: 401, error: 'invalid_credentials', message: reason === 'wrong_code' ? 'the code is wrong or was used already' : 'wrong username or password' };
  }

  private lockedRefusal(lockedUntilMs: number): AuthRefusal {
    const lockedUntil = new Date(lockedUntilMs).toISOString();
    return { status: 423, error: 'locked', message: `the account is locked after ${MAX_FAILED_LOGINS} failed attempts until ${lockedUntil}`, lockedUntil };
  }

  /** Step one: the password. Answers a challenge for the TOTP code (with enrolment at the first login). */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ challenge: string; expiresAt: string; enrolment?: { secret: string; otpauthUri: string; qrSvg: string } } | AuthRefusal> {
    const row = await this.row(this.store, username);
    if (!row || !row.active) {
      this.logger.warn({ event: 'centre.login.failed', reason: row ? 'disabled' : 'unknown_user', address }, 'centre login failed');
      return { status: 401, error: 'invalid_credentials', message: 'wrong username or password' };
    }
    const lockedUntilMs = nullableNumber(row.locked_until_ms);
    if (lockedUntilMs !== null && lockedUntilMs > this.nowMs()) return this.lockedRefusal(lockedUntilMs);
    let good = false;
    try {
      good = await argonVerify(row.password_hash, password);
    } catch {
      good = false;
    }
    if (!good) return this.recordFailure(row, 'wrong_password', address);
    this.sweepChallenges();
    const challenge = newToken();
    const expiresMs = this.nowMs() + CHALLENGE_MS;
    const entry: Challenge = { username, expiresMs };
    let enrolment: { secret: string; otpauthUri: string; qrSvg: string } | undefined;
    if (row.totp_secret === null) {
      const secret = newTotpSecret();
      const uri = otpauthUri(secret, username);
      entry.enrolSecret = secret;
      enrolment = { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
    }
    if (this.challenges.size >= MAX_CHALLENGES) return { status: 409, error: 'busy', message: 'too many logins in progress; retry in a minute' };
    this.challenges.set(hashToken(challenge), entry);
    return { challenge, expiresAt: new Date(expiresMs).toISOString(), ...(enrolment ? { enrolment } : {}) };
  }

  private sweepChallenges(): void {
    const now = this.nowMs();
    for (const [key, c] of this.challenges) if (c.expiresMs <= now) this.challenges.delete(key);
  }

  /** Step two: the TOTP code. A right code opens a session; a wrong one counts as a failure. */
  async completeLogin(challengeToken: string, code: string, address: string): Promise<{ session: string; expiresAt: string; operator: CentreOperator } | AuthRefusal> {
    const key = hashToken(challengeToken);
    const challenge = this.challenges.get(key);
    const nowMs = this.nowMs();
    if (!challenge || challenge.expiresMs <= nowMs) {
      this.challenges.delete(key);
      return { status: 401, error: 'challenge_expired', message: 'log in again: the password step has expired' };
    }
    const row = await this.row(this.store, challenge.username);
    if (!row || !row.active) return { status: 401, error: 'invalid_credentials', message: 'wrong username or password' };
    const lockedUntilMs = nullableNumber(row.locked_until_ms);
    if (lockedUntilMs !== null && lockedUntilMs > nowMs) {
      this.challenges.delete(key);
      return this.lockedRefusal(lockedUntilMs);
    }
    const secret = challenge.enrolSecret ?? row.totp_secret;
    if (secret === null) return { status: 401, error: 'challenge_expired', message: 'log in again to enrol the second factor' };
    const step = verifyTotp(secret, code, nowMs, challenge.enrolSecret ? null : nullableNumber(row.totp_last_step));
    if (step === undefined) {
      const refusal = await this.recordFailure(row, 'wrong_code', address);
      if (refusal.status === 423) this.challenges.delete(key);
      return refusal;
    }
    this.challenges.delete(key);
    const session = newToken() + newToken();
    const expiresMs = nowMs + SESSION_MAX_MS;
    await auditedCentreChange(
      this.store,
      { actor: centreActor(row.username), action: challenge.enrolSecret ? 'centre.login.enrolled' : 'centre.login', entity: 'operator', entityId: row.username, detail: { address, expiresAt: new Date(expiresMs).toISOString() } },
      this.at(),
      async (tx) => {
        // The step is taken with a compare-and-set, so two logins racing with one code cannot both win.
        const { rows } = await tx.query<{ username: string }>(
          `UPDATE centre_operators SET failed_logins = 0, locked_until_ms = NULL, totp_last_step = $2, totp_secret = COALESCE($3, totp_secret)
           WHERE username = $1 AND (totp_last_step IS NULL OR totp_last_step < $2 OR $3::text IS NOT NULL) RETURNING username`,
          [row.username, step, challenge.enrolSecret ?? null],
        );
        if (rows.length === 0) throw new Error('TOTP step already used');
        await tx.query('INSERT INTO centre_sessions (token_sha256, username, created_ms, last_seen_ms, expires_ms) VALUES ($1, $2, $3, $3, $4)', [hashToken(session), row.username, nowMs, expiresMs]);
      },
    );
    const operator = await this.operator(row.username);
    if (!operator) throw new Error('operator vanished during login');
    return { session, expiresAt: new Date(expiresMs).toISOString(), operator };
  }

  /** The operator of a live session, or why not. Touches the idle clock. */
  async session(token: string): Promise<{ operator: CentreOperator; tokenSha256: string } | { status: 401; error: string; message: string }> {
    const tokenSha256 = hashToken(token);
    const { rows } = await this.store.query<OperatorRow & { last_seen_ms: unknown; expires_ms: unknown }>(
      `SELECT ${OPERATOR_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}, s.last_seen_ms, s.expires_ms
         FROM centre_sessions s JOIN centre_operators o ON o.username = s.username WHERE s.token_sha256 = $1`,
      [tokenSha256],
    );
    const row = rows[0];
    const nowMs = this.nowMs();
    if (!row || !row.active) return { status: 401, error: 'unauthorized', message: 'a centre operator session is required' };
    const lastSeenMs = toSafeNumber(row.last_seen_ms);
    if (toSafeNumber(row.expires_ms) <= nowMs || lastSeenMs + SESSION_IDLE_MS <= nowMs) {
      await this.store.query('DELETE FROM centre_sessions WHERE token_sha256 = $1', [tokenSha256]);
      return { status: 401, error: 'session_expired', message: 'the session has expired; log in again' };
    }
    if (nowMs - lastSeenMs >= TOUCH_EVERY_MS) await this.store.query('UPDATE centre_sessions SET last_seen_ms = $2 WHERE token_sha256 = $1', [tokenSha256, nowMs]);
    return { operator: toOperator(row), tokenSha256 };
  }

  async logout(tokenSha256: string, username: string, address: string): Promise<void> {
    await auditedCentreChange(this.store, { actor: centreActor(username), action: 'centre.logout', entity: 'operator', entityId: username, detail: { address } }, this.at(), async (tx) => {
      await tx.query('DELETE FROM centre_sessions WHERE token_sha256 = $1', [tokenSha256]);
    });
  }
}

class NotFound extends Error {}
