import { proposalPayloadSchemas, type ProposalType } from '../../../shared/contract/centre-api';

/** What the proposal form holds, as typed. */
export type ProposalFields = {
  participantId: string;
  amount: string;
  reason: string;
  day: string;
  opening: string;
  customerCutoff: string;
  interbankCutoff: string;
  cycleTimes: string;
  endOfDay: string;
  removeDay: boolean;
  nextBusinessDate: string;
  newId: string;
  newName: string;
  newBankCode: string;
  newBalance: string;
  calendarJson: string;
};

export const EMPTY_FIELDS: ProposalFields = {
  participantId: '',
  amount: '',
  reason: '',
  day: 'default',
  opening: '08:30',
  customerCutoff: '16:00',
  interbankCutoff: '17:00',
  cycleTimes: '10:00, 12:00, 14:00, 16:00',
  endOfDay: '17:30',
  removeDay: false,
  nextBusinessDate: '',
  newId: '',
  newName: '',
  newBankCode: '',
  newBalance: '',
  calendarJson: '',
};

/** The types the form offers, in the order a centre operator reaches for them. */
export const FORM_TYPES: readonly ProposalType[] = [
  'netDebitCap.set',
  'creditLine.set',
  'liquidity.set',
  'participant.suspend',
  'participant.resume',
  'cycle.close',
  'endOfDay',
  'schedule.set',
  'participant.create',
  'calendar.set',
];

/** Which inputs a type needs. */
export function fieldsOf(type: ProposalType): ReadonlySet<keyof ProposalFields> {
  switch (type) {
    case 'netDebitCap.set':
    case 'creditLine.set':
    case 'liquidity.set':
      return new Set(['participantId', 'amount']);
    case 'participant.suspend':
      return new Set(['participantId', 'reason']);
    case 'participant.resume':
      return new Set(['participantId']);
    case 'endOfDay':
      return new Set(['nextBusinessDate']);
    case 'schedule.set':
      return new Set(['day', 'opening', 'customerCutoff', 'interbankCutoff', 'cycleTimes', 'endOfDay', 'removeDay']);
    case 'participant.create':
      return new Set(['newId', 'newName', 'newBankCode', 'newBalance', 'amount']);
    case 'calendar.set':
      return new Set(['calendarJson']);
    case 'cycle.close':
      return new Set();
  }
}

/** The payload the house expects, before its own schema checks it. */
function rawPayload(type: ProposalType, f: ProposalFields): unknown {
  const amount = f.amount.trim().replace(/,/g, '');
  switch (type) {
    case 'netDebitCap.set':
      return { participantId: f.participantId, netDebitCap: amount };
    case 'creditLine.set':
      return { participantId: f.participantId, line: amount };
    case 'liquidity.set':
      return { participantId: f.participantId, balance: amount };
    case 'participant.suspend':
      return { participantId: f.participantId, reason: f.reason.trim() };
    case 'participant.resume':
      return { participantId: f.participantId };
    case 'cycle.close':
      return {};
    case 'endOfDay':
      return f.nextBusinessDate.trim() === '' ? {} : { nextBusinessDate: f.nextBusinessDate.trim() };
    case 'schedule.set': {
      const schedule = {
        opening: f.opening.trim(),
        customerCutoff: f.customerCutoff.trim(),
        interbankCutoff: f.interbankCutoff.trim(),
        cycleTimes: f.cycleTimes.split(/[,，\s]+/).filter((s) => s !== ''),
        endOfDay: f.endOfDay.trim(),
      };
      return { day: f.day.trim(), schedule: f.removeDay ? null : schedule };
    }
    case 'participant.create':
      return { id: f.newId.trim(), name: f.newName.trim(), bankCode: f.newBankCode.trim(), balance: f.newBalance.trim().replace(/,/g, ''), netDebitCap: amount };
    case 'calendar.set':
      try {
        return { calendar: JSON.parse(f.calendarJson) as unknown };
      } catch {
        return { calendar: undefined };
      }
  }
}

/** The payload checked with the house's own schema: ready to send, or the first problem (path: message). */
export function buildPayload(type: ProposalType, fields: ProposalFields): { ok: true; payload: unknown } | { ok: false; problem: string } {
  const raw = rawPayload(type, fields);
  const checked = proposalPayloadSchemas[type].safeParse(raw);
  if (checked.success) return { ok: true, payload: checked.data };
  const issue = checked.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
}

/** A proposal's payload in one line for the list ("HKB → 80,000.00"). */
export function payloadSummary(type: ProposalType, payload: unknown, money: (amount: string) => string): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  switch (type) {
    case 'netDebitCap.set':
      return `${text(p.participantId)} → ${money(text(p.netDebitCap))}`;
    case 'creditLine.set':
      return `${text(p.participantId)} → ${money(text(p.line))}`;
    case 'liquidity.set':
      return 'balance' in p ? `${text(p.participantId)} = ${money(text(p.balance))}` : `${text(p.participantId)} ${text(p.amount).startsWith('-') ? '' : '+'}${money(text(p.amount))}`;
    case 'participant.suspend':
      return `${text(p.participantId)}: ${text(p.reason)}`;
    case 'participant.resume':
      return text(p.participantId);
    case 'participant.create':
      return `${text(p.id)} ${text(p.name)} ${text(p.bankCode)}`;
    case 'schedule.set': {
      const s = p.schedule as Record<string, unknown> | null;
      return s === null ? `${text(p.day)}: —` : `${text(p.day)}: ${text(s.opening)}–${text(s.endOfDay)}`;
    }
    case 'endOfDay':
      return p.nextBusinessDate === undefined ? '' : `→ ${text(p.nextBusinessDate)}`;
    case 'calendar.set': {
      const c = p.calendar as Record<string, unknown> | undefined;
      return c === undefined ? '' : text(c.year);
    }
    case 'cycle.close':
      return '';
  }
}

/**
 * Whether this person may approve or reject the proposal, and if not, why (an i18n key): only a
 * supervisor, never the proposer, only while pending (docs/centre.md, "Maker-checker").
 */
export function decisionBlock(proposal: { proposer: string; status: string }, me: string, isSupervisor: boolean, isAuditor: boolean): string | null {
  if (proposal.status !== 'pending') return 'centre.proposals.why.decided';
  if (isAuditor) return 'centre.proposals.why.auditor';
  if (!isSupervisor) return 'centre.proposals.why.operator';
  if (proposal.proposer === me) return 'centre.proposals.why.samePerson';
  return null;
}
