import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { PGLITE_WARNING, startHouse } from './house';
import { TEST_SEED, createTestDatabase, postgresAvailable } from './test-support/fixtures';

function capturingLogger(): { logger: pino.Logger; lines: () => Array<{ level: number; msg: string; event?: string }> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string; event?: string }),
  };
}

describe('the PGlite start warning', () => {
  it('is logged once, as a warning, when the house starts on PGlite', async () => {
    const { logger, lines } = capturingLogger();
    const house = await startHouse({ seed: TEST_SEED, logger, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
    await house.close();
    const warnings = lines().filter((l) => l.event === 'store.not_for_production');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe(40);
    expect(warnings[0]?.msg).toBe(PGLITE_WARNING);
    expect(PGLITE_WARNING).toMatch(/NOT for production.*does not fsync/);
  }, 60_000);

  it('is not logged on PostgreSQL', async () => {
    if (!(await postgresAvailable())) {
      console.warn('PostgreSQL at 127.0.0.1:5432 is not reachable: the PostgreSQL half of this test is skipped');
      return;
    }
    const db = await createTestDatabase();
    try {
      const { logger, lines } = capturingLogger();
      const house = await startHouse({ databaseUrl: db.url, seed: TEST_SEED, logger, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
      await house.close();
      expect(lines().filter((l) => l.event === 'store.not_for_production')).toHaveLength(0);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
