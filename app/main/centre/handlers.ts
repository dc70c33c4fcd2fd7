import { z } from 'zod';
import type { HandlerName } from '../../shared/contract';
import { centreHandlers } from '../../shared/contract/handlers/centre';
import { centrePaymentAnswerSchema, centreStopAnswerSchema } from '../../shared/contract/centre-payment-api';
import { alertRuleSchema, broadcastSchema, dashboardSchema, directorySchema, operatorViewSchema, proposalViewSchema } from '../../shared/contract/centre-api';
import { requireSession, type HandlerContext, type HandlerImpls } from '../handler-context';
import { appendAudit } from '../audit/audit-log';
import type { CentreLink } from './centre-link';
import { notCentreMode } from './centre-errors';
import { randomPassword } from '../auth/password';

type CentreHandlerName = Extract<HandlerName, keyof typeof centreHandlers>;

function linkOf(ctx: HandlerContext): CentreLink {
  const link = ctx.services.centre;
  if (link === null) throw notCentreMode();
  return link;
}

/** A request at the house in the caller's name; a house session that ended ends the console's. */
function houseJson<T extends z.ZodType>(ctx: HandlerContext, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, schema: T, body?: unknown): Promise<z.output<T>> {
  return linkOf(ctx).json(ctx.sessionKey, method, path, schema, body, () => ctx.services.sessions.end(ctx.sessionKey, 'idle'));
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** 止付 / 解除止付 at the house, then the payment as it now stands (the screen shows who stopped it). */
async function stopOrRelease(ctx: HandlerContext, action: 'stop' | 'release', id: string, reason: string): Promise<z.output<typeof centrePaymentAnswerSchema>> {
  const path = `/v1/centre/payments/${encodeURIComponent(id)}`;
  await houseJson(ctx, 'POST', `${path}/${action}`, centreStopAnswerSchema, { reason });
  return houseJson(ctx, 'GET', path, centrePaymentAnswerSchema);
}

const scheduleAnswer = centreHandlers['centre.schedule'].output;
const operatorAnswer = z.object({ operator: operatorViewSchema }).strict();

/** A one-time password: 16 characters without look-alikes, above the house's 12-character floor. */
const ONE_TIME_PASSWORD_LENGTH = 16;

/** A supervisor's change to another centre operator at the house, kept in this console's audit trail too (never a password). */
async function changeOperator(ctx: HandlerContext, username: string, change: Record<string, true | boolean>, action: string) {
  const answer = await houseJson(ctx, 'PATCH', `/v1/centre/operators/${encodeURIComponent(username)}`, operatorAnswer, change);
  const { db } = ctx.services;
  const actor = requireSession(ctx).username;
  db.transaction(() => appendAudit(db, { at: ctx.at, actor, action, entity: 'operator', entityId: username, detail: { house: linkOf(ctx).houseUrl } }))();
  return answer;
}
const proposalAnswer = z.object({ proposal: proposalViewSchema }).strict();

export const centreImpls: HandlerImpls<CentreHandlerName> = {
  'centre.mode'(ctx) {
    const link = ctx.services.centre;
    return { enabled: link !== null, houseUrl: link?.houseUrl ?? null };
  },
  async 'centre.login'(ctx, input) {
    const answer = await linkOf(ctx).login(ctx.sessionKey, input.username, input.password);
    return { expiresAt: answer.expiresAt, ...(answer.enrolment === undefined ? {} : { enrolment: answer.enrolment }) };
  },
  async 'centre.loginTotp'(ctx, input) {
    const link = linkOf(ctx);
    const answer = await link.loginTotp(ctx.sessionKey, input.code);
    const { operator } = answer;
    const { db, sessions } = ctx.services;
    // The console session holds the centre role only: no bank handler answers it (handler-access).
    sessions.start(ctx.sessionKey, { username: operator.username, displayName: operator.name, roles: [operator.role] });
    db.transaction(() =>
      appendAudit(db, { at: ctx.at, actor: operator.username, action: 'centre.login', entity: 'operator', entityId: operator.username, detail: { house: link.houseUrl, role: operator.role } }),
    )();
    let schedule;
    try {
      schedule = await houseJson(ctx, 'GET', '/v1/centre/schedule', scheduleAnswer);
    } catch (error) {
      // Signed in at the house but the day cannot be read: do not leave a half-open session.
      sessions.end(ctx.sessionKey, 'logout');
      throw error;
    }
    return {
      operator: { username: operator.username, displayName: operator.name, roles: [operator.role] },
      businessDate: schedule.state.businessDate,
      houseUrl: link.houseUrl,
      idleTimeoutMs: sessions.idleTimeoutMs,
    };
  },
  'centre.dashboard': (ctx) => houseJson(ctx, 'GET', '/v1/centre/dashboard', dashboardSchema),
  'centre.schedule': (ctx) => houseJson(ctx, 'GET', '/v1/centre/schedule', scheduleAnswer),
  'centre.directory': (ctx) => houseJson(ctx, 'GET', '/v1/centre/directory', directorySchema),
  'centre.proposals.list': (ctx, input) => houseJson(ctx, 'GET', `/v1/centre/proposals${query({ status: input.status, limit: input.limit })}`, centreHandlers['centre.proposals.list'].output),
  'centre.proposals.create': (ctx, input) => houseJson(ctx, 'POST', '/v1/centre/proposals', proposalAnswer, { type: input.type, payload: input.payload, ...(input.note ? { note: input.note } : {}) }),
  'centre.proposals.approve': (ctx, input) =>
    houseJson(ctx, 'POST', `/v1/centre/proposals/${input.id}/approve`, centreHandlers['centre.proposals.approve'].output, input.note ? { note: input.note } : {}),
  'centre.proposals.reject': (ctx, input) => houseJson(ctx, 'POST', `/v1/centre/proposals/${input.id}/reject`, proposalAnswer, input.note ? { note: input.note } : {}),
  'centre.broadcasts.send': (ctx, input) => houseJson(ctx, 'POST', '/v1/centre/broadcasts', z.object({ broadcast: broadcastSchema }).strict(), input),
  'centre.broadcasts.list': (ctx, input) =>
    houseJson(ctx, 'GET', `/v1/centre/broadcasts${query({ participant: input.participantId, before: input.before, limit: input.limit })}`, centreHandlers['centre.broadcasts.list'].output),
  'centre.alertRules.list': (ctx) => houseJson(ctx, 'GET', '/v1/centre/alert-rules', z.object({ rules: z.array(alertRuleSchema) }).strict()),
  'centre.alertRules.create': (ctx, input) => houseJson(ctx, 'POST', '/v1/centre/alert-rules', z.object({ rule: alertRuleSchema }).strict(), input),
  'centre.alertRules.setEnabled': (ctx, input) => houseJson(ctx, 'PATCH', `/v1/centre/alert-rules/${input.id}`, z.object({ rule: alertRuleSchema }).strict(), { enabled: input.enabled }),
  async 'centre.alertRules.delete'(ctx, input) {
    await houseJson(ctx, 'DELETE', `/v1/centre/alert-rules/${input.id}`, z.object({ deleted: z.number() }).strict());
    return {};
  },
  'centre.payments.lookup': (ctx, input) => houseJson(ctx, 'GET', `/v1/centre/payments/${encodeURIComponent(input.id)}`, centrePaymentAnswerSchema),
  'centre.payments.stop': (ctx, input) => stopOrRelease(ctx, 'stop', input.id, input.reason),
  'centre.payments.release': (ctx, input) => stopOrRelease(ctx, 'release', input.id, input.reason),
  async 'centre.reports.settlementCsv'(ctx, input) {
    const file = await linkOf(ctx).file(ctx.sessionKey, `/v1/centre/reports/settlement${query({ date: input.date, format: 'csv' })}`, () => ctx.services.sessions.end(ctx.sessionKey, 'idle'));
    return { fileName: file.fileName ?? `settlement-${input.date ?? 'today'}.csv`, mimeType: file.mimeType, content: file.text };
  },
  'centre.operators.list': (ctx) => houseJson(ctx, 'GET', '/v1/centre/operators', centreHandlers['centre.operators.list'].output),
  async 'centre.operators.create'(ctx, input) {
    // Drawn here and shown once to the supervisor: the house keeps only its argon2id hash.
    const oneTimePassword = randomPassword(ONE_TIME_PASSWORD_LENGTH);
    const answer = await houseJson(ctx, 'POST', '/v1/centre/operators', operatorAnswer, { ...input, password: oneTimePassword });
    const { db } = ctx.services;
    const actor = requireSession(ctx).username;
    db.transaction(() =>
      appendAudit(db, { at: ctx.at, actor, action: 'centre.operator.created', entity: 'operator', entityId: input.username, detail: { role: input.role, house: linkOf(ctx).houseUrl } }),
    )();
    return { operator: answer.operator, oneTimePassword };
  },
  'centre.operators.lock': (ctx, input) => changeOperator(ctx, input.username, { active: false }, 'centre.operator.locked'),
  'centre.operators.unlock': (ctx, input) => changeOperator(ctx, input.username, { active: true, unlock: true }, 'centre.operator.unlocked'),
  'centre.operators.resetTotp': (ctx, input) => changeOperator(ctx, input.username, { resetTotp: true }, 'centre.operator.totp_reset'),
  async 'centre.reports.camt053'(ctx, input) {
    const path = `/v1/centre/reports/settlement/${encodeURIComponent(input.participantId)}/camt053${query({ date: input.date })}`;
    const file = await linkOf(ctx).file(ctx.sessionKey, path, () => ctx.services.sessions.end(ctx.sessionKey, 'idle'));
    return { fileName: file.fileName ?? `camt053-${input.participantId}-${input.date ?? 'today'}.xml`, mimeType: file.mimeType, content: file.text };
  },
};
