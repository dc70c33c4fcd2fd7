import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from './audit';
import { openDatabase } from '../../main/store/open-database';
import { migrate } from '../../main/store/migrate';
import { appendAudit } from '../../main/audit/audit-log';
import { UsageError } from '../command';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('hankou audit verify', () => {
  it('prints OK with the count, then names the first broken entry after tampering and exits 1', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hankou-audit-cli-')), 'console.sqlite');
    const db = openDatabase(path);
    migrate(db);
    db.transaction(() => {
      for (let i = 1; i <= 4; i += 1) appendAudit(db, { at: 't', actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: { amount: `${i}.00` } });
    })();
    const ok = await run(['verify', '--db', path]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK 4 entries, head [0-9a-f]{64}$/);

    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    db.close();
    const broken = await run(['verify', '--db', path]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^BROKEN at entry 2: hash does not match/);
  });

  it('refuses misuse', async () => {
    await expect(run(['verify'])).rejects.toThrow(UsageError);
    await expect(run(['check', '--db', 'x'])).rejects.toThrow(UsageError);
    await expect(run(['verify', '--db', '/no/such/file.sqlite'])).rejects.toThrow(/no such file/);
  });
});
