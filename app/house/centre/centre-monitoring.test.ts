import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSchema } from '../../shared/contract/centre-api';
import { pullAnswerSchema } from '../../shared/contract/sync-protocol';
import { startHouse, type RunningHouse } from '../house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { centreTeam, testClock } from './test-support/centre-fixtures';

describe('the clearing centre: broadcasts, dashboard, alerts, metrics, reports', () => {
  let house: RunningHouse;
  const clock = testClock('2026-12-07T02:00:00.000Z');
  let team: Awaited<ReturnType<typeof centreTeam>>;

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    team = await centreTeam(house, clock);
    // A pays B 300.00 gross (settles at once); C (100.00, cap 50.00) sends A 150.00: queued.
    await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('mon-a', 1, [paymentPayload('mon-1', 'B', '300.00'), paymentPayload('mon-2', 'B', '20.00', 'beps')]));
    await call(`${house.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('mon-c', 1, [paymentPayload('mon-3', 'A', '150.00')]));
  }, 120_000);
  afterAll(async () => house?.close());

  it('sends a broadcast to every bank or to one, in the pull feed and the history', async () => {
    const all = await call(`${house.url}/v1/centre/broadcasts`, team.op, 'POST', { urgency: 'urgent', title: '系统维护通知', body: '今晚 22:00 起系统维护一小时。' });
    expect(all.status).toBe(201);
    expect((await call(`${house.url}/v1/centre/broadcasts`, team.op, 'POST', { participantId: 'B', urgency: 'info', title: '请补足头寸', body: '贵行可用头寸偏低。' })).status).toBe(201);
    expect((await call(`${house.url}/v1/centre/broadcasts`, team.op, 'POST', { participantId: 'ZZ', urgency: 'info', title: 'x', body: 'y' })).status).toBe(404);
    const titles = async (token: string) => {
      const answer = pullAnswerSchema.parse((await call(`${house.url}/v1/sync/pull?limit=1000`, token, 'GET')).json);
      if ('resync' in answer) throw new Error('resync');
      return answer.changes.flatMap((c) => (c.type === 'broadcast' ? [`${c.data.urgency}:${c.data.title}:${c.data.sender}`] : []));
    };
    expect(await titles(TOKENS.A)).toEqual(['urgent:系统维护通知:op']);
    expect(await titles(TOKENS.B)).toEqual(['urgent:系统维护通知:op', 'info:请补足头寸:op']);
    const history = (await call(`${house.url}/v1/broadcasts`, TOKENS.B, 'GET')).json as { broadcasts: Array<{ title: string }> };
    expect(history.broadcasts.map((b) => b.title)).toEqual(['请补足头寸', '系统维护通知']);
    const centreHistory = (await call(`${house.url}/v1/centre/broadcasts?participant=A`, team.aud, 'GET')).json as { broadcasts: Array<{ title: string }> };
    expect(centreHistory.broadcasts.map((b) => b.title)).toEqual(['系统维护通知']);
  });

  it('shows the figures of the day on the dashboard', async () => {
    const answer = await call(`${house.url}/v1/centre/dashboard`, team.aud, 'GET');
    expect(answer.status).toBe(200);
    const dashboard = dashboardSchema.parse(answer.json);
    expect(dashboard.paymentsPerMinute).toHaveLength(60);
    const counted = dashboard.paymentsPerMinute.reduce((sum, m) => ({ hvps: sum.hvps + m.hvps, beps: sum.beps + m.beps }), { hvps: 0, beps: 0 });
    expect(counted).toEqual({ hvps: 2, beps: 1 });
    expect(dashboard.today).toMatchObject({ payments: 3, settledCount: 1, settledValue: '300.00' });
    expect(dashboard.transit.under5s + dashboard.transit.from5To60s + dashboard.transit.over60s).toBe(1);
    expect(dashboard.queues).toEqual([expect.objectContaining({ participantId: 'C', payments: 1, value: '150.00' })]);
    // C cannot pay 150.00 with 100.00 and nothing comes its way: offsetting releases nothing.
    expect(dashboard.gridlock).toEqual({ queuedValue: '150.00', releasableValue: '0.00', releasablePayments: 0 });
    expect(dashboard.liquidity.find((l) => l.participantId === 'A')).toMatchObject({ balance: '999700.00', available: '999680.00', netDebit: '20.00', netDebitCap: '500000.00', capUsedPercent: 0 });
    expect(dashboard.health.consoles.map((c) => c.participantId)).toEqual(['A', 'B', 'C']);
  });

  it('raises an alert once per crossing and clears it when the bank is back above', async () => {
    const rule = await call(`${house.url}/v1/centre/alert-rules`, team.op, 'POST', { kind: 'available_below', amount: '200.00', participantId: 'C' });
    expect(rule.status).toBe(201);
    for (let i = 0; i < 3; i += 1) await call(`${house.url}/v1/centre/dashboard`, team.aud, 'GET');
    await house.centre.alertRules.evaluate(house.centre.monitor.alertFacts());
    const raised = (await call(`${house.url}/v1/centre/alerts`, team.aud, 'GET')).json as { alerts: Array<{ subject: string; clearedAt: string | null; detail: { available: string } }> };
    expect(raised.alerts).toEqual([expect.objectContaining({ subject: 'C', clearedAt: null, detail: expect.objectContaining({ available: '100.00', threshold: '200.00' }) })]);
    const topUp = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'liquidity.set', payload: { participantId: 'C', amount: '500.00' } });
    const id = (topUp.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup, 'POST', {})).status).toBe(200);
    await call(`${house.url}/v1/centre/dashboard`, team.aud, 'GET');
    const after = (await call(`${house.url}/v1/centre/alerts`, team.aud, 'GET')).json as { alerts: Array<{ clearedAt: string | null }> };
    expect(after.alerts).toHaveLength(1);
    expect(after.alerts[0]?.clearedAt).not.toBeNull();
  });

  it('exports the queue, liquidity, settlement and console series to Prometheus', async () => {
    await call(`${house.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('mon-c', 2, [paymentPayload('mon-4', 'A', '900.00', 'hvps')]));
    const text = (await call(`${house.url}/metrics`, undefined, 'GET')).json as string;
    expect(text).toContain('hankou_queue_payments{participant="C",kind="hvps"} 1');
    expect(text).toContain('hankou_queue_value_minor{participant="C"} 90000');
    expect(text).toContain('hankou_available_minor{participant="C"}');
    expect(text).toMatch(/hankou_console_last_sync_seconds\{participant="A"\} \d{10}/);
    expect(text).toMatch(/hankou_settlement_seconds_count \d+/);
    // The shipped Grafana dashboard reads only series this house exports.
    const exported = new Set([...text.matchAll(/^# TYPE (hankou_\w+)/gm)].map((m) => m[1]));
    const grafana = readFileSync(join(__dirname, '../../../docs/grafana/hankou-dashboard.json'), 'utf8');
    const read = new Set([...grafana.matchAll(/hankou_\w+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));
    expect([...read].filter((name) => !exported.has(name))).toEqual([]);
    expect(read.size).toBeGreaterThan(10);
  });

  it('reports the day per participant as CSV and camt.053', async () => {
    const csv = await call(`${house.url}/v1/centre/reports/settlement?format=csv`, team.aud, 'GET');
    expect(csv.status).toBe(200);
    const lines = (csv.json as string).trim().split('\r\n');
    expect(lines[0]).toMatch(/^business_date,participant,name,bank_code,paid_count,paid_value/);
    // A paid mon-1 (300.00 gross); received mon-3 (150.00 from C, settled once C was topped up);
    // its BEPS 20.00 is netted in a cycle not closed yet, so not settled; no rejections, no cycle, day open.
    expect(lines.find((l) => l.includes(',A,'))).toBe('2026-12-07,A,Bank A,102521000011,1,300.00,1,150.00,300.00,150.00,0,,0.00,500000.00,,');
    const xml = await call(`${house.url}/v1/centre/reports/settlement/B/camt053`, team.aud, 'GET');
    expect(xml.status).toBe(200);
    const text = xml.json as string;
    expect(text).toContain('<Id>103521000012</Id>');
    // B received mon-1, 300.00 gross, from A: one credit entry.
    expect(text.match(/<Ntry>/g)).toHaveLength(1);
    expect(text).toMatch(/<Amt Ccy="CNY">300.00<\/Amt>\s*<CdtDbtInd>CRDT<\/CdtDbtInd>/);
  });
  it('raises the queue-age, console-silence and commit-latency rules once per crossing, and clears them', async () => {
    const ids: number[] = [];
    for (const rule of [{ kind: 'queue_age', minutes: 5 }, { kind: 'console_silent', minutes: 10 }, { kind: 'commit_latency_p99', ms: 50 }]) {
      const created = await call(`${house.url}/v1/centre/alert-rules`, team.op, 'POST', rule);
      expect(created.status).toBe(201);
      ids.push((created.json as { rule: { id: number } }).rule.id);
    }
    const nowMs = clock.nowMs();
    // A's oldest payment has waited 6 minutes, B's 4; B's console has not synced for 11 minutes, A's for 1; commit p99 80 ms.
    const over = {
      nowMs,
      oldestQueuedMs: new Map([['A', nowMs - 6 * 60_000], ['B', nowMs - 4 * 60_000]]),
      availableMinor: new Map<string, bigint>(),
      lastSyncMs: new Map([['A', nowMs - 60_000], ['B', nowMs - 11 * 60_000]]),
      commitP99Ms: 80,
      archiveProblem: null,
    };
    const mine = async () => {
      const page = (await call(`${house.url}/v1/centre/alerts`, team.aud, 'GET')).json as { alerts: Array<{ ruleId: number; subject: string; clearedAt: string | null }> };
      return page.alerts.filter((a) => ids.includes(a.ruleId)).map((a) => [ids.indexOf(a.ruleId), a.subject, a.clearedAt === null ? 'open' : 'cleared']).sort();
    };
    for (let i = 0; i < 3; i += 1) await house.centre.alertRules.evaluate(over);
    expect(await mine()).toEqual([[0, 'A', 'open'], [1, 'B', 'open'], [2, 'house', 'open']]);
    // Back under every threshold: each is cleared, none raised again.
    await house.centre.alertRules.evaluate({ ...over, oldestQueuedMs: new Map(), lastSyncMs: new Map([['B', nowMs]]), commitP99Ms: 20 });
    expect(await mine()).toEqual([[0, 'A', 'cleared'], [1, 'B', 'cleared'], [2, 'house', 'cleared']]);
    // The next crossing is a new alert.
    await house.centre.alertRules.evaluate(over);
    expect((await mine()).filter((a) => a[2] === 'open')).toEqual([[0, 'A', 'open'], [1, 'B', 'open'], [2, 'house', 'open']]);
    for (const id of ids) expect((await call(`${house.url}/v1/centre/alert-rules/${id}`, team.op, 'DELETE')).status).toBe(200);
  });
});
