import { fileURLToPath } from 'node:url';

/**
 * The demo participants: the same Wuhan banks as the console's demo directory, the console's
 * own bank (HKB) first so `--simulate` leaves it to the console. Tokens are demo-token-<id>-0000000000.
 */
export const DEMO_SEED_PATH = fileURLToPath(new URL('./demo-seed.json', import.meta.url));

export function demoToken(participantId: string): string {
  return `demo-token-${participantId.toLowerCase()}-0000000000`;
}
