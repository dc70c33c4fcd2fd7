import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { DecisionBands } from '../../shared/risk/rules/decision-bands';
import type { RuleParamsInput } from '../../shared/risk/rules/rule-params';
import { approveRuleSet, proposeRuleSet, type RuleSet, ruleSetSchema } from '../../shared/risk/rules/rule-set';

/** Rule-set versions in SQLite: proposed by one officer, in force once a second approves. */

interface Row {
  version: number;
  params: string;
  bands: string;
  author: string;
  created_at: string;
  approver: string | null;
  approved_at: string | null;
  note: string;
}

const sql = preparedOnce((db) => ({
  latest: db.prepare<[], Row>('SELECT * FROM risk_rule_sets ORDER BY version DESC LIMIT 1'),
  byVersion: db.prepare<[number], Row>('SELECT * FROM risk_rule_sets WHERE version = ?'),
  inForce: db.prepare<[], Row>('SELECT * FROM risk_rule_sets WHERE approver IS NOT NULL ORDER BY version DESC LIMIT 1'),
  all: db.prepare<[], Row>('SELECT * FROM risk_rule_sets ORDER BY version DESC'),
  insert: db.prepare(
    `INSERT INTO risk_rule_sets (version, params, bands, author, created_at, approver, approved_at, note)
     VALUES (@version, @params, @bands, @author, @createdAt, NULL, NULL, @note)`,
  ),
  approve: db.prepare('UPDATE risk_rule_sets SET approver = ?, approved_at = ? WHERE version = ? AND approver IS NULL'),
  pending: db.prepare<[], Row>(
    'SELECT * FROM risk_rule_sets WHERE approver IS NULL AND version NOT IN (SELECT version FROM risk_rule_set_rejections) ORDER BY version DESC LIMIT 1',
  ),
  rejection: db.prepare<[number], RejectionRow>('SELECT * FROM risk_rule_set_rejections WHERE version = ?'),
  rejections: db.prepare<[], RejectionRow>('SELECT * FROM risk_rule_set_rejections'),
  reject: db.prepare('INSERT INTO risk_rule_set_rejections (version, rejected_by, rejected_at, note) VALUES (?, ?, ?, ?)'),
}));

interface RejectionRow {
  version: number;
  rejected_by: string;
  rejected_at: string;
  note: string;
}

/** Stored rows are re-validated: a row that no longer parses is corruption, and throws. */
function toRuleSet(row: Row): RuleSet {
  return ruleSetSchema.parse({
    version: row.version,
    params: JSON.parse(row.params),
    bands: JSON.parse(row.bands),
    author: row.author,
    createdAt: row.created_at,
    approver: row.approver,
    approvedAt: row.approved_at,
    note: row.note,
  });
}

export interface ProposeRulesInput {
  params: RuleParamsInput;
  bands: DecisionBands;
  author: string;
  at: string;
  note: string;
}

/** Stores a new version (latest + 1), not yet in force. The JSON kept is the input as given. */
export function proposeRules(db: Db, input: ProposeRulesInput): RuleSet {
  return db.transaction(() => {
    // One proposal at a time: versions then apply in order, and the approver always compares a
    // proposal with the version it would replace.
    const pending = sql(db).pending.get();
    if (pending !== undefined) {
      throw new UserError(
        'proposal_pending',
        `Version ${pending.version} (proposed by ${pending.author}) is still waiting for approval; approve or reject it first.`,
        `版本 ${pending.version}（${pending.author} 提出）尚待复核，请先复核通过或退回。`,
      );
    }
    const latest = sql(db).latest.get();
    const proposed = proposeRuleSet(latest === undefined ? null : { version: latest.version }, input);
    if (!proposed.ok) throw new UserError('invalid_rules', `rule set refused: ${proposed.message}`, `规则配置无效：${proposed.message}`);
    const set = proposed.ruleSet;
    sql(db).insert.run({ version: set.version, params: JSON.stringify(input.params), bands: JSON.stringify(input.bands), author: set.author, createdAt: set.createdAt, note: set.note });
    appendAudit(db, { at: input.at, actor: input.author, action: 'risk.rules.propose', entity: 'risk_rule_set', entityId: String(set.version), detail: { note: set.note } });
    return set;
  })();
}

