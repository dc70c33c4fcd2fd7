import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { houseSteps } from '../payments/house-steps';
import { ensureInitialised } from './initialise';

describe('the demo payments carry the house’s steps (issue 16)', () => {
  it('accepted, netted in a cycle and settled at its close; RTGS settles at once; drafts have none', async () => {
    const db = memoryStore();
    const now = () => new Date('2026-12-07T03:00:00Z');
    await ensureInitialised(db, { dataDir: mkdtempSync(join(tmpdir(), 'hankou-demo-steps-')), demo: { payments: 800 }, now, log: () => {} });
    const one = (sql: string) => db.prepare<[], string>(sql).pluck().get() as string;
    const dns = one("SELECT id FROM payments WHERE direction = 'out' AND kind = 'beps' AND status = 'settled' ORDER BY id LIMIT 1");
    const steps = houseSteps(db, dns);
    expect(steps.map((s) => s.action)).toEqual(['house.accepted', 'house.netted', 'house.settled']);
    expect(steps[1]?.detail.cycleId).toMatch(/^\d+$/);
    expect(steps[2]?.detail.cycleId).toBe(steps[1]?.detail.cycleId);
    expect(steps.map((s) => s.at)).toEqual(steps.map((s) => s.at).sort());
    const rtgs = one("SELECT id FROM payments WHERE direction = 'out' AND kind = 'hvps' AND status = 'settled' ORDER BY id LIMIT 1");
    expect(houseSteps(db, rtgs).map((s) => s.action)).toEqual(['house.accepted', 'house.settled']);
    const inbound = one("SELECT id FROM payments WHERE direction = 'in' AND kind = 'hvps' AND status = 'settled' ORDER BY id LIMIT 1");
    expect(houseSteps(db, inbound).map((s) => s.action)).toEqual(['house.settled']);
    const draft = one("SELECT id FROM payments WHERE status = 'draft' LIMIT 1");
    expect(houseSteps(db, draft)).toEqual([]);
    // Every payment the house touched has a step.
    expect(
      db.prepare(
        `SELECT count(*) FROM payments p WHERE status NOT IN ('draft', 'verified') AND NOT EXISTS (SELECT 1 FROM house_payment_steps s WHERE s.payment_id = p.id)`,
      ).pluck().get(),
    ).toBe(0);
  }, 120_000);
});
