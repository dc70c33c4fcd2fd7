import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHouse, type HouseOptions, type RunningHouse } from '../house';
import { createTestDatabase, TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { SCHEMA_STORES, storeMissing } from '../test-support/schema-stores';
import { testClock } from '../centre/test-support/centre-fixtures';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { verifyHouseArchive } from './archive-reader';
import { listPartitionDays } from './day-partitions';
import { AUTO_ARCHIVE_ACTOR, type AutoArchive } from './auto-archive';

const HANKOU = resolve(__dirname, '../../../bin/hankou.mjs');

interface PushAnswer {
  results: Array<{ id: string; status: string; code?: string }>;
}

function archiveOf(house: RunningHouse): AutoArchive {
  if (!house.archive) throw new Error('the house was started without archiving');
  return house.archive;
}

async function metric(house: RunningHouse, name: string): Promise<string | undefined> {
  const text = (await call(`${house.url}/metrics`, undefined, 'GET')).json as string;
  return text.split('\n').find((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
}

describe.each(SCHEMA_STORES)('the house archives old days by itself after end of day (%s)', (kind) => {
  it.skipIf(storeMissing(kind))(
    'D-3..D with retention 2: each end of day archives the closed days past it, a day with a non-final payment is skipped with the reason, alerted and retried, pushes during the archive commit',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'auto-archive-'));
      const archiveDir = join(dir, 'archive');
      const db = kind === 'PostgreSQL' ? await createTestDatabase() : undefined;
      // Beijing 09:00 on Monday 2026-03-02, the first day (D-3); D is Thursday 03-05.
      const clock = testClock('2026-03-02T01:00:00.000Z');
      const options: HouseOptions = {
        ...(db ? { databaseUrl: db.url } : { dataDir: join(dir, 'ledger') }),
        seed: TEST_SEED,
        logLevel: 'silent',
        cycleIntervalMs: 0,
        offsetIntervalMs: 0,
        businessDate: '2026-03-02',
        centre: { nowMs: clock.nowMs, timers: false },
        archive: { archiveDir, retentionDays: 2 },
      };
      const house = await startHouse(options);
      try {
        const archive = archiveOf(house);
        let seq = 0;
        const push = async (ids: string[]): Promise<PushAnswer> => {
          const answer = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('auto-a', seq + 1, ids.map((id) => paymentPayload(id, 'B', '10.00'))));
          expect(answer.status).toBe(200);
          seq += ids.length;
          return answer.json as PushAnswer;
        };
        const endOfDay = async (): Promise<void> => {
          expect((await call(`${house.url}/v1/admin/end-of-day`, house.adminToken, 'POST', {})).status).toBe(200);
          clock.advance(24 * 3600_000);
          await archive.idle();
        };
        const raised = async () => {
          await house.centre.alertRules.evaluate(house.centre.monitor.alertFacts());
          return house.centre.alertRules.recent();
        };

        // At start: nothing is due yet; the house added its alert rule.
        await archive.idle();
        expect(archive.lastRun()).toMatchObject({ trigger: 'start', archived: [] });
        expect(archive.lastRun()?.stoppedAt).toBeUndefined();
        const rule = house.centre.alertRules.list().find((r) => r.rule.kind === 'archive_failed');
        expect(rule).toMatchObject({ enabled: true, createdBy: 'house' });

        // D-3 (03-02): three payments. Its end of day leaves it within the retention.
        await push(['d1-1', 'd1-2', 'd1-3']);
        await endOfDay();
        expect(archive.lastRun()).toMatchObject({ trigger: 'endOfDay', archived: [] });

        // D-2 (03-03): two payments, one of which is made to look still open (queued).
        await push(['d2-1', 'd2-2']);
        await house.store.query("UPDATE payments SET status = 'queued' WHERE id = 'd2-2'");
        await endOfDay();
        // Now 03-04: 03-02 is two days old and goes.
        expect(archive.lastRun()?.archived.map((d) => [d.businessDate, d.payments])).toEqual([['2026-03-02', 3]]);
        expect(await listPartitionDays(house.store)).toEqual(['2026-03-03', '2026-03-04']);

        // D-1 (03-04): its end of day makes 03-03 due, but 03-03 holds a payment that may still change.
        await push(['d3-1']);
        await endOfDay();
        const stopped = archive.lastRun();
        expect(stopped?.archived).toEqual([]);
        expect(stopped?.stoppedAt).toMatchObject({ businessDate: '2026-03-03' });
        expect(stopped?.stoppedAt?.reason).toMatch(/1 payments of 2026-03-03 may still change status/);
        expect(await listPartitionDays(house.store)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05']);
        const open = (await raised()).filter((a) => a.ruleId === rule?.id && a.clearedAt === null);
        expect(open.map((a) => [a.subject, a.detail.reason])).toEqual([['2026-03-03', stopped?.stoppedAt?.reason]]);
        expect(await metric(house, 'hankou_archive_last_run_ok')).toBe('hankou_archive_last_run_ok 0');
        expect(await metric(house, 'hankou_archive_runs_total{result="stopped"}')).toBe('hankou_archive_runs_total{result="stopped"} 1');

        // D (03-05): the payment is final now. End of day; pushes made while the archive runs commit.
        await house.store.query("UPDATE payments SET status = 'settled' WHERE id = 'd2-2'");
        await push(['d4-1']);
        await house.host.operate({ command: { type: 'endOfDay' } });
        expect(archive.busy).toBe(true);
        let during = 0;
        while (archive.busy) {
          during += 1;
          const answer = await push([`during-${during}`]);
          expect(answer.results).toEqual([expect.objectContaining({ id: `during-${during}`, status: 'accepted' })]);
        }
        await archive.idle();
        expect(during).toBeGreaterThan(0);
        const committed = await house.store.query<{ n: unknown }>("SELECT count(*) AS n FROM payments WHERE id LIKE 'during-%' AND status = 'settled'");
        expect(Number(committed.rows[0]?.n)).toBe(during);

        // 03-06 now: 03-03 (retried) and 03-04 went, one day at a time; 03-05 and today stay hot.
        const retried = archive.lastRun();
        expect(retried?.archived.map((d) => [d.businessDate, d.payments])).toEqual([
          ['2026-03-03', 2],
          ['2026-03-04', 1],
        ]);
        expect(retried?.stoppedAt).toBeUndefined();
        expect(await listPartitionDays(house.store)).toEqual(['2026-03-05', '2026-03-06']);
        expect((await raised()).filter((a) => a.ruleId === rule?.id).map((a) => [a.subject, a.clearedAt !== null])).toEqual([['2026-03-03', true]]);
        expect(await metric(house, 'hankou_archive_last_run_ok')).toBe('hankou_archive_last_run_ok 1');
        expect(await metric(house, 'hankou_archive_days_total')).toBe('hankou_archive_days_total 3');
        const dashboard = await house.centre.monitor.dashboard('2026-03-06', house.centre.businessDay.state());
        expect(dashboard.health.archive).toMatchObject({ trigger: 'endOfDay', archivedDays: ['2026-03-03', '2026-03-04'] });

        // Each day is in the audit chain as the CLI's are (03-02's entry was written on 03-04, so it
        // is archived with that day), and the chain verifies across the archive.
        const entries = await house.store.query<{ entity_id: string; actor: string }>("SELECT entity_id, actor FROM audit_log WHERE action = 'archive.day' ORDER BY seq");
        expect(entries.rows).toEqual(['2026-03-03', '2026-03-04'].map((entity_id) => ({ entity_id, actor: AUTO_ARCHIVE_ACTOR })));
        const audit = (await call(`${house.url}/v1/admin/audit?limit=1000`, house.adminToken, 'GET')).json as { verification: { ok: boolean } };
        expect(audit.verification.ok).toBe(true);
        expect(await verifyHouseArchive(archiveDir)).toMatchObject({ ok: true, days: 3, payments: 6 });

        // `hankou house archive query` (the command itself, beside the running house) answers an archived payment by id.
        const { stdout } = await promisify(execFile)(process.execPath, [HANKOU, 'house', 'archive', 'query', '--id', 'd2-2', '--dir', archiveDir]);
        expect(JSON.parse(stdout)).toMatchObject({ archived: { businessDate: '2026-03-03' }, payment: { id: 'd2-2', status: 'settled', amount_minor: '1000' } });
      } finally {
        await house.close();
        await db?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});

describe('a failing archive run never stops the house', () => {
  it('is logged as failed, alerted with subject house, and retried at the next end of day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auto-archive-fail-'));
    // A file where the archive directory should be: mkdir fails as a full or read-only disk would.
    const archiveDir = join(dir, 'archive');
    writeFileSync(archiveDir, 'not a directory');
    const clock = testClock('2026-03-02T01:00:00.000Z');
    const house = await startHouse({
      seed: TEST_SEED,
      logLevel: 'silent',
      cycleIntervalMs: 0,
      offsetIntervalMs: 0,
      businessDate: '2026-03-02',
      centre: { nowMs: clock.nowMs, timers: false },
      archive: { archiveDir, retentionDays: 1 },
    });
    try {
      const archive = archiveOf(house);
      await archive.idle();
      expect(archive.lastRun()?.error).toMatch(/EEXIST|ENOTDIR/);
      expect(archive.problem()).toMatchObject({ subject: 'house' });
      const answer = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('fail-a', 1, [paymentPayload('f1', 'B', '10.00')]));
      expect((answer.json as PushAnswer).results[0]).toMatchObject({ status: 'accepted' });
      await house.centre.alertRules.evaluate(house.centre.monitor.alertFacts());
      expect(house.centre.alertRules.recent().map((a) => [a.subject, a.clearedAt])).toEqual([['house', null]]);
      expect(await metric(house, 'hankou_archive_runs_total{result="failed"}')).toBe('hankou_archive_runs_total{result="failed"} 1');

      rmSync(archiveDir);
      expect((await call(`${house.url}/v1/admin/end-of-day`, house.adminToken, 'POST', {})).status).toBe(200);
      clock.advance(24 * 3600_000);
      await archive.idle();
      expect(archive.lastRun()).toMatchObject({ trigger: 'endOfDay', archived: [{ businessDate: '2026-03-02', payments: 1 }] });
      expect(archive.problem()).toBeNull();
    } finally {
      await house.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
