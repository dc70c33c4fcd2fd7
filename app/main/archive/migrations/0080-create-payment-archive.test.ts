import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0080-create-payment-archive';

describe('migration 0080: payment archive files and ids', () => {
  it('records each archive file set once and each archived id once, tied to its file set', () => {
    const db = memoryStore();
    expect(migrate(db, [migration])).toEqual([80]);
    const file = db.prepare('INSERT INTO payment_archive_files (location, business_date, archived_at, manifest_sha256, payments) VALUES (?, ?, ?, ?, ?)');
    file.run('/data/archive/payments/2026-08-03', '2026-08-03', 't', 'a'.repeat(64), 2);
    expect(() => file.run('/data/archive/payments/2026-08-03', '2026-08-03', 't', 'a'.repeat(64), 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => file.run('/x', '2026-08-03', 't', 'short', 2)).toThrow(/CHECK/);
    const id = db.prepare('INSERT INTO archived_payments (id, location) VALUES (?, ?)');
    id.run('P1', '/data/archive/payments/2026-08-03');
    expect(() => id.run('P1', '/data/archive/payments/2026-08-03')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => id.run('P2', '/nowhere')).toThrow(/FOREIGN KEY/);
    // Applied once.
    expect(migrate(db, [migration])).toEqual([]);
  });
});
