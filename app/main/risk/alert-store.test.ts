import { describe, expect, it } from 'vitest';
import { evaluatePayment } from '../../shared/risk/rules/evaluate-payment';
import { approvedRuleSet, payment } from '../../shared/risk/rules/testing/rule-fixtures';
import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { Screener } from '../../shared/risk/screening/screener';
import { decideAlert } from './alert-decisions';
import { alertDecisions, type AlertScreeningMatch, listAlertQueue, paymentRiskGate, raiseAlert } from './alert-store';
import { addCaseNote, closeCase, getCase, openCase } from './case-store';
import { auditTrail } from './test-support/audit-trail';
import { riskStore } from './test-support/risk-store';

const list: SanctionsList = {
  list: 'local',
  title: 'test',
  entries: [{ list: 'local', id: 'L-306', type: 'entity', name: 'BANCO NACIONAL DE CUBA', aliases: [], programs: [], addresses: [], reference: null, remarks: null }],
};
const screener = new Screener([list]);
const rules = approvedRuleSet();
const FOUR_EYES = 100_000_00n; // ¥100,000.00

/** Screens the creditor, scores the payment and raises its alert, as the flow will. */
function scoreAndRaise(db: ReturnType<typeof riskStore>, id: string, creditorName: string, amount: string, at: string) {
  const p = payment({ id, amount, at });
  const matches: AlertScreeningMatch[] = screener.screen(creditorName).map((m) => ({
    party: 'creditor', query: creditorName, list: m.list, id: m.id, name: m.name, matchedName: m.matchedName, score: m.score, tokens: m.tokens,
  }));
  const screening = matches.map((m) => ({ party: m.party, list: m.list, entryId: m.id, listedName: m.matchedName, score: m.score }));
  const evaluation = evaluatePayment(p, { history: [], knownCounterparties: [p.counterpartyKey], screening }, rules);
  return raiseAlert(db, { paymentId: id, amountMinor: p.amountMinor, evaluation, screening: matches, at, slaMinutes: 120, actor: 'system' });
}

