import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from './test-support/fixtures';
import { ANALYZE_EVERY_PAYMENTS, nextAnalyzeAt } from './schedules';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('house schedules', () => {
  let house: RunningHouse;
  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 100, cycleIntervalMs: 300, businessDate: '2026-03-02' });
  }, 120_000);
  afterAll(async () => house?.close());

  const statusOf = async (token: string, id: string): Promise<string | undefined> => {
    const page = (await call(`${house.url}/v1/sync/pull?limit=1000`, token, 'GET')).json as { changes: Array<{ type: string; data: { id?: string; status?: string } }> };
    return page.changes.filter((c) => c.type === 'payment.status' && c.data.id === id).pop()?.data.status;
  };

  it('offsets a gridlock of three banks on the offset schedule', async () => {
    // D and E hold nothing, C holds 100.00: C -> D -> E -> C, 150.00 each, can only settle together.
    for (const id of ['D', 'E']) {
      const added = await call(`${house.url}/v1/admin/participants`, house.adminToken, 'POST', { id, name: `Bank ${id}`, bankCode: id === 'D' ? '105521000014' : '301521000019', balance: '0.00', netDebitCap: '0.00', token: `token-${id}-0123456789abcdef` });
      expect(added.status).toBe(201);
    }
    await call(`${house.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('grid-c', 1, [paymentPayload('grid-1', 'D', '150.00')]));
    await call(`${house.url}/v1/sync/push`, 'token-D-0123456789abcdef', 'POST', pushBody('grid-d', 1, [paymentPayload('grid-2', 'E', '150.00')]));
    await call(`${house.url}/v1/sync/push`, 'token-E-0123456789abcdef', 'POST', pushBody('grid-e', 1, [paymentPayload('grid-3', 'C', '150.00')]));
    await until('offsetting', async () => (await statusOf(TOKENS.C, 'grid-1')) === 'settled');
    expect(await statusOf('token-D-0123456789abcdef', 'grid-2')).toBe('settled');
    const c = (await call(`${house.url}/v1/accounts/me`, TOKENS.C, 'GET')).json as { balance: string };
    expect(c.balance).toBe('100.00');
  });

  it('closes a cycle with activity on the cycle schedule', async () => {
    await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('sched-a', 1, [paymentPayload('sched-1', 'B', '10.00', 'beps')]));
    await until('the scheduled cycle close', async () => (await statusOf(TOKENS.A, 'sched-1')) === 'settled');
    const metrics = String((await call(`${house.url}/metrics`, undefined, 'GET')).json);
    expect(metrics).toMatch(/hankou_engine_commands_total\{type="closeCycle"\} [1-9]/);
    expect(metrics).toMatch(/hankou_engine_commands_total\{type="offset"\} [1-9]/);
  });
});

describe('planner statistics refresh', () => {
  it('comes first after 50,000 payments, then each time the count has doubled', () => {
    const at: number[] = [ANALYZE_EVERY_PAYMENTS];
    while (at.length < 6) at.push(nextAnalyzeAt(at[at.length - 1] as number));
    expect(at).toEqual([50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000]);
    // Late (a busy timer): counted from what was seen, never less than 50,000 further on.
    expect(nextAnalyzeAt(10_000)).toBe(60_000);
  });
});
