import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { findPayment, participantNames } from '../payments/payment-repository';
import { type PaymentDbRow, toPaymentRow } from '../payments/payment-record';
import { requireSetting } from '../settings/settings';
import { preparedOnce } from '../store/open-database';
import { UserError } from '../user-error';
import { formatAmount } from '../../shared/money/format';
import { tryParseAmount } from '../../shared/money/parse';
import type { RiskDeskStatus } from '../../shared/contract/handlers/risk';
import { needsSecondOfficer } from './alert-decisions';
import { alertDecisions, assignAlert, getAlert } from './alert-store';
import { decideFromDesk } from './alert-desk';
import { addAlertToCase, addCaseNote, closeCase, getCase } from './case-store';
import { addCaseAttachment, listCaseAttachments, readCaseAttachment } from './case-attachments';
import { caseSummary, listCaseSummaries, openNumberedCase } from './desk-cases';
import { caseAlertRows, customerHistory, deskQueue, deskRow, deskRowOf } from './desk-queries';
import { riskRuntime } from './risk-extension';
import { getRiskSettings, setRiskSettings } from './risk-settings';
import { rulesInForce } from './rule-set-store';
import { bankRolesOf } from '../../shared/domain/operator';

/** The review desk's handlers (app/shared/contract/handlers/risk.ts). Every change is audited in its store function. */

const sql = preparedOnce((db) => ({
  officers: db.prepare<[], { username: string; display_name: string }>(
    "SELECT username, display_name FROM operators WHERE EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'risk') ORDER BY username",
  ),
}));

const LIST_LABELS: Readonly<Record<string, string>> = { ofac: 'OFAC SDN', un: 'UN', local: 'Local' };

const notFound = (what: string, id: string) => new UserError('not_found', `No ${what} ${id}.`, `${what === 'alert' ? '预警' : '案件'} ${id} 不存在。`);

function paymentRow(ctx: HandlerContext, row: PaymentDbRow) {
  return toPaymentRow(row, participantNames(ctx.services.db));
}

function deskStatus(ctx: HandlerContext): RiskDeskStatus {
  const { db } = ctx.services;
  const settings = getRiskSettings(db);
  const { lists } = riskRuntime(ctx.services);
  const screener = lists.screener();
  return {
    fourEyesAmount: formatAmount(settings.fourEyesAmountMinor, 'CNY'),
    slaMinutes: settings.slaMinutes,
    rulesVersion: rulesInForce(db)?.version ?? null,
    lists: { origin: lists.origin, source: screener === null ? lists.describe : screener.info.lists.map((l) => LIST_LABELS[l.list] ?? l.list).join(' + '), names: screener?.info.names ?? 0, available: screener !== null },
    officers: sql(db).officers.all().map((o) => ({ username: o.username, displayName: o.display_name })),
  };
}

export const riskImpls: HandlerImpls<
  | 'risk.alerts.page'
  | 'risk.alerts.get'
  | 'risk.alerts.decide'
  | 'risk.alerts.assign'
  | 'risk.desk.status'
  | 'risk.settings.set'
  | 'risk.cases.list'
  | 'risk.cases.get'
  | 'risk.cases.open'
  | 'risk.cases.addAlert'
  | 'risk.cases.note'
  | 'risk.cases.close'
  | 'risk.cases.attach'
  | 'risk.cases.attachment'
