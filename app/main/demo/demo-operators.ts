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

/** Where the demo's passwords are written (mode 0600), inside the data directory. */
export const DEMO_PASSWORDS_FILE = 'demo-operators.txt';

/**
 * The passwords file: one operator a line, tab-separated `username password roles displayName`;
 * lines starting with # are comments. Tests and e2e read it with parseOperatorsFile.
 */
export function formatOperatorsFile(rows: readonly { username: string; password: string; roles: Role[]; displayName: string }[]): string {
  const header = '# Hankou demo operators: username<TAB>password<TAB>roles<TAB>display name. Shown once; keep this file private.\n';
  return header + rows.map((r) => `${r.username}\t${r.password}\t${r.roles.join(',')}\t${r.displayName}`).join('\n') + '\n';
}

export function parseOperatorsFile(text: string): Map<string, string> {
  const passwords = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [username, password] = line.split('\t');
    if (username && password) passwords.set(username, password);
  }
  return passwords;
}
