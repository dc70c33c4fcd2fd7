import { z } from 'zod';
import { usernameSchema } from '../../domain/operator';
import { decisionBandsSchema } from './decision-bands';
import { type Bilingual, timestampSchema } from './risk-input';
import { ruleParamsSchema } from './rule-params';

/**
 * A versioned rule set. A change is a new version proposed by one person; it applies only once
 * a different person approves it (four-eyes). Versions are never edited after approval.
 */
export const ruleSetSchema = z
  .object({
    version: z.number().int().min(1),
    params: ruleParamsSchema,
    bands: decisionBandsSchema,
    author: usernameSchema,
    createdAt: timestampSchema,
    approver: usernameSchema.nullable(),
    approvedAt: timestampSchema.nullable(),
    /** Why the change was made; shown to the approver and kept in the audit trail. */
    note: z.string().trim().min(1).max(500),
  })
  .strict();
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type RuleSet = z.output<typeof ruleSetSchema>;

export type FourEyesCode = 'not_approved' | 'same_person' | 'approval_incomplete';
export type FourEyesResult = { ok: true } | { ok: false; code: FourEyesCode; message: Bilingual };

const MESSAGES: Record<FourEyesCode, Bilingual> = {
  not_approved: { zh: '规则尚未经第二人复核，不能生效', en: 'the rule set has not been approved by a second person and cannot apply' },
  same_person: { zh: '复核人不能与制定人为同一人', en: 'the approver must be a different person from the author' },
  approval_incomplete: { zh: '复核记录不完整（缺少复核人或复核时间）', en: 'the approval is incomplete (approver or approval time missing)' },
};

/** The pure four-eyes check: approved, by someone other than the author. */
export function checkFourEyes(set: Pick<RuleSet, 'author' | 'approver' | 'approvedAt'>): FourEyesResult {
  if (set.approver === null && set.approvedAt === null) return { ok: false, code: 'not_approved', message: MESSAGES.not_approved };
  if (set.approver === null || set.approvedAt === null) return { ok: false, code: 'approval_incomplete', message: MESSAGES.approval_incomplete };
  if (set.approver === set.author) return { ok: false, code: 'same_person', message: MESSAGES.same_person };
  return { ok: true };
}

/** A new version proposed on top of the latest (null for the first); not yet in force. */
export function proposeRuleSet(
  latest: Pick<RuleSet, 'version'> | null,
  change: { params: RuleSetInput['params']; bands: RuleSetInput['bands']; author: string; at: string; note: string },
): { ok: true; ruleSet: RuleSet } | { ok: false; message: string } {
  const parsed = ruleSetSchema.safeParse({
    version: (latest?.version ?? 0) + 1,
    params: change.params,
    bands: change.bands,
    author: change.author,
    createdAt: change.at,
    approver: null,
    approvedAt: null,
    note: change.note,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid rule set'}` };
  }
  return { ok: true, ruleSet: parsed.data };
}

export type ApproveResult = { ok: true; ruleSet: RuleSet } | { ok: false; code: 'same_person' | 'already_approved'; message: Bilingual };

/** Approves a proposed version; refuses the author and a second approval. */
export function approveRuleSet(draft: RuleSet, approver: string, at: string): ApproveResult {
  if (draft.approver !== null || draft.approvedAt !== null) {
    return { ok: false, code: 'already_approved', message: { zh: '该版本已复核', en: `version ${draft.version} is already approved` } };
  }
  if (approver === draft.author) return { ok: false, code: 'same_person', message: MESSAGES.same_person };
  const ruleSet: RuleSet = { ...draft, approver, approvedAt: at };
  const check = checkFourEyes(ruleSet);
  if (!check.ok) throw new Error(`approveRuleSet produced a rule set that fails four-eyes: ${check.code}`);
  return { ok: true, ruleSet };
}

/** The version in force: the highest-numbered one that passes the four-eyes check, or null. */
export function ruleSetInForce<T extends Pick<RuleSet, 'version' | 'author' | 'approver' | 'approvedAt'>>(sets: readonly T[]): T | null {
  let best: T | null = null;
  for (const set of sets) if (checkFourEyes(set).ok && (best === null || set.version > best.version)) best = set;
  return best;
}
