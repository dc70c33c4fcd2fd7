import type { Role } from '../../shared/domain/operator';

/** The demo's operators: fixed user names (e2e tests log in with them), Chinese display names. */
export const DEMO_OPERATORS: readonly { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'clerk1', displayName: '张丽', roles: ['clerk'] },
  { username: 'clerk2', displayName: '王磊', roles: ['clerk'] },
  { username: 'super1', displayName: '李建国', roles: ['supervisor'] },
  { username: 'super2', displayName: '陈静', roles: ['supervisor'] },
  { username: 'risk1', displayName: '刘洋', roles: ['risk'] },
  { username: 'risk2', displayName: '赵敏', roles: ['risk'] },
  { username: 'recon1', displayName: '周杰', roles: ['recon'] },
  { username: 'audit1', displayName: '吴芳', roles: ['auditor'] },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
];

/**
 * Files in which earlier versions left the first passwords in clear. A start removes them: the
 * passwords are now shown once and stored nowhere (docs/secrets.md).
 */
export const LEGACY_PASSWORD_FILES = ['demo-operators.txt', 'initial-admin.txt'] as const;

export interface IssuedCredential {
  username: string;
  password: string;
  roles: Role[];
  displayName: string;
}

/**
 * One operator's one-time password as printed to the terminal of whoever started the console:
 * two spaces, the user name, the password, then roles and name in brackets. The password
 * alphabet (auth/password.ts) has no spaces or brackets, so the line parses back unambiguously.
 */
export function formatCredentialLine(c: IssuedCredential): string {
  return `  ${c.username.padEnd(8)} ${c.password}  (${c.roles.join(',')}, ${c.displayName})`;
}

const CREDENTIAL_LINE = /^ {2}([a-z][a-z0-9_]*) +([A-Za-z0-9]{12,64}) {2}\((.+)\)$/;

/**
 * username -> password from printed output (the log of a first start, or `hankou console
 * new-password`); tests and the e2e set-up read the passwords this way, as a person would.
 */
export function parseCredentialLines(output: string | readonly string[]): Map<string, string> {
  const lines = typeof output === 'string' ? output.split('\n') : output.flatMap((l) => l.split('\n'));
  const passwords = new Map<string, string>();
  for (const line of lines) {
    const match = CREDENTIAL_LINE.exec(line.replace(/\r$/, ''));
    if (match?.[1] && match[2]) passwords.set(match[1], match[2]);
  }
  return passwords;
}

/**
 * An operator's one-time-code key (TOTP secret, base32) as printed beside the passwords when the
 * console sets it up itself (the demo's supervisors and administrator, `new-password`): the
 * person types it into an authenticator app, tests compute codes from it.
 */
export function formatTotpLine(username: string, secret: string): string {
  return `  totp ${username} ${secret}`;
}

const TOTP_LINE = /^ {2}totp ([a-z0-9_.-]+) ([A-Z2-7]{32})$/;

/** username -> TOTP secret from printed output, as parseCredentialLines reads the passwords. */
export function parseTotpLines(output: string | readonly string[]): Map<string, string> {
  const lines = typeof output === 'string' ? output.split('\n') : output.flatMap((l) => l.split('\n'));
  const secrets = new Map<string, string>();
  for (const line of lines) {
    const match = TOTP_LINE.exec(line.replace(/\r$/, ''));
    if (match?.[1] && match[2]) secrets.set(match[1], match[2]);
  }
  return secrets;
}
