import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { appendAudit } from './audit-log';
import { csvCell, exportAuditChunk, type ExportRequest } from './audit-export';
import { checkAuditExport, parseAuditExport } from './audit-export-file';
import { AUDIT_EXPORT_CHUNK_MAX_CHARS } from '../../shared/contract/handlers/audit';
import type { Db } from '../store/open-database';

const caller = { at: '2026-11-26T08:00:00.000Z', actor: 'audit1', bankCode: '313521000011' };

function storeWithEntries(n: number, detail: (i: number) => Record<string, unknown> = (i) => ({ amount: `${i}.00` })) {
  const db = memoryStore();
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      appendAudit(db, { at: '2026-11-26T01:00:00.000Z', actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: detail(i) });
    }
  })();
  return db;
}

/** Runs an export to the end as the screen does: first call, then the cursor until null. */
function exportAll(db: Db, format: 'csv' | 'jsonl', fromSeq = 1, between?: () => void) {
  const chunks: string[] = [];
  let request: ExportRequest = { format, fromSeq };
  let calls = 0;
  for (;;) {
    const chunk = exportAuditChunk(db, request, caller);
    calls += 1;
    chunks.push(chunk.text);
    if (chunk.nextCursor === null) {
      return { text: chunks.join(''), calls, manifest: chunk.manifest, fileName: chunk.fileName, longestCall: Math.max(...chunks.map((c) => c.length)) };
    }
    between?.();
    request = { format, fromSeq, untilSeq: chunk.untilSeq, cursor: chunk.nextCursor };
  }
}

describe('audit export', () => {
  it.each(['csv', 'jsonl'] as const)('%s: the file checks on its own; manifest count and head are the log’s', (format) => {
    const db = storeWithEntries(12);
    const { text, manifest, calls, fileName } = exportAll(db, format);
    expect(calls).toBe(1);
    expect(fileName).toBe(`hankou-audit-313521000011-1-12-20261126T160000+0800.${format}`);
    const head = db.prepare('SELECT hash FROM audit_log WHERE seq = 12').pluck().get();
    expect(manifest).toMatchObject({ count: 12, fromSeq: 1, untilSeq: 12, headSeq: 12, headHash: head, complete: true, exportedBy: 'audit1', verification: { ok: true, count: 12, headHash: head } });
    const parsed = parseAuditExport(text);
    expect(parsed.manifest).toEqual(manifest);
    expect(checkAuditExport(parsed)).toEqual({ ok: true, count: 12, headHash: head });
    // As the screen saves it (CSV with a byte-order mark for spreadsheet programs), it reads the same.
    expect(parseAuditExport(`\uFEFF${text}`)).toEqual(parsed);
    // The export itself is recorded, after the range it wrote.
    const record = db.prepare("SELECT seq, actor, detail FROM audit_log WHERE action = 'audit.exported'").get() as { seq: number; actor: string; detail: string };
    expect(record).toMatchObject({ seq: 13, actor: 'audit1' });
    expect(JSON.parse(record.detail)).toMatchObject({ format, count: 12, headHash: head, chainOk: true });
  });

  it('a large log comes in calls of bounded size, and entries added meanwhile stay out of the file', () => {
    // ~400 characters per entry: 1,500 entries are several calls' worth.
    const db = storeWithEntries(1500, (i) => ({ note: `${'备注'.repeat(150)}${i}` }));
    let added = 0;
    const { text, calls, manifest, longestCall } = exportAll(db, 'jsonl', 1, () => {
      added += 1;
      db.transaction(() => appendAudit(db, { at: caller.at, actor: 'clerk2', action: 'payment.captured', entity: 'payment', entityId: `late${added}`, detail: {} }))();
    });
    expect(calls).toBeGreaterThan(2);
    expect(longestCall).toBeLessThanOrEqual(AUDIT_EXPORT_CHUNK_MAX_CHARS);
    expect(longestCall).toBeGreaterThan(AUDIT_EXPORT_CHUNK_MAX_CHARS / 2);
    expect(manifest).toMatchObject({ count: 1500, untilSeq: 1500, logHeadSeq: 1500 + added, complete: false });
    expect(checkAuditExport(parseAuditExport(text))).toMatchObject({ ok: true, count: 1500 });
  });

  it('a later part starts where the last ended and links to it by firstPrevHash', () => {
    const db = storeWithEntries(10);
    const part = exportAll(db, 'csv', 6);
    const hash5 = db.prepare('SELECT hash FROM audit_log WHERE seq = 5').pluck().get();
    expect(part.manifest).toMatchObject({ fromSeq: 6, count: 5, firstPrevHash: hash5, verification: { ok: true, count: 10 } });
    expect(checkAuditExport(parseAuditExport(part.text))).toMatchObject({ ok: true, count: 5 });
    expect(() => exportAuditChunk(db, { format: 'csv', fromSeq: 99 }, caller)).toThrow(/no entry from 99/);
  });

  it('CSV guards spreadsheet formulas (a typed user name is data, never a formula) and reads back exactly', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("'quoted")).toBe("''quoted");
    expect(csvCell('plain')).toBe('plain');
    const db = memoryStore();
    db.transaction(() => {
      appendAudit(db, { at: caller.at, actor: '=cmd|calc!A1', action: 'auth.login_failed', entity: 'operator', entityId: '-2+3', detail: { reason: 'unknown_user', text: 'a,"b"\nc' } });
    })();
    const { text } = exportAll(db, 'csv');
    expect(text).not.toMatch(/^=|,=/m);
    const parsed = parseAuditExport(text);
    expect(parsed.entries[0]).toMatchObject({ actor: '=cmd|calc!A1', entityId: '-2+3', detail: { text: 'a,"b"\nc' } });
    expect(checkAuditExport(parsed)).toMatchObject({ ok: true, count: 1 });
  });

  it('a tampered log still exports (the evidence), with the break in the manifest; the file check finds it too', () => {
    const db = storeWithEntries(6);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET detail = '{"amount":"6000.00"}' WHERE seq = 4`).run();
    const { text, manifest } = exportAll(db, 'jsonl');
    expect(manifest?.verification).toMatchObject({ ok: false, brokenSeq: 4, problem: { code: 'hash_mismatch' } });
    expect(checkAuditExport(parseAuditExport(text))).toMatchObject({ ok: false, seq: 4 });
    const record = db.prepare("SELECT detail FROM audit_log WHERE action = 'audit.exported'").pluck().get() as string;
    expect(JSON.parse(record)).toMatchObject({ chainOk: false, brokenSeq: 4 });
  });

  it('a file edited after export fails its own check', () => {
    const db = storeWithEntries(3);
    const { text } = exportAll(db, 'jsonl');
    expect(checkAuditExport(parseAuditExport(text.replace('"2.00"', '"2000.00"')))).toMatchObject({ ok: false, seq: 2 });
    const lines = text.split('\n');
    expect(checkAuditExport(parseAuditExport([lines[0], lines[2], lines[3]].join('\n')))).toMatchObject({ ok: false, seq: 3 });
  });
});
