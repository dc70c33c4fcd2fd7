import { allGlobalConsoles } from './global-consoles';
import { base32Decode, hotp, totpStep, TOTP_STEP_SECONDS, TOTP_WINDOW_STEPS } from '../app/shared/auth/totp';

/**
 * One-time codes for the e2e logins of operators who need one (supervisors, administrators).
 * The keys come from the console's first start, printed once beside the passwords; they are
 * kept here by console (two consoles both have a super1). A code is accepted once, so each
 * login takes the next 30 s step still in the window, waiting for a new step when none is left.
 */
const secretsByConsole = new Map<string, Map<string, string>>();
const lastStep = new Map<string, number>();

const consoleOf = (url: string) => new URL(url).origin;

export function registerTotpSecrets(url: string, secrets: ReadonlyMap<string, string> | Record<string, string>): void {
  secretsByConsole.set(consoleOf(url), new Map(secrets instanceof Map ? secrets : Object.entries(secrets)));
}

/** The key of `username` on the console at `url`: registered, or the global setup's console (environment). */
export function totpSecretFor(url: string, username: string): string | undefined {
  const registered = secretsByConsole.get(consoleOf(url))?.get(username);
  if (registered !== undefined) return registered;
  const global = allGlobalConsoles().find((c) => consoleOf(c.url) === consoleOf(url));
  return global?.totp[username];
}

/**
 * A code never handed out before for this key; waits for the next step if the window is used up.
 * A wait is printed (it lands in the test's output and the JSON report): the suite's time spent
 * waiting for codes is read from there (docs/benchmarks.md, "CI time").
 */
export async function freshTotpCode(secret: string): Promise<string> {
  const askedAtMs = Date.now();
  for (;;) {
    const now = totpStep(Date.now());
    const step = Math.max(now - TOTP_WINDOW_STEPS, (lastStep.get(secret) ?? -1) + 1);
    if (step <= now + TOTP_WINDOW_STEPS) {
      lastStep.set(secret, step);
      const waitedMs = Date.now() - askedAtMs;
      if (waitedMs >= 100) process.stdout.write(`totp: waited ${(waitedMs / 1000).toFixed(1)} s for a fresh one-time code\n`);
      return hotp(base32Decode(secret), step);
    }
    const nextStepMs = (now + 1) * TOTP_STEP_SECONDS * 1000;
    await new Promise((resolveWait) => setTimeout(resolveWait, nextStepMs - Date.now() + 50));
  }
}

/** After a refusal (a code used by an earlier run of the worker): skip to a step not yet seen. */
export function skipTotpStep(secret: string): void {
  lastStep.set(secret, totpStep(Date.now()) + TOTP_WINDOW_STEPS);
}
