import type { RunningHouse } from '../../house';
import { call } from '../../test-support/fixtures';
import { totpCode } from '../totp';

/** A clock the test moves by hand; starts on a given instant. */
export function testClock(startIso: string): { nowMs: () => number; advance: (ms: number) => void; set: (iso: string) => void } {
  let now = Date.parse(startIso);
  return {
    nowMs: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (iso) => {
      now = Date.parse(iso);
    },
  };
}

export const PASSWORD = 'correct horse battery';

/** The TOTP secrets of the operators the test enrolled, by username. */
export type Secrets = Map<string, string>;

/**
 * Logs in with password and TOTP (enrolling at the first login); returns the session token.
 * Moves the clock one TOTP step first so a code is never a replay of the previous login's.
 */
export async function logIn(house: RunningHouse, clock: ReturnType<typeof testClock>, secrets: Secrets, username: string, password = PASSWORD): Promise<string> {
  clock.advance(30_000);
  const first = await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username, password });
  if (first.status !== 200) throw new Error(`login ${username}: ${first.status} ${JSON.stringify(first.json)}`);
  const challenge = first.json as { challenge: string; enrolment?: { secret: string } };
  if (challenge.enrolment) secrets.set(username, challenge.enrolment.secret);
  const secret = secrets.get(username);
  if (!secret) throw new Error(`no TOTP secret for ${username}`);
  const second = await call(`${house.url}/v1/centre/login/totp`, undefined, 'POST', { challenge: challenge.challenge, code: totpCode(secret, clock.nowMs()) });
  if (second.status !== 200) throw new Error(`totp ${username}: ${second.status} ${JSON.stringify(second.json)}`);
  return (second.json as { session: string }).session;
}

/** Bootstraps `sup` with the admin token and creates `sup2`, `op` and `aud`; returns their sessions. */
export async function centreTeam(house: RunningHouse, clock: ReturnType<typeof testClock>): Promise<{ secrets: Secrets; sup: string; sup2: string; op: string; aud: string }> {
  const secrets: Secrets = new Map();
  const boot = await call(`${house.url}/v1/centre/bootstrap`, house.adminToken, 'POST', { username: 'sup', name: '王主管', password: PASSWORD });
  if (boot.status !== 201) throw new Error(`bootstrap: ${boot.status} ${JSON.stringify(boot.json)}`);
  const sup = await logIn(house, clock, secrets, 'sup');
  for (const [username, role] of [
    ['sup2', 'centre-supervisor'],
    ['op', 'centre-operator'],
    ['aud', 'centre-auditor'],
  ] as const) {
    const created = await call(`${house.url}/v1/centre/operators`, sup, 'POST', { username, name: username, role, password: PASSWORD });
    if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.json)}`);
  }
  return { secrets, sup, sup2: await logIn(house, clock, secrets, 'sup2'), op: await logIn(house, clock, secrets, 'op'), aud: await logIn(house, clock, secrets, 'aud') };
}