> = {
  'risk.alerts.page'(ctx, input) {
    const page = deskQueue(ctx.services.db, input.view, requireSession(ctx).username);
    return { ...page, now: ctx.at };
  },
  'risk.alerts.get'(ctx, input) {
    const { db } = ctx.services;
    const alert = getAlert(db, input.id);
    if (alert === null) throw notFound('alert', input.id);
    const payment = findPayment(db, alert.paymentId);
    if (payment === undefined) throw new Error(`alert ${alert.id} names a missing payment`);
    const kase = alert.caseId === null ? null : getCase(db, alert.caseId);
    return {
      alert: deskRowOf(db, alert),
      payment: paymentRow(ctx, payment),
      ruleSetVersion: alert.ruleSetVersion,
      hits: alert.hits.map((h) => ({ rule: h.rule, score: h.score, explanation: h.explanation, figures: h.figures })),
      screening: alert.screening.map((m) => ({
        party: m.party, query: m.query, list: m.list, entryId: m.id, name: m.name, matchedName: m.matchedName, score: m.score, tokens: m.tokens,
      })),
      decisions: alertDecisions(db, alert.id),
      history: customerHistory(db, alert.paymentId),
      fourEyesRequired: needsSecondOfficer(alert, 'release', getRiskSettings(db).fourEyesAmountMinor),
      case: kase === null ? null : { id: kase.id, title: kase.title },
    };
  },
  'risk.alerts.decide'(ctx, input) {
    const session = requireSession(ctx);
    const { db, verify } = ctx.services;
    const { alert, payment } = decideFromDesk(db, verify, {
      alertId: input.id, action: input.decision, note: input.note, actor: session.username, roles: bankRolesOf(session.roles), at: ctx.at,
    });
    ctx.services.emit('payments.changed', { ids: [payment.id], all: false });
    return { alert: deskRowOf(db, alert), payment: paymentRow(ctx, payment) };
  },
  'risk.alerts.assign'(ctx, input) {
    const { db } = ctx.services;
    if (input.assignee !== null && !sql(db).officers.all().some((o) => o.username === input.assignee)) {
      throw new UserError('risk.not_an_officer', `${input.assignee} is not a risk officer.`, `${input.assignee} 不是风险岗人员。`);
    }
    assignAlert(db, { alertId: input.id, assignee: input.assignee, actor: requireSession(ctx).username, at: ctx.at });
    const row = deskRow(db, input.id);
    if (row === null) throw notFound('alert', input.id);
    return { alert: row };
  },
  'risk.desk.status'(ctx) {
    return deskStatus(ctx);
  },
  'risk.settings.set'(ctx, input) {
    let fourEyesAmountMinor: bigint | undefined;
    if (input.fourEyesAmount !== undefined) {
      const parsed = tryParseAmount(input.fourEyesAmount, 'CNY');
      if (!parsed.ok) throw new UserError('validation', parsed.message, `金额不正确：${parsed.message}`, [{ path: 'fourEyesAmount', message: parsed.message, messageZh: '金额不正确' }]);
      fourEyesAmountMinor = parsed.amountMinor;
    }
    setRiskSettings(
      ctx.services.db,
      { ...(fourEyesAmountMinor === undefined ? {} : { fourEyesAmountMinor }), ...(input.slaMinutes === undefined ? {} : { slaMinutes: input.slaMinutes }) },
      requireSession(ctx).username,
      ctx.at,
    );
    return deskStatus(ctx);
  },
  'risk.cases.list'(ctx, input) {
    return { cases: listCaseSummaries(ctx.services.db, input.includeClosed) };
  },
  'risk.cases.get'(ctx, input) {
    const { db } = ctx.services;
    const summary = caseSummary(db, input.id);
    const kase = getCase(db, input.id);
    if (summary === null || kase === null) throw notFound('case', input.id);
    return { case: summary, alerts: caseAlertRows(db, input.id), notes: kase.notes, attachments: listCaseAttachments(db, input.id) };
  },
  'risk.cases.open'(ctx, input) {
    const { db } = ctx.services;
    const summary = openNumberedCase(db, {
      businessDate: requireSetting(db, 'business_date'), title: input.title, alertIds: input.alertIds, actor: requireSession(ctx).username, at: ctx.at,
    });
    return { case: summary };
  },
  'risk.cases.addAlert'(ctx, input) {
    addAlertToCase(ctx.services.db, { caseId: input.caseId, alertId: input.alertId, actor: requireSession(ctx).username, at: ctx.at });
    return {};
  },
  'risk.cases.note'(ctx, input) {
    addCaseNote(ctx.services.db, { caseId: input.caseId, note: input.note, actor: requireSession(ctx).username, at: ctx.at });
    return {};
  },
  'risk.cases.close'(ctx, input) {
    closeCase(ctx.services.db, { caseId: input.caseId, note: input.note, actor: requireSession(ctx).username, at: ctx.at });
    return {};
  },
  'risk.cases.attach'(ctx, input) {
    const attachment = addCaseAttachment(ctx.services.db, { ...input, actor: requireSession(ctx).username, at: ctx.at });
    return { attachment };
  },
  'risk.cases.attachment'(ctx, input) {
    const file = readCaseAttachment(ctx.services.db, input.caseId, input.attachmentId);
    return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.content.toString('base64') };
  },
};
