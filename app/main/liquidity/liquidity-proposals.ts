import { randomUUID } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { appendOutbox } from '../sync/outbox';
import type { ActionLink } from '../payments/payment-actions';
import { UserError } from '../user-error';
import { reasonWords } from '../../shared/domain/reason-codes';
import type { LiquidityMutationType } from '../../shared/contract/sync-protocol';
import { liquidityProposalPayloadSchemas, type LiquidityProposalRow } from '../../shared/contract/handlers/liquidity';

interface ProposalDbRow {
  id: string;
  kind: LiquidityMutationType;
  payload: string;
  note: string;
  status: LiquidityProposalRow['status'];
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decide_note: string | null;
  outbox_seq: bigint | number | null;
  house_result: 'accepted' | 'rejected' | null;
  house_code: string | null;
}

/** Most proposals listed: every open one plus the newest decided ones up to this count. */
export const LIQUIDITY_PROPOSALS_LISTED = 100;

const sql = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO liquidity_proposals (id, kind, payload, note, status, proposed_by, proposed_at)
     VALUES (@id, @kind, @payload, @note, 'proposed', @by, @at)`,
  ),
  find: db.prepare<[string], ProposalDbRow>('SELECT * FROM liquidity_proposals WHERE id = ?'),
  openOfKind: db.prepare<[string], number>("SELECT count(*) FROM liquidity_proposals WHERE kind = ? AND status = 'proposed'").pluck(),
  list: db.prepare<[number], ProposalDbRow>(
    "SELECT * FROM liquidity_proposals ORDER BY status <> 'proposed', proposed_at DESC, id LIMIT ?",
  ),
  approve: db.prepare(
    "UPDATE liquidity_proposals SET status = 'approved', decided_by = ?, decided_at = ?, decide_note = ?, outbox_seq = ? WHERE id = ? AND status = 'proposed'",
  ),
  reject: db.prepare("UPDATE liquidity_proposals SET status = 'rejected', decided_by = ?, decided_at = ?, decide_note = ? WHERE id = ? AND status = 'proposed'"),
  answer: db.prepare('UPDATE liquidity_proposals SET house_result = ?, house_code = ? WHERE id = ?'),
  participant: db.prepare<[string], { id: string; is_self: bigint | number }>('SELECT id, is_self FROM participants WHERE id = ?'),
}));

export function toProposalRow(row: ProposalDbRow): LiquidityProposalRow {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as LiquidityProposalRow['payload'],
    note: row.note,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decideNote: row.decide_note,
    houseResult: row.house_result,
    houseCode: row.house_code,
  };
}

export function listLiquidityProposals(db: Db): LiquidityProposalRow[] {
  return sql(db).list.all(LIQUIDITY_PROPOSALS_LISTED).map(toProposalRow);
}

export interface ProposeRequest {
  kind: LiquidityMutationType;
  payload: unknown;
  note: string;
  username: string;
  at: string;
}

/**
 * A supervisor proposes a change of one control. Nothing goes to the house yet: a different
 * supervisor approves it first (maker-checker, DESIGN 4.1). One open proposal per control, so
 * an approver never has to pick between two versions of the same setting.
 */
export function proposeLiquidityChange(db: Db, request: ProposeRequest): LiquidityProposalRow {
  const parsed = liquidityProposalPayloadSchemas[request.kind].safeParse(request.payload);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new UserError('liquidity.invalid_change', `The change is not valid: ${why}`, `变更内容无效：${why}`);
  }
  const payload = parsed.data;
  return db.transaction(() => {
    if ('bilateral' in payload) {
      for (const other of Object.keys(payload.bilateral ?? {})) {
        const p = sql(db).participant.get(other);
        if (p === undefined) throw new UserError('liquidity.unknown_participant', `No participant ${other}.`, `参与者 ${other} 不存在。`);
        if (Number(p.is_self) === 1) throw new UserError('liquidity.own_limit', 'A bilateral limit names another bank, not this one.', '双边限额只能针对其他银行，不能针对本行。');
      }
    }
    if ((sql(db).openOfKind.get(request.kind) ?? 0) > 0) {
      throw new UserError('liquidity.change_pending', 'A change of this control already waits for approval.', '该项设置已有待复核的变更。');
    }
    const id = randomUUID();
    sql(db).insert.run({ id, kind: request.kind, payload: JSON.stringify(payload), note: request.note.trim(), by: request.username, at: request.at });
    appendAudit(db, { at: request.at, actor: request.username, action: 'liquidity.proposed', entity: 'liquidity', entityId: id, detail: { kind: request.kind, payload, note: request.note.trim() } });
    return toProposalRow(sql(db).find.get(id) as ProposalDbRow);
  })();
}

function openProposal(db: Db, id: string): ProposalDbRow {
  const row = sql(db).find.get(id);
  if (row === undefined) throw new UserError('not_found', `No liquidity change ${id}.`, `流动性变更 ${id} 不存在。`);
  if (row.status !== 'proposed') {
    throw new UserError('liquidity.already_decided', `The change was already ${row.status} by ${row.decided_by ?? '?'}.`, `该变更已由 ${row.decided_by ?? '?'} 处理。`);
  }
  return row;
}

/** The proposer cannot approve their own change; the screen shows this reason on the disabled button. */
export const SAME_PERSON = {
  code: 'liquidity.same_person',
  en: 'A change is approved by a second supervisor, not by the one who proposed it.',
  zh: '变更须由另一名主管复核，提议人不能复核自己的变更。',
} as const;

/**
 * A second supervisor approves: the change goes to the outbox as its sync mutation (the
 * proposal's id is the mutation id) in the same transaction as the approval and its audit
 * entry, then the link pushes. The house's answer comes back through recordLiquidityAnswer.
 */
export function approveLiquidityChange(db: Db, link: ActionLink | null, request: { id: string; username: string; note?: string; at: string }): LiquidityProposalRow {
  if (link === null) {
    throw new UserError('liquidity.no_house_link', 'This console has no link to the clearing house; the change cannot be sent.', '本机未连接清算中心，无法提交变更。');
  }
  const row = db.transaction(() => {
    const open = openProposal(db, request.id);
    if (open.proposed_by === request.username) throw new UserError(SAME_PERSON.code, SAME_PERSON.en, SAME_PERSON.zh);
    const seq = appendOutbox(db, open.kind, open.id, JSON.parse(open.payload), request.at);
    sql(db).approve.run(request.username, request.at, request.note?.trim() || null, seq, open.id);
    appendAudit(db, { at: request.at, actor: request.username, action: 'liquidity.approved', entity: 'liquidity', entityId: open.id, detail: { kind: open.kind, seq, proposedBy: open.proposed_by } });
    return toProposalRow(sql(db).find.get(open.id) as ProposalDbRow);
  })();
  queueMicrotask(link.nudge);
  return row;
}

/** A second supervisor turns the change down with a note; nothing reaches the house. */
export function rejectLiquidityChange(db: Db, request: { id: string; username: string; note: string; at: string }): LiquidityProposalRow {
  return db.transaction(() => {
    const open = openProposal(db, request.id);
    if (open.proposed_by === request.username) throw new UserError(SAME_PERSON.code, SAME_PERSON.en, SAME_PERSON.zh);
    sql(db).reject.run(request.username, request.at, request.note.trim(), open.id);
    appendAudit(db, { at: request.at, actor: request.username, action: 'liquidity.rejected', entity: 'liquidity', entityId: open.id, detail: { kind: open.kind, note: request.note.trim() } });
    return toProposalRow(sql(db).find.get(open.id) as ProposalDbRow);
  })();
}

const CONTROL_WORDS: Record<LiquidityMutationType, { en: string; zh: string }> = {
  'liquidity.reserve': { en: 'the reservation', zh: '预留头寸' },
  'liquidity.limits': { en: 'the sender limits', zh: '发送限额' },
  'liquidity.warning': { en: 'the warning threshold', zh: '头寸预警线' },
};

/**
 * The house's answer to an approved change, in the push-results transaction: kept on the
 * proposal and audited; a refusal is returned for a console notice naming the reason.
 */
export function recordLiquidityAnswer(
  db: Db,
  type: LiquidityMutationType,
  proposalId: string,
  outcome: 'accepted' | 'rejected',
  code: string | undefined,
  message: string | undefined,
  at: string,
): { code: string; message: string; messageZh: string } | undefined {
  sql(db).answer.run(outcome, outcome === 'rejected' ? (code ?? 'INVALID_PAYLOAD') : null, proposalId);
  appendAudit(db, { at, actor: 'house', action: outcome === 'accepted' ? 'liquidity.accepted' : 'liquidity.refused', entity: 'liquidity', entityId: proposalId, detail: { type, code: code ?? null, message: message ?? null } });
  if (outcome === 'accepted') return undefined;
  const reasonCode = code ?? 'INVALID_PAYLOAD';
  const known = reasonWords(reasonCode);
  const words = CONTROL_WORDS[type];
  return {
    code: reasonCode,
    message: `The clearing house refused the change of ${words.en}: ${known?.en ?? message ?? reasonCode}${message && known && message !== known.en ? ` (${message})` : ''} [${reasonCode}]`,
    messageZh: `清算中心拒绝${words.zh}变更：${known?.zh ?? message ?? reasonCode}【${reasonCode}】`,
  };
}