/** Approves a proposed version; refuses its author and a version already approved. */
export function approveRules(db: Db, input: { version: number; approver: string; at: string; note?: string }): RuleSet {
  return db.transaction(() => {
    const row = sql(db).byVersion.get(input.version);
    if (row === undefined) throw new UserError('not_found', `no rule set version ${input.version}`, `规则版本 ${input.version} 不存在`);
    const rejected = sql(db).rejection.get(input.version);
    if (rejected !== undefined) {
      throw new UserError('already_rejected', `Version ${input.version} was rejected by ${rejected.rejected_by}; it cannot be approved.`, `版本 ${input.version} 已被 ${rejected.rejected_by} 退回，不能复核通过。`);
    }
    const previous = sql(db).inForce.get();
    const result = approveRuleSet(toRuleSet(row), input.approver, input.at);
    if (!result.ok) throw new UserError(result.code, result.message.en, result.message.zh);
    const changed = sql(db).approve.run(input.approver, input.at, input.version).changes;
    if (changed !== 1) throw new Error(`approveRules: version ${input.version} changed under us`);
    appendAudit(db, { at: input.at, actor: input.approver, action: 'risk.rules.approve', entity: 'risk_rule_set', entityId: String(input.version), detail: { author: row.author, supersedes: previous?.version ?? null, ...(input.note === undefined ? {} : { note: input.note }) } });
    return result.ruleSet;
  })();
}

/** The highest approved version, or null before any approval (then nothing is scored). */
export function rulesInForce(db: Db): RuleSet | null {
  const row = sql(db).inForce.get();
  return row === undefined ? null : toRuleSet(row);
}

/** One version, parsed for the rules (amounts in fen), or null. */
export function ruleSetByVersion(db: Db, version: number): RuleSet | null {
  const row = sql(db).byVersion.get(version);
  return row === undefined ? null : toRuleSet(row);
}

export function listRuleSets(db: Db): RuleSet[] {
  return sql(db).all.all().map(toRuleSet);
}

export const RULE_SET_STATUSES = ['proposed', 'active', 'superseded', 'rejected'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/** A version as the rules screen lists it. Status is derived: one active (highest approved), one proposed at most. */
export interface RuleSetVersion {
  version: number;
  status: RuleSetStatus;
  author: string;
  createdAt: string;
  approver: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectNote: string | null;
  note: string;
}

function versionOf(row: Row, rejection: RejectionRow | undefined, activeVersion: number | null): RuleSetVersion {
  const status: RuleSetStatus =
    rejection !== undefined ? 'rejected' : row.approver === null ? 'proposed' : row.version === activeVersion ? 'active' : 'superseded';
  return {
    version: row.version, status, author: row.author, createdAt: row.created_at, approver: row.approver, approvedAt: row.approved_at,
    rejectedBy: rejection?.rejected_by ?? null, rejectedAt: rejection?.rejected_at ?? null, rejectNote: rejection?.note ?? null, note: row.note,
  };
}

/** Every version, newest first, with its status. */
export function listRuleSetVersions(db: Db): RuleSetVersion[] {
  const rejections = new Map(sql(db).rejections.all().map((r) => [r.version, r]));
  const active = sql(db).inForce.get()?.version ?? null;
  return sql(db).all.all().map((row) => versionOf(row, rejections.get(row.version), active));
}

/** One version with its parameters as stored (amounts as decimal strings), or null. */
export function findRuleSetVersion(db: Db, version: number): { version: RuleSetVersion; params: RuleParamsInput; bands: DecisionBands } | null {
  const row = sql(db).byVersion.get(version);
  if (row === undefined) return null;
  const set = toRuleSet(row); // re-validates: a corrupt row throws rather than reaching the screen
  const active = sql(db).inForce.get()?.version ?? null;
  return { version: versionOf(row, sql(db).rejection.get(version), active), params: JSON.parse(row.params) as RuleParamsInput, bands: set.bands };
}

/**
 * Rejects a proposed version with a note. The author may withdraw their own proposal (nothing
 * comes into force by it, so four-eyes does not apply); anyone else's rejection is the second
 * officer's decision. Audited `risk.rules.reject` in the same transaction.
 */
export function rejectRules(db: Db, input: { version: number; actor: string; at: string; note: string }): RuleSetVersion {
  return db.transaction(() => {
    const row = sql(db).byVersion.get(input.version);
    if (row === undefined) throw new UserError('not_found', `no rule set version ${input.version}`, `规则版本 ${input.version} 不存在`);
    if (row.approver !== null) throw new UserError('already_approved', `Version ${input.version} is already approved; it cannot be rejected.`, `版本 ${input.version} 已复核通过，不能退回。`);
    const earlier = sql(db).rejection.get(input.version);
    if (earlier !== undefined) throw new UserError('already_rejected', `Version ${input.version} was already rejected by ${earlier.rejected_by}.`, `版本 ${input.version} 已被 ${earlier.rejected_by} 退回。`);
    sql(db).reject.run(input.version, input.actor, input.at, input.note);
    appendAudit(db, {
      at: input.at, actor: input.actor, action: 'risk.rules.reject', entity: 'risk_rule_set', entityId: String(input.version),
      detail: { author: row.author, withdrawn: input.actor === row.author, note: input.note },
    });
    const rejection = sql(db).rejection.get(input.version);
    return versionOf(row, rejection, sql(db).inForce.get()?.version ?? null);
  })();
}
