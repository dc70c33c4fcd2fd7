import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { UserError } from '../user-error';
import { RULE_PREVIEW_MAX_PAYMENTS, RULE_SET_LIST_MAX } from '../../shared/contract/handlers/risk-rules';
import type { RuleSet } from '../../shared/risk/rules/rule-set';
import { previewRuleSets } from './rule-preview';
import { approveRules, findRuleSetVersion, listRuleSetVersions, proposeRules, rejectRules, ruleSetByVersion, rulesInForce } from './rule-set-store';

/**
 * The rule-set screen's handlers (app/shared/contract/handlers/risk-rules.ts). Four-eyes and
 * the audit entries live in the store functions (rule-set-store.ts), in one transaction each.
 */

/** Stands in for the approver of a version scored only to preview it; never stored. */
const PREVIEW_APPROVER = '(preview)';

function mustFind(ctx: HandlerContext, version: number) {
  const found = findRuleSetVersion(ctx.services.db, version);
  if (found === null) throw new UserError('not_found', `No rule set version ${version}.`, `规则版本 ${version} 不存在。`);
  return found;
}

export const riskRulesImpls: HandlerImpls<'risk.rules.list' | 'risk.rules.get' | 'risk.rules.propose' | 'risk.rules.approve' | 'risk.rules.reject' | 'risk.rules.preview'> = {
  'risk.rules.list'(ctx) {
    const versions = listRuleSetVersions(ctx.services.db);
    const active = versions.find((v) => v.status === 'active')?.version ?? null;
    return { versions: versions.slice(0, RULE_SET_LIST_MAX), active, truncated: versions.length > RULE_SET_LIST_MAX };
  },
  'risk.rules.get'(ctx, input) {
    return mustFind(ctx, input.version);
  },
  'risk.rules.propose'(ctx, input) {
    const { db } = ctx.services;
    const set = proposeRules(db, { params: input.params, bands: input.bands, author: requireSession(ctx).username, at: ctx.at, note: input.note });
    return { version: mustFind(ctx, set.version).version };
  },
  'risk.rules.approve'(ctx, input) {
    const { db } = ctx.services;
    const previous = rulesInForce(db)?.version ?? null;
    approveRules(db, { version: input.version, approver: requireSession(ctx).username, at: ctx.at, ...(input.note === undefined ? {} : { note: input.note }) });
    return { version: mustFind(ctx, input.version).version, superseded: previous };
  },
  'risk.rules.reject'(ctx, input) {
    return { version: rejectRules(ctx.services.db, { version: input.version, actor: requireSession(ctx).username, at: ctx.at, note: input.note }) };
  },
  'risk.rules.preview'(ctx, input) {
    const { db } = ctx.services;
    const set = ruleSetByVersion(db, input.version);
    if (set === null) throw new UserError('not_found', `No rule set version ${input.version}.`, `规则版本 ${input.version} 不存在。`);
    const active = rulesInForce(db);
    // A proposal is scored as if approved, only here and only to count: evaluatePayment refuses
    // unapproved rules so that nothing ever *applies* them.
    const whatIf: RuleSet = set.approver === null ? { ...set, approver: PREVIEW_APPROVER, approvedAt: ctx.at } : set;
    const result = previewRuleSets(db, active, whatIf, { days: input.days, maxPayments: RULE_PREVIEW_MAX_PAYMENTS, now: ctx.at });
    return {
      days: input.days, since: result.since, scored: result.scored, inWindow: result.inWindow, sampled: result.sampled,
      active: result.base, proposed: result.proposed, changed: result.changed, elapsedMs: result.elapsedMs,
    };
  },
};
