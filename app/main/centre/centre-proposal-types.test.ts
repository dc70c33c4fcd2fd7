import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, TEST_SEED, TOKENS, call, logIn, startHouse, testClock, totpCode, type RunningHouse } from '../../../test-support/centre-house';
import { createConsoleBackend } from '../backend';
import { createCentreExtension } from './centre-extension';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * Issue 12's maker-checker actions, each proposed by a centre operator and approved by a
 * supervisor through the console's own handlers (what the 提议与复核 screen calls, with the
 * payloads its form builds: proposal-model.test.ts checks the same ones), against a
 * real house: participant create / suspend / resume, net debit cap, credit line, balance,
 * calendar, cut-off times (the day's schedule), forced cycle close and end of day. Each is
 * checked by its effect where a bank or the house sees it, and by its audit entry naming both
 * people.
 */
describe('every maker-checker action from the centre console', () => {
  const clock = testClock('2026-12-07T02:00:00.000Z'); // 10:00 Beijing on Monday 2026-12-07
  let house: RunningHouse;
  let backend: Backend;
  let dataDir = '';
  let audSession = '';
  const secrets = new Map<string, string>();

  const ok = async <T>(key: string, name: string, input: unknown = {}): Promise<T> => {
    const result = await backend.invoke(key, name, input);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const signIn = async (key: string, username: string) => {
    clock.advance(30_000);
    const challenge = await ok<{ enrolment?: { secret: string } }>(key, 'centre.login', { username, password: PASSWORD });
    if (challenge.enrolment) secrets.set(username, challenge.enrolment.secret);
    await ok(key, 'centre.loginTotp', { code: totpCode(secrets.get(username)!, clock.nowMs()) });
  };
  /** op proposes, sup approves: the approval's answer (with a new bank's token, if any). */
  const proposeAndApprove = async (type: string, payload: unknown) => {
    const { proposal } = await ok<{ proposal: { id: number; status: string } }>('k-op', 'centre.proposals.create', { type, payload, note: `e2e ${type}` });
    expect(proposal.status).toBe('pending');
    const approved = await ok<{ proposal: { status: string; decidedBy: string }; secret?: { id: string; token: string } }>('k-sup', 'centre.proposals.approve', { id: proposal.id });
    expect(approved.proposal, type).toMatchObject({ status: 'approved', decidedBy: 'sup' });
    return approved;
  };
  const account = async (token: string) => (await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as { balance: string; netDebitCap: string; creditLine: string };
  const directory = async () => ((await call(`${house.url}/v1/directory`, TOKENS.A, 'GET')).json as { participants: Array<{ id: string; name: string; bankCode: string; active: boolean }> }).participants;
  const businessDate = async () => ((await call(`${house.url}/healthz`, undefined, 'GET')).json as { businessDate: string }).businessDate;

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    const boot = await call(`${house.url}/v1/centre/bootstrap`, house.adminToken, 'POST', { username: 'sup', name: '王主管', password: PASSWORD });
    expect(boot.status).toBe(201);
    const supSession = await logIn(house, clock, secrets, 'sup');
    for (const [username, role] of [['op', 'centre-operator'], ['aud', 'centre-auditor']] as const) {
      expect((await call(`${house.url}/v1/centre/operators`, supSession, 'POST', { username, name: username, role, password: PASSWORD })).status).toBe(201);
    }
    audSession = await logIn(house, clock, secrets, 'aud');
    dataDir = mkdtempSync(join(tmpdir(), 'centre-proposals-console-'));
    backend = await createConsoleBackend({ dataDir, log: () => {}, extensions: [createCentreExtension({ houseUrl: `${house.url}/` })] });
    await signIn('k-op', 'op');
    await signIn('k-sup', 'sup');
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
    await house?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a participant: its token, shown once to the approver, works and the directory lists it', async () => {
    const approved = await proposeAndApprove('participant.create', { id: 'D', name: '汉口农商银行', bankCode: '105521000014', balance: '1000.00', netDebitCap: '100.00' });
    expect(approved.secret?.id).toBe('D');
    expect(await account(approved.secret!.token)).toMatchObject({ balance: '1000.00', netDebitCap: '100.00' });
    expect((await directory()).find((p) => p.id === 'D')).toEqual({ id: 'D', name: '汉口农商银行', bankCode: '105521000014', active: true });
  });

  it('suspends and resumes a participant', async () => {
    await proposeAndApprove('participant.suspend', { participantId: 'C', reason: '未足额缴存' });
    expect((await directory()).find((p) => p.id === 'C')?.active).toBe(false);
    await proposeAndApprove('participant.resume', { participantId: 'C' });
    expect((await directory()).find((p) => p.id === 'C')?.active).toBe(true);
  });

  it('sets a net debit cap, a credit line and a balance', async () => {
    await proposeAndApprove('netDebitCap.set', { participantId: 'B', netDebitCap: '321.00' });
    await proposeAndApprove('creditLine.set', { participantId: 'B', line: '200.00' });
    // The form's 头寸 sets the balance (the admin route's {balance}); a signed {amount} is the API's too.
    await proposeAndApprove('liquidity.set', { participantId: 'B', balance: '5000.00' });
    expect(await account(TOKENS.B)).toMatchObject({ netDebitCap: '321.00', creditLine: '200.00', balance: '5000.00' });
  });

  it('sets the cut-off times: banks see the schedule and its phase', async () => {
    const schedule = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['12:00'], endOfDay: '17:30' };
    await proposeAndApprove('schedule.set', { day: 'default', schedule });
    expect((await call(`${house.url}/v1/schedule`, TOKENS.A, 'GET')).json).toMatchObject({ businessDate: '2026-12-07', schedule, phase: 'open', nextCutoff: { kind: 'customerCutoff', time: '16:00' } });
  });

  it('closes the open cycle by force, sets the calendar, and ends the day by it', async () => {
    await proposeAndApprove('cycle.close', {});
    // Tuesday 8 December is a holiday of this (test) calendar: end of day rolls to the 9th.
    const calendar = { year: 2026, source: 'test', holidays: [{ date: '2026-12-08', name: '测试假日' }], workingWeekends: [] };
    await proposeAndApprove('calendar.set', { calendar });
    const feed = (await call(`${house.url}/v1/sync/pull?limit=1000`, TOKENS.A, 'GET')).json as { changes: Array<{ type: string; data: unknown }> };
    expect(feed.changes.filter((c) => c.type === 'calendar').map((c) => c.data)).toEqual([calendar]);
    await proposeAndApprove('endOfDay', {});
    expect(await businessDate()).toBe('2026-12-09');
  });

  it('audits each action with the proposer and the approver', async () => {
    const page = (await call(`${house.url}/v1/centre/audit?limit=1000`, audSession, 'GET')).json as { entries: Array<{ actor: string; action: string; detail: Record<string, unknown> }> };
    const actions = ['participant.added', 'participant.suspended', 'participant.resumed', 'netDebitCap.set', 'creditLine.set', 'liquidity.set', 'schedule.set', 'cycle.closed', 'calendar.set', 'endOfDay'];
    for (const action of actions) {
      // The seed's own entries (participant.added by 'seed') are not the proposals'.
      const entry = page.entries.find((e) => e.action === action && e.detail.proposalId !== undefined);
      expect(entry, action).toBeDefined();
      expect(entry?.actor, action).toBe('centre:sup');
      expect(entry?.detail, action).toMatchObject({ proposer: 'op', approver: 'sup' });
    }
  });
});
