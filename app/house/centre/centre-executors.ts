import type { EngineCommand } from '../../shared/clearing/commands';
import type { ProposalType } from '../../shared/contract/centre-api';
import { parseAmount } from '../../shared/money/parse';
import { hashToken, newToken } from '../auth/tokens';
import { TransientError, type EngineHost, type OperatorJob } from '../engine/engine-host';
import { eventsToJson } from '../http/admin-routes';
import type { ParticipantAuth } from '../http/participant-auth';
import { calendarNextBusinessDate, publishCalendarYear } from '../store/calendar-store';
import { readAccount } from '../store/participant-queries';
import type { HouseStore } from '../store/sql-client';
import type { BusinessDay } from './business-day';
import type { Execution, Executor, ProposalPayload } from './proposals';
import type { Suspensions } from './suspensions';

/**
 * Sets a participant's credit line (liquidity controls, issue 11). Given by the house when the
 * engine has credit lines; until then `creditLine.set` proposals answer 501.
 */
export type CreditLineSetter = (participantId: string, lineMinor: bigint, audit: { actor: string; detail: Record<string, unknown> }) => Promise<Execution>;

export interface ExecutorDeps {
  store: HouseStore;
  host: EngineHost;
  auth: ParticipantAuth;
  businessDay: BusinessDay;
  suspensions: Suspensions;
  businessDate: () => string;
  setCreditLine?: CreditLineSetter;
}

const cny = (text: string): bigint => parseAmount(text, 'CNY');

/** An engine command with its audit entry; a refusal by the engine fails the proposal (409). */
async function operate(host: EngineHost, job: OperatorJob): Promise<Execution> {
  try {
    const events = await host.operate(job);
    const refused = events.find((e) => e.type === 'refused');
    if (refused) return { ok: false, status: 409, error: 'refused', message: `${job.command.type} refused: ${refused.reason}` };
    return { ok: true, outcome: { events: eventsToJson(events) } };
  } catch (error) {
    if (error instanceof TransientError) return { ok: false, status: 503, error: 'unavailable', message: error.message };
    throw error;
  }
}

/** What each proposal type does once approved: the same engine commands and stores the admin routes use. */
export function centreExecutors(deps: ExecutorDeps): Partial<Record<ProposalType, Executor>> {
  const { host, store } = deps;
  const executors: { [T in ProposalType]?: (payload: ProposalPayload<T>, audit: { actor: string; detail: Record<string, unknown> }) => Promise<Execution> } = {
    'participant.create': async (p, audit) => {
      const token = newToken();
      const result = await operate(host, {
        command: { type: 'addParticipant', id: p.id, balanceMinor: cny(p.balance), netDebitCapMinor: cny(p.netDebitCap) },
        participantRow: { id: p.id, name: p.name, bankCode: p.bankCode, tokenSha256: hashToken(token) },
        audit: { actor: audit.actor, action: 'participant.added', entity: 'participant', entityId: p.id, detail: { ...audit.detail, name: p.name, bankCode: p.bankCode, balance: p.balance, netDebitCap: p.netDebitCap, tokenGenerated: true } },
      });
      if (!result.ok) return result;
      deps.auth.set(hashToken(token), p.id);
      // The token is shown once, to the approver; only its hash is kept.
      return { ok: true, outcome: { id: p.id, tokenIssued: true }, secret: { id: p.id, token } };
    },
    'participant.suspend': async (p, audit) => deps.suspensions.set(p.participantId, true, { actor: audit.actor, detail: { ...audit.detail, reason: p.reason } }),
    'participant.resume': async (p, audit) => deps.suspensions.set(p.participantId, false, audit),
    'netDebitCap.set': async (p, audit) =>
      operate(host, {
        command: { type: 'setNetDebitCap', participantId: p.participantId, netDebitCapMinor: cny(p.netDebitCap) },
        audit: { actor: audit.actor, action: 'netDebitCap.set', entity: 'participant', entityId: p.participantId, detail: { ...audit.detail, netDebitCap: p.netDebitCap } },
      }),
    'liquidity.set': async (p, audit) => {
      const command: EngineCommand =
        'amount' in p
          ? { type: 'adjust', participantId: p.participantId, amountMinor: parseAmount(p.amount, 'CNY', { allowNegative: true }) }
          : { type: 'setBalance', participantId: p.participantId, balanceMinor: cny(p.balance) };
      const { participantId, ...change } = p;
      return operate(host, {
        command,
        audit: { actor: audit.actor, action: 'amount' in p ? 'liquidity.adjusted' : 'liquidity.set', entity: 'participant', entityId: participantId, detail: { ...audit.detail, ...change } },
      });
    },
    'calendar.set': async (p, audit) => {
      await publishCalendarYear(host, p.calendar, audit);
      return { ok: true, outcome: { year: p.calendar.year, holidays: p.calendar.holidays.length, workingWeekends: p.calendar.workingWeekends.length } };
    },
    'schedule.set': async (p, audit) => {
      await deps.businessDay.set(p.day, p.schedule, audit);
      return { ok: true, outcome: { day: p.day, schedule: p.schedule } };
    },
    'cycle.close': async (_p, audit) => operate(host, { command: { type: 'closeCycle' }, audit: { actor: audit.actor, action: 'cycle.closed', entity: 'house', entityId: 'dns', detail: audit.detail } }),
    endOfDay: async (p, audit) => {
      const next = p.nextBusinessDate ?? (await calendarNextBusinessDate(store, deps.businessDate()));
      const command: EngineCommand = next ? { type: 'endOfDay', nextBusinessDate: next } : { type: 'endOfDay' };
      return operate(host, { command, audit: { actor: audit.actor, action: 'endOfDay', entity: 'house', entityId: 'day', detail: { ...audit.detail, ...p } } });
    },
  };
  // The same engine command as PUT /v1/admin/participants/:id/credit-line: refused CREDIT_IN_USE while drawn.
  executors['creditLine.set'] = async (p, audit) =>
    deps.setCreditLine
      ? deps.setCreditLine(p.participantId, cny(p.line), audit)
      : operate(host, { command: { type: 'credit', participantId: p.participantId, lineMinor: cny(p.line) }, audit: { actor: audit.actor, action: 'creditLine.set', entity: 'participant', entityId: p.participantId, detail: { ...audit.detail, line: p.line } } });
  // Participants named by a proposal must exist (create excepted): a clear 404 before the engine.
  const exists = async (id: string): Promise<boolean> => (await readAccount(store, id)) !== undefined;
  const guarded: Partial<Record<ProposalType, Executor>> = {};
  for (const [type, run] of Object.entries(executors) as Array<[ProposalType, (payload: never, audit: { actor: string; detail: Record<string, unknown> }) => Promise<Execution>]>) {
    guarded[type] = async (payload, audit) => {
      const named = (payload as { participantId?: string }).participantId;
      if (named !== undefined && !(await exists(named))) return { ok: false, status: 404, error: 'not_found', message: `no participant ${named}` };
      return run(payload, audit);
    };
  }
  return guarded;
}
