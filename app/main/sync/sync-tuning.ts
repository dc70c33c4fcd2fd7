import { z } from 'zod';
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS } from './sync-loop';

/** The environment variable that caps the offline retry backoff (docs/sync.md). */
export const MAX_BACKOFF_ENV = 'HANKOU_SYNC_MAX_BACKOFF_MS';

/** Only lower than the default: a cap above 30 s would leave a console offline longer than it says. */
const maxBackoffMs = z.coerce.number().int().min(FIRST_BACKOFF_MS).max(MAX_BACKOFF_MS);

/**
 * The sync loop's tuning from the environment: HANKOU_SYNC_MAX_BACKOFF_MS caps the wait between
 * retries while the house is unreachable (500..30,000 ms; default 30,000). The end-to-end tests
 * that stop and restart a house set it to 2,000 so the console is back within 2 s of the house
 * instead of up to 30 s later; what they check (queued offline, sent once the house is back) is
 * the same. A value out of range is refused, not clamped: the operator meant something else.
 */
export function syncTuningFromEnv(env: NodeJS.ProcessEnv): { maxBackoffMs?: number } {
  const raw = env[MAX_BACKOFF_ENV];
  if (raw === undefined || raw.trim() === '') return {};
  const parsed = maxBackoffMs.safeParse(raw.trim());
  if (!parsed.success) throw new Error(`${MAX_BACKOFF_ENV} must be a whole number of milliseconds from ${FIRST_BACKOFF_MS} to ${MAX_BACKOFF_MS}, got "${raw}"`);
  return { maxBackoffMs: parsed.data };
}
