/** The environment variable the browser host, the CLI and scripts read the passphrase from. */
export const PASSPHRASE_ENV = 'HANKOU_PASSPHRASE';

/** The passphrase from the environment, or undefined when it is not set (or empty). */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[PASSPHRASE_ENV];
  return value === undefined || value === '' ? undefined : value;
}
