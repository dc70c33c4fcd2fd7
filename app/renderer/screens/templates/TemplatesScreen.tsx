import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentTemplate, TemplateStatus } from '../../../shared/contract/handlers/templates';
import { mayCall } from '../../../shared/contract/handler-access';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { useRefreshKey } from '../../state/use-refresh-key';
import { localized } from '../../i18n/i18n';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { approveBlock, retireBlock } from './template-rules';
import '../bulk/bulk.css';

/** Kept as what it says, not as words: a language switch re-renders it. */
type Message = { kind: 'ok'; key: string; params: Record<string, unknown> } | { kind: 'err'; error: { message: string; messageZh: string } };
type Issue = { message: string; messageZh: string };
const EMPTY = { name: '', kind: 'beps' as 'hvps' | 'beps', priority: '2', to: '', debtorName: '', debtorAccount: '', creditorName: '', creditorAccount: '', purpose: '', amount: '' };

/**
 * 支付模板 (issue 13): a clerk writes down a payment the customer repeats, a supervisor who did
 * not write it approves it, and payment entry (F2) can start from it; a supervisor retires it.
 */
export function TemplatesScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const participants = useAppSelector((s) => s.session.participants);
  const refreshKey = useRefreshKey('templates');
  const roles = operator?.roles ?? [];
  const [status, setStatus] = useState<TemplateStatus | 'all'>('all');
  const [rows, setRows] = useState<PaymentTemplate[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [issues, setIssues] = useState<Record<string, Issue>>({});
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const mayCreate = mayCall(roles, 'templates.create');
  const fail = useCallback((error: Issue) => setMessage({ kind: 'err', error }), []);

  const load = useCallback(async () => {
    const result = await bridge.invoke('templates.list', { status });
    if (result.ok) setRows(result.value.rows);
    else fail(result.error);
  }, [bridge, fail, status]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const current = rows.find((r) => r.id === picked) ?? null;
  const me = { username: operator?.username ?? '', roles };
  const approveBlocked = current === null ? null : approveBlock(me, current);
  const retireBlocked = current === null ? null : retireBlock(me, current);
  const bankName = (id: string) => participants.find((p) => p.id === id)?.name ?? id;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('templates.create', {
      name: draft.name,
      kind: draft.kind,
      priority: Number(draft.priority) as 0 | 1 | 2,
      to: draft.to,
      debtor: { name: draft.debtorName, account: draft.debtorAccount },
      creditor: { name: draft.creditorName, account: draft.creditorAccount },
      purpose: draft.purpose,
      amount: draft.amount.trim() === '' ? null : draft.amount.trim(),
    });
    if (!result.ok) {
      const byField: Record<string, Issue> = {};
      for (const issue of result.error.issues ?? []) byField[issue.path] ??= issue;
      setIssues(byField);
      return fail(result.error);
    }
    setIssues({});
    setDraft(EMPTY);
    setPicked(result.value.template.id);
    setMessage({ kind: 'ok', key: 'templates.created', params: { id: result.value.template.id, name: result.value.template.name } });
    await load();
  };

  const act = async (action: 'approve' | 'retire') => {
    if (current === null) return;
    const result = action === 'approve' ? await bridge.invoke('templates.approve', { id: current.id }) : await bridge.invoke('templates.retire', { id: current.id, note: note.trim() });
    if (!result.ok) return fail(result.error);
    setNote('');
    setMessage({ kind: 'ok', key: `templates.${action}d`, params: { id: current.id, name: current.name } });
    await load();
  };

  const field = (key: keyof typeof EMPTY, path: string, label: string, extra: { mono?: boolean; span?: boolean; max?: number } = {}) => (
    <label className={`${issues[path] === undefined ? 'field' : 'field invalid'}${extra.span ? ' span2' : ''}`}>
      <span className="field-label">{label}</span>
      <input name={`tpl-${key}`} className={extra.mono ? 'mono' : undefined} value={draft[key]} maxLength={extra.max ?? 60} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      {issues[path] !== undefined && <span className="field-error">{localized(i18n.language, issues[path])}</span>}
    </label>
  );

  return (
    <section className="screen templates-screen" aria-labelledby="templates-heading">
      <div className="screen-head">
        <h2 id="templates-heading">{t('templates.heading')}</h2>
        <label className="inline-field">
          <span className="field-label">{t('bulk.show')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="templates-filter">
            {(['all', 'draft', 'approved', 'retired'] as const).map((s) => (
              <option key={s} value={s}>{t(`templates.filter.${s}`)}</option>
            ))}
          </select>
        </label>
        <span className="muted">{t('templates.hint')}</span>
      </div>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="templates-message">
          {message.kind === 'err' ? localized(i18n.language, message.error) : t(message.key, message.params)}
        </p>
      )}
      <div className="templates-layout">
        <div className="queue-list" data-testid="templates-table">
          {rows.length === 0 ? (
            <p className="empty">{t('templates.none')}</p>
          ) : (
            <table className="dense-table">
              <colgroup>
                <col style={{ width: '6em' }} />
                <col style={{ width: '9em' }} />
                <col style={{ width: '7.5em' }} />
                <col style={{ width: '6em' }} />
                <col />
                <col style={{ width: '9.5em' }} />
                <col style={{ width: '5.5em' }} />
                <col style={{ width: '6em' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('templates.col.id')}</th>
                  <th>{t('templates.col.name')}</th>
                  <th>{t('templates.col.status')}</th>
                  <th>{t('templates.col.kind')}</th>
                  <th>{t('templates.col.creditor')}</th>
                  <th className="num">{t('templates.col.amount')}</th>
                  <th>{t('templates.col.createdBy')}</th>
                  <th>{t('templates.col.approvedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-template={r.id} className={r.id === picked ? 'selected' : undefined} aria-selected={r.id === picked} onClick={() => setPicked(r.id)}>
                    <td className="mono">{r.id}</td>
                    <td title={r.name}>{r.name}</td>
                    <td><span className={`chip tpl-${r.status}`}>{t(`templates.status.${r.status}`)}</span></td>
                    <td>{t(`kinds.${r.kind}`)}</td>
                    <td title={`${bankName(r.to)} ${r.creditor.name} ${r.creditor.account}`}>{r.creditor.name} <span className="mono muted">{r.creditor.account}</span></td>
                    {r.amount === null ? <td className="muted tpl-keyed">{t('templates.keyedEachTime')}</td> : <td className="num">{groupedAmount(r.amount)}</td>}
                    <td>{r.createdBy}</td>
                    <td>{r.approvedBy ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="users-side">
          {current !== null && (
            <div className="users-panel" data-testid="template-detail">
              <h3>{current.id} {current.name}</h3>
              <dl className="bulk-facts">
                <dt>{t('templates.col.status')}</dt>
                <dd>{t(`templates.status.${current.status}`)}</dd>
                <dt>{t('entry.to')}</dt>
                <dd>{bankName(current.to)}</dd>
                <dt>{t('entry.debtor')}</dt>
                <dd>{current.debtor.name} <span className="mono">{current.debtor.account}</span></dd>
                <dt>{t('entry.creditor')}</dt>
                <dd>{current.creditor.name} <span className="mono">{current.creditor.account}</span></dd>
                <dt>{t('entry.purpose')}</dt>
                <dd>{current.purpose}</dd>
                <dt>{t('templates.col.amount')}</dt>
                {current.amount === null ? <dd>{t('templates.keyedEachTime')}</dd> : <dd className="mono">{groupedAmount(current.amount)}</dd>}
                <dt>{t('templates.col.createdBy')}</dt>
                <dd>{current.createdBy} <span className="muted mono">{centreDateTime(current.createdAt).slice(0, 16)}</span></dd>
                {current.approvedBy !== null && (
                  <>
                    <dt>{t('templates.col.approvedBy')}</dt>
                    <dd>{current.approvedBy} <span className="muted mono">{centreDateTime(current.approvedAt ?? '').slice(0, 16)}</span></dd>
                  </>
                )}
                {current.retireNote !== null && (
                  <>
                    <dt>{t('templates.retireNote')}</dt>
                    <dd>{current.retireNote}（{current.retiredBy}）</dd>
                  </>
                )}
              </dl>
              <div className="detail-actions">
                {current.status === 'draft' && (
                  <button type="button" className="primary" disabled={approveBlocked !== null} onClick={() => void act('approve')} data-testid="template-approve">{t('templates.approve')}</button>
                )}
                {current.status === 'approved' && mayCall(roles, 'payments.capture') && (
                  <button type="button" onClick={() => dispatch(uiSlice.actions.show('entry'))} data-testid="template-use">{t('templates.use')}</button>
                )}
                {approveBlocked !== null && current.status === 'draft' && <span className="action-reason" data-testid="template-approve-blocked">{t(`templates.blocked.${approveBlocked}`)}</span>}
              </div>
              {retireBlocked === null ? (
                <form className="reject-form" onSubmit={(e) => { e.preventDefault(); if (note.trim() !== '') void act('retire'); }}>
                  <label className="field wider">
                    <span className="field-label">{t('templates.retireNote')}</span>
                    <input name="retire-note" value={note} maxLength={140} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  <button type="submit" disabled={note.trim() === ''} data-testid="template-retire">{t('templates.retire')}</button>
                </form>
              ) : (
                current.status !== 'retired' && (
                  <div className="detail-actions">
                    <span className="action-reason">{t(`templates.blocked.retire.${retireBlocked}`)}</span>
                  </div>
                )
              )}
            </div>
          )}
          <form className="users-panel" onSubmit={(e) => void create(e)} data-testid="template-create">
            <h3>{t('templates.create')}</h3>
            {!mayCreate && <span className="action-reason">{t('templates.clerksWrite')}</span>}
            {mayCreate && (
            <fieldset className="template-form">
              {field('name', 'name', t('templates.col.name'), { span: true })}
              <label className="field">
                <span className="field-label">{t('entry.kind')}</span>
                <select name="tpl-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as 'hvps' | 'beps' })}>
                  {(['hvps', 'beps'] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('entry.priority')}</span>
                <select name="tpl-priority" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value })}>
                  {(['0', '1', '2'] as const).map((p) => <option key={p} value={p}>{p} {t(`priorities.${p}`)}</option>)}
                </select>
              </label>
              <label className={issues.to === undefined ? 'field span2' : 'field invalid span2'}>
                <span className="field-label">{t('entry.to')}</span>
                <select name="tpl-to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })}>
                  <option value="">{t('entry.toPlaceholder')}</option>
                  {participants.filter((p) => !p.self).map((p) => <option key={p.id} value={p.id}>{p.bankCode} {p.name}</option>)}
                </select>
                {issues.to !== undefined && <span className="field-error">{localized(i18n.language, issues.to)}</span>}
              </label>
              {field('debtorName', 'debtor.name', t('bulk.field.debtorName'))}
              {field('debtorAccount', 'debtor.account', t('bulk.field.debtorAccount'), { mono: true, max: 34 })}
              {field('creditorName', 'creditor.name', t('bulk.field.creditorName'))}
              {field('creditorAccount', 'creditor.account', t('bulk.field.creditorAccount'), { mono: true, max: 34 })}
              {field('purpose', 'purpose', t('entry.purpose'), { max: 140, span: true })}
              {field('amount', 'amount', t('templates.fixedAmount'), { mono: true, max: 24 })}
            </fieldset>
            )}
            {mayCreate && <button type="submit" className="primary" disabled={draft.name.trim() === ''} data-testid="template-create-submit">{t('templates.createSubmit')}</button>}
          </form>
        </div>
      </div>
    </section>
  );
}
