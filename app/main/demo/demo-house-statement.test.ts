import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../shared/domain/calendar';
import { RECON_MIGRATIONS } from '../reconciliation/migrations/index';
import { sessionDetail } from '../reconciliation/session-detail';
import { autoMatch } from '../reconciliation/session-matching';
import { importHouseStatement, openSession } from '../reconciliation/session-open-import';
import { closeSession, noteExceptions } from '../reconciliation/session-resolution';
import { migrate } from '../store/migrate';
import { memoryStore } from '../store/test-support/test-store';
import { DEMO_CYCLES_PER_DAY } from './demo-house-statement';
import { ensureInitialised } from './initialise';

describe('the demo day reconciles (issue 16)', () => {
  it('a past day: RTGS by reference, each cycle by its net, the treasury funding left for a person; then it closes', async () => {
    const db = memoryStore();
    const now = () => new Date('2026-12-07T03:00:00Z');
    await ensureInitialised(db, { dataDir: mkdtempSync(join(tmpdir(), 'hankou-demo-recon-')), demo: { payments: 4000 }, now, log: () => {} });
    migrate(db, RECON_MIGRATIONS);
    let day = addDays('2026-12-07', -1);
    while (!isWorkingDay(day)) day = addDays(day, -1);

    const clerk = { by: 'recon1', at: '2026-12-07T03:10:00.000Z' };
    const id = openSession(db, { businessDate: day }, clerk);
    importHouseStatement(db, id, clerk);
    const before = sessionDetail(db, id);
    const books = before.lines.filter((l) => l.side === 'books');
    const nets = before.lines.filter((l) => l.side === 'statement' && l.id.startsWith('C'));
    expect(books.length).toBeGreaterThan(10);
    expect(nets.length).toBeGreaterThan(0);
    expect(nets.length).toBeLessThanOrEqual(DEMO_CYCLES_PER_DAY);

    autoMatch(db, id, clerk);
    const after = sessionDetail(db, id);
    const rules = new Set(after.matches.map((m) => m.rule));
    expect(rules).toEqual(new Set(['cycle-net', 'reference']));
    expect(after.matches.filter((m) => m.rule === 'cycle-net')).toHaveLength(nets.length);
    // Every books line matched; on the statement at most the treasury's funding is left.
    const open = after.lines.filter((l) => l.state === 'open');
    expect(open.filter((l) => l.side === 'books')).toEqual([]);
    expect(open.filter((l) => l.side === 'statement').every((l) => l.description === 'liquidity')).toBe(true);
    expect(open.length).toBeLessThanOrEqual(1);
    expect(after.summary.computedClosing).toBe(after.summary.closing);

    if (open.length > 0) noteExceptions(db, { sessionId: id, side: 'statement', lineIds: open.map((l) => l.id), owner: 'recon1', note: '资金部调拨头寸' }, clerk);
    expect(sessionDetail(db, id).summary.proven).toBe(true);
    closeSession(db, id, clerk);
  }, 120_000);
});
