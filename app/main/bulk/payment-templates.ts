import type { Db } from '../store/open-database';
import { preparedOnce } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { listParticipants } from '../settings/participants';
import { requireSetting } from '../settings/settings';
import type { Actor } from '../payments/payment-commands';
import { validateCapture } from '../../shared/contract/capture-validation';
import { formatAmount } from '../../shared/money/format';
import type { PaymentTemplate, TemplateInput, TemplateStatus } from '../../shared/contract/handlers/templates';

interface TemplateRow {
  id: string;
  name: string;
  kind: 'hvps' | 'beps';
  priority: 0 | 1 | 2;
  to_id: string;
  debtor_name: string;
  debtor_account: string;
  creditor_name: string;
  creditor_account: string;
  purpose: string;
  amount_minor: bigint | null;
  status: TemplateStatus;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  retired_by: string | null;
  retired_at: string | null;
  retire_note: string | null;
}

const sql = preparedOnce((db: Db) => ({
  insert: db.prepare(
    `INSERT INTO payment_templates (id, name, kind, priority, to_id, debtor_name, debtor_account, creditor_name, creditor_account, purpose, amount_minor, status, created_by, created_at)
     VALUES (@id, @name, @kind, @priority, @to, @debtorName, @debtorAccount, @creditorName, @creditorAccount, @purpose, @amountMinor, 'draft', @createdBy, @createdAt)`,
  ),
  count: db.prepare<[], number>('SELECT count(*) FROM payment_templates').pluck(),
  get: db.prepare<[string], TemplateRow>('SELECT * FROM payment_templates WHERE id = ?').safeIntegers(),
  all: db.prepare<[], TemplateRow>('SELECT * FROM payment_templates ORDER BY name, id').safeIntegers(),
  approve: db.prepare("UPDATE payment_templates SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ? AND status = 'draft'"),
  retire: db.prepare("UPDATE payment_templates SET status = 'retired', retired_by = ?, retired_at = ?, retire_note = ? WHERE id = ? AND status <> 'retired'"),
}));

function view(row: TemplateRow): PaymentTemplate {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    priority: Number(row.priority) as 0 | 1 | 2,
    to: row.to_id,
    debtor: { name: row.debtor_name, account: row.debtor_account },
    creditor: { name: row.creditor_name, account: row.creditor_account },
    purpose: row.purpose,
    amount: row.amount_minor === null ? null : formatAmount(row.amount_minor, 'CNY'),
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    retiredBy: row.retired_by,
    retiredAt: row.retired_at,
    retireNote: row.retire_note,
  };
}

function requireTemplate(db: Db, id: string): TemplateRow {
  const row = sql(db).get.get(id);
  if (row === undefined) throw new UserError('not_found', `No template ${id}.`, `模板 ${id} 不存在。`);
  return row;
}

export function listTemplates(db: Db, status: TemplateStatus | 'all'): PaymentTemplate[] {
  return sql(db)
    .all.all()
    .filter((r) => status === 'all' || r.status === status)
    .map(view);
}

/**
 * A clerk writes a template down as a draft. It is judged by the capture rules (receiving bank,
 * names, accounts, purpose, the kind's ceiling), the amount only when it is fixed.
 */
export function createTemplate(db: Db, input: TemplateInput, actor: Actor): PaymentTemplate {
  return db.transaction(() => {
    const participants = listParticipants(db);
    const self = participants.find((p) => p.self);
    if (self === undefined) throw new Error('no own participant: the console store was never initialised');
    const amount = input.amount === null || input.amount.trim() === '' ? null : input.amount.replace(/[,，\s]/g, '');
    const checked = validateCapture(
      { kind: input.kind, priority: input.priority, to: input.to, amount: amount ?? '0.01', currency: 'CNY', debtor: input.debtor, creditor: input.creditor, purpose: input.purpose },
      { participantIds: new Set(participants.map((p) => p.id)), selfId: self.id, businessDate: requireSetting(db, 'business_date') },
    );
    if (!checked.ok) throw new UserError('validation', 'Some fields need correcting.', '部分内容需要更正。', checked.issues);
    const id = `TPL-${String((sql(db).count.get() ?? 0) + 1).padStart(4, '0')}`;
    sql(db).insert.run({
      id,
      name: input.name.trim(),
      kind: input.kind,
      priority: input.priority,
      to: input.to,
      debtorName: input.debtor.name.trim(),
      debtorAccount: input.debtor.account.trim(),
      creditorName: input.creditor.name.trim(),
      creditorAccount: input.creditor.account.trim(),
      purpose: input.purpose.trim(),
      amountMinor: amount === null ? null : checked.amountMinor,
      createdBy: actor.username,
      createdAt: actor.at,
    });
    const made = view(requireTemplate(db, id));
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'template.created', entity: 'payment_template', entityId: id, detail: { ...made } });
    return made;
  })();
}

/** Four eyes: a supervisor who did not write the template approves it. */
export function approveTemplate(db: Db, id: string, actor: Actor): PaymentTemplate {
  return db.transaction(() => {
    const row = requireTemplate(db, id);
    if (row.status !== 'draft') throw new UserError('templates.not_draft', `Template ${id} is ${row.status}, not a draft.`, `模板 ${id} 不是待审批状态。`);
    if (row.created_by === actor.username) {
      throw new UserError('templates.author_cannot_approve', 'You wrote this template; another supervisor must approve it.', '该模板由您本人编写，须由其他主管审批。');
    }
    sql(db).approve.run(actor.username, actor.at, id);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'template.approved', entity: 'payment_template', entityId: id, detail: { author: row.created_by } });
    return view(requireTemplate(db, id));
  })();
}

/** A template no longer used (or a draft not to be approved) is retired, with a note; it stays on record. */
export function retireTemplate(db: Db, id: string, note: string, actor: Actor): PaymentTemplate {
  return db.transaction(() => {
    const row = requireTemplate(db, id);
    if (row.status === 'retired') throw new UserError('templates.retired', `Template ${id} is retired already.`, `模板 ${id} 已停用。`);
    sql(db).retire.run(actor.username, actor.at, note.trim(), id);
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'template.retired', entity: 'payment_template', entityId: id, detail: { from: row.status, note: note.trim() } });
    return view(requireTemplate(db, id));
  })();
}
