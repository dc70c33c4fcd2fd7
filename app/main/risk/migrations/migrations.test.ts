import { describe, expect, it } from 'vitest';
import { riskStore } from '../test-support/risk-store';

describe('risk desk migrations 0024-0025', () => {
  it('keep settings to known keys and whole numbers', () => {
    const db = riskStore();
    const put = db.prepare('INSERT INTO risk_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)');
    put.run('four_eyes_amount_minor', '50000000', 'admin', '2026-11-26T00:00:00Z');
    expect(() => put.run('sla_minutes', '1.5', 'admin', '2026-11-26T00:00:00Z')).toThrow(/CHECK/);
    expect(() => put.run('colour', '1', 'admin', '2026-11-26T00:00:00Z')).toThrow(/CHECK/);
  });

  it('refuse an attachment whose size is wrong or above 1 MiB', () => {
    const db = riskStore();
    db.prepare("INSERT INTO risk_cases (id, title, opened_by, opened_at) VALUES ('C1', 't', 'risk1', 'x')").run();
    const put = db.prepare(
      "INSERT INTO risk_case_attachments (case_id, file_name, media_type, size_bytes, sha256, content, added_by, added_at) VALUES ('C1', 'a.txt', 'text/plain', ?, ?, ?, 'risk1', 'x')",
    );
    const hash = 'a'.repeat(64);
    put.run(3, hash, Buffer.from('abc'));
    expect(() => put.run(4, hash, Buffer.from('abc'))).toThrow(/CHECK/);
    expect(() => put.run(1048577, hash, Buffer.alloc(1048577))).toThrow(/CHECK/);
  });
});