describe('alert queue and decisions', () => {
  it('holds a payment to a listed name until a second officer confirms its release', () => {
    const db = riskStore();
    const alert = scoreAndRaise(db, 'P-1', 'Banco Nacional de Cuba', '250000.00', '2026-11-25T10:00:00+08:00');
    expect(alert).toMatchObject({ id: 'RA-P-1', decision: 'hold', status: 'open', slaDueAt: '2026-11-25T04:00:00.000Z', amountMinor: 25_000_000n });
    expect(alert?.screening[0]).toMatchObject({ query: 'Banco Nacional de Cuba', matchedName: 'BANCO NACIONAL DE CUBA', score: 1 });
    expect(paymentRiskGate(db, 'P-1')).toBe('held');
    expect(listAlertQueue(db).map((a) => a.id)).toEqual(['RA-P-1']);

    const decide = (action: 'escalate' | 'release' | 'confirm' | 'refuse', actor: string, note = 'checked') =>
      decideAlert(db, { alertId: 'RA-P-1', action, actor, note, at: '2026-11-25T10:30:00+08:00', fourEyesAmountMinor: FOUR_EYES });
    expect(() => decide('escalate', 'risk.li', '  ')).toThrow(/needs a note/);
    expect(decide('escalate', 'risk.li', 'same name as listed bank; customer says Panama branch closed').status).toBe('escalated');
    expect(decide('release', 'risk.wang', 'different bank: account in Wuhan').status).toBe('pending_release');
    expect(paymentRiskGate(db, 'P-1')).toBe('held');
    expect(() => decide('confirm', 'risk.wang')).toThrow(/different person/);
    expect(decide('confirm', 'risk.li', 'agree').status).toBe('released');
    expect(paymentRiskGate(db, 'P-1')).toBe('clear');
    expect(() => decide('release', 'risk.zhao')).toThrow(/cannot release an alert that is released/);
    expect(alertDecisions(db, 'RA-P-1').map((d) => [d.actor, d.action, d.statusAfter])).toEqual([
      ['risk.li', 'escalate', 'escalated'],
      ['risk.wang', 'release', 'pending_release'],
      ['risk.li', 'confirm', 'released'],
    ]);
    expect(auditTrail(db).map(([actor, action]) => `${actor} ${action}`)).toEqual([
      'system risk.alert.raise',
      'risk.li risk.alert.escalate',
      'risk.wang risk.alert.release',
      'risk.li risk.alert.confirm',
    ]);
    expect(listAlertQueue(db)).toEqual([]);
  });

  it('rejects at once below the four-eyes amount, and a second officer can refuse a pending release', () => {
    const db = riskStore();
    scoreAndRaise(db, 'P-2', 'banco nacional de cuba', '5000.00', '2026-11-25T10:00:00+08:00');
    expect(decideAlert(db, { alertId: 'RA-P-2', action: 'reject', actor: 'risk.li', note: 'listed bank', at: 't', fourEyesAmountMinor: FOUR_EYES }).status).toBe('rejected');
    expect(paymentRiskGate(db, 'P-2')).toBe('rejected');

    scoreAndRaise(db, 'P-3', 'banco nacional de cuba', '150000.00', '2026-11-25T10:01:00+08:00');
    decideAlert(db, { alertId: 'RA-P-3', action: 'release', actor: 'risk.li', note: 'ok', at: 't', fourEyesAmountMinor: FOUR_EYES });
    const refused = decideAlert(db, { alertId: 'RA-P-3', action: 'refuse', actor: 'risk.wang', note: 'need documents', at: 't', fourEyesAmountMinor: FOUR_EYES });
    expect(refused).toMatchObject({ status: 'escalated', pendingBy: null });
    expect(paymentRiskGate(db, 'P-3')).toBe('held');
  });

  it('a sanctions hit of any amount needs a second officer to release; rejecting it follows the amount rule', () => {
    const db = riskStore();
    // ¥1,000.00, far under the four-eyes amount, to the listed bank: the sanctions rule fired.
    const alert = scoreAndRaise(db, 'P-6', 'Banco Nacional de Cuba', '1000.00', '2026-11-25T10:00:00+08:00');
    expect(alert?.hits.map((h) => h.rule)).toContain('sanctions_match');
    const decide = (action: 'release' | 'confirm' | 'reject', actor: string) =>
      decideAlert(db, { alertId: 'RA-P-6', action, actor, note: 'checked', at: 't', fourEyesAmountMinor: FOUR_EYES });
    expect(decide('release', 'risk.li').status).toBe('pending_release');
    expect(paymentRiskGate(db, 'P-6')).toBe('held');
    expect(() => decide('confirm', 'risk.li')).toThrow(/different person/);
    expect(decide('confirm', 'risk.wang').status).toBe('released');

    // The same amount without a sanctions hit (a large round amount to a new payee) is one officer's call.
    const p7 = payment({ id: 'P-7', amount: '1000.00', at: '2026-11-25T10:00:00+08:00' });
    const evaluation = evaluatePayment(p7, { history: [], knownCounterparties: [p7.counterpartyKey], screening: [] }, rules);
    const offHours = { rule: 'off_hours', score: 30, explanation: { en: 'test', zh: '测试' }, figures: {} } as unknown as (typeof evaluation.hits)[number];
    const plain = raiseAlert(db, {
      paymentId: 'P-7', amountMinor: p7.amountMinor, evaluation: { ...evaluation, decision: 'review', total: 30, hits: [offHours] },
      screening: [], at: '2026-11-25T10:00:00+08:00', slaMinutes: 120, actor: 'system',
    });
    expect(plain?.hits.map((h) => h.rule)).not.toContain('sanctions_match');
    expect(decideAlert(db, { alertId: 'RA-P-7', action: 'release', actor: 'risk.li', note: 'ok', at: 't', fourEyesAmountMinor: FOUR_EYES }).status).toBe('released');
  });

  it('raises nothing for a pass, and one alert per payment', () => {
    const db = riskStore();
    expect(scoreAndRaise(db, 'P-4', 'Wuhan Jianghan Textile Co Ltd', '1000.00', '2026-11-25T10:00:00+08:00')).toBeNull();
    expect(paymentRiskGate(db, 'P-4')).toBe('clear');
    scoreAndRaise(db, 'P-5', 'Banco Nacional de Cuba', '1000.00', '2026-11-25T10:00:00+08:00');
    expect(() => scoreAndRaise(db, 'P-5', 'Banco Nacional de Cuba', '1000.00', '2026-11-25T10:00:00+08:00')).toThrow(/already has an alert/);
  });

  it('pages the queue by keyset, oldest first', () => {
    const db = riskStore();
    for (let i = 0; i < 5; i++) scoreAndRaise(db, `P-${i}`, 'Banco Nacional de Cuba', '1000.00', `2026-11-25T10:0${i}:00+08:00`);
    const first = listAlertQueue(db, { limit: 2 });
    expect(first.map((a) => a.paymentId)).toEqual(['P-0', 'P-1']);
    const last = first[first.length - 1];
    const next = listAlertQueue(db, { limit: 2, after: { createdAt: last?.createdAt ?? '', id: last?.id ?? '' } });
    expect(next.map((a) => a.paymentId)).toEqual(['P-2', 'P-3']);
  });

  it('groups alerts in a case with notes, and refuses notes on a closed case', () => {
    const db = riskStore();
    scoreAndRaise(db, 'P-1', 'Banco Nacional de Cuba', '1000.00', '2026-11-25T10:00:00+08:00');
    scoreAndRaise(db, 'P-2', 'Banco Nacional de Cuba', '2000.00', '2026-11-25T10:05:00+08:00');
    openCase(db, { id: 'K-1', title: 'Payments to BNC', actor: 'risk.li', at: 't1', alertIds: ['RA-P-1', 'RA-P-2'] });
    addCaseNote(db, { caseId: 'K-1', note: 'asked branch for documents', actor: 'risk.li', at: 't2' });
    closeCase(db, { caseId: 'K-1', actor: 'risk.wang', at: 't3', note: 'documents received' });
    expect(getCase(db, 'K-1')).toMatchObject({ alertIds: ['RA-P-1', 'RA-P-2'], closedBy: 'risk.wang', notes: [{ note: 'asked branch for documents' }, { note: 'documents received' }] });
    expect(() => addCaseNote(db, { caseId: 'K-1', note: 'late', actor: 'risk.li', at: 't4' })).toThrow(/closed/);
  });
});
