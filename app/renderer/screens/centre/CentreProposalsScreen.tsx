import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import type { ProposalType } from '../../../shared/contract/centre-api';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { EMPTY_FIELDS, FORM_TYPES, buildPayload, decisionBlock, fieldsOf, payloadSummary, type ProposalFields } from './proposal-model';
import { useCentreRole } from './use-centre-role';
import { messageText, type CentreMessage } from './centre-message';
import './centre.css';

type Proposal = HandlerOutput<'centre.proposals.list'>['proposals'][number];
type Bank = HandlerOutput<'centre.directory'>['participants'][number];
/** Another supervisor's proposal shows up without pressing F5. */
const REFRESH_MS = 10_000;

/** 提议与复核: the centre's maker-checker. One proposes; another supervisor approves or rejects. */
export function CentreProposalsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const refreshKey = useAppSelector((s) => s.ui.paymentsVersion);
  const { username, role, may } = useCentreRole();
  const [type, setType] = useState<ProposalType>('netDebitCap.set');
  const [fields, setFields] = useState<ProposalFields>(EMPTY_FIELDS);
  const [note, setNote] = useState('');
  const [banks, setBanks] = useState<Bank[]>([]);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<CentreMessage | null>(null);
  const [secret, setSecret] = useState<{ id: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const canPropose = may('centre.proposals.create');
  const isSupervisor = may('centre.proposals.approve');
  const isAuditor = role === 'centre-auditor';

  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.directory', {}).then((r) => {
      if (live && r.ok) setBanks(r.value.participants);
    });
    return () => {
      live = false;
    };
  }, [bridge, version]);

  useEffect(() => {
    let live = true;
    const load = () =>
      void bridge.invoke('centre.proposals.list', filter === 'pending' ? { status: 'pending', limit: 200 } : { limit: 200 }).then((r) => {
        if (live && r.ok) setProposals(r.value.proposals);
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, filter, version, refreshKey]);

  const needs = fieldsOf(type);
  const built = buildPayload(type, fields);
  const set = (patch: Partial<ProposalFields>) => setFields((f) => ({ ...f, ...patch }));
  const money = (a: string) => (/^-?\d+(\.\d+)?$/.test(a) ? `¥${groupedAmount(a)}` : a);

  const propose = async (event: FormEvent) => {
    event.preventDefault();
    if (!built.ok || !canPropose || busy) return;
    setBusy(true);
    const r = await bridge.invoke('centre.proposals.create', { type, payload: built.payload, ...(note.trim() === '' ? {} : { note: note.trim() }) });
    setBusy(false);
    if (r.ok) {
      setMessage({ kind: 'ok', key: 'centre.proposals.proposed', params: { id: r.value.proposal.id } });
      setNote('');
      setFilter('pending');
    } else setMessage({ kind: 'err', error: r.error });
    setVersion((v) => v + 1);
  };

  const decide = async (proposal: Proposal, decision: 'approve' | 'reject') => {
    setBusy(true);
    setSecret(null);
    const r = decision === 'approve' ? await bridge.invoke('centre.proposals.approve', { id: proposal.id }) : await bridge.invoke('centre.proposals.reject', { id: proposal.id });
    setBusy(false);
    if (r.ok) {
      const done = r.value.proposal;
      setMessage({ kind: 'ok', key: done.status === 'approved' ? 'centre.proposals.approvedMsg' : 'centre.proposals.rejectedMsg', params: { id: done.id } });
      const shownOnce = (r.value as { secret?: { id: string; token: string } }).secret;
      if (shownOnce !== undefined) setSecret(shownOnce);
    } else setMessage({ kind: 'err', error: r.error });
    setVersion((v) => v + 1);
  };

  const bankSelect = (
    <label className="field">
      <span className="field-label">{t('centre.proposals.bank')}</span>
      <select value={fields.participantId} onChange={(e) => set({ participantId: e.target.value })} disabled={!canPropose} data-testid="cp-bank">
        <option value="">{t('centre.proposals.pickBank')}</option>
        {banks.map((b) => (
          <option key={b.id} value={b.id}>
            {b.id} {b.name} {b.active ? '' : `(${t('centre.proposals.suspended')})`}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (key: keyof ProposalFields, label: string, testId?: string, mono = true) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className={mono ? 'mono' : undefined} value={String(fields[key])} onChange={(e) => set({ [key]: e.target.value })} disabled={!canPropose} data-testid={testId} />
    </label>
  );

  return (
    <div className="screen centre-screen centre-proposals" data-testid="centre-proposals">
      <div className="centre-head">
        <h2>{t('nav.centreProposals')}</h2>
        <span className="muted">{t('centre.proposals.intro')}</span>
      </div>
      <div className="centre-split">
        <form className="centre-panel centre-form" onSubmit={(e) => void propose(e)} aria-label={t('centre.proposals.new')}>
          <h3>{t('centre.proposals.new')}</h3>
          {!canPropose && <p className="notice">{t('centre.proposals.readOnly')}</p>}
          <label className="field">
            <span className="field-label">{t('centre.proposals.type')}</span>
            <select value={type} onChange={(e) => setType(e.target.value as ProposalType)} disabled={!canPropose} data-testid="cp-type">
              {FORM_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`centre.types.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          {needs.has('participantId') && bankSelect}
          {needs.has('amount') && text('amount', t(`centre.proposals.amount.${type}`), 'cp-amount')}
          {needs.has('reason') && text('reason', t('centre.proposals.reason'), 'cp-reason', false)}
          {needs.has('nextBusinessDate') && text('nextBusinessDate', t('centre.proposals.nextBusinessDate'))}
          {needs.has('newId') && (
            <>
              {text('newId', t('centre.proposals.newId'))}
              {text('newName', t('centre.proposals.newName'), undefined, false)}
              {text('newBankCode', t('centre.proposals.newBankCode'))}
              {text('newBalance', t('centre.proposals.newBalance'))}
            </>
          )}
          {needs.has('day') && (
            <>
              {text('day', t('centre.proposals.day'))}
              <div className="centre-times">
                {text('opening', t('centre.event.opening'))}
                {text('customerCutoff', t('centre.event.customerCutoff'))}
                {text('interbankCutoff', t('centre.event.interbankCutoff'))}
                {text('endOfDay', t('centre.event.endOfDay'))}
              </div>
              {text('cycleTimes', t('centre.proposals.cycleTimes'))}
              <label className="check">
                <input type="checkbox" checked={fields.removeDay} onChange={(e) => set({ removeDay: e.target.checked })} disabled={!canPropose} /> {t('centre.proposals.removeDay')}
              </label>
            </>
          )}
          {needs.has('calendarJson') && (
            <label className="field">
              <span className="field-label">{t('centre.proposals.calendarJson')}</span>
              <textarea className="mono" rows={5} value={fields.calendarJson} onChange={(e) => set({ calendarJson: e.target.value })} disabled={!canPropose} />
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('centre.proposals.note')}</span>
            <input value={note} maxLength={280} onChange={(e) => setNote(e.target.value)} disabled={!canPropose} data-testid="cp-note" />
          </label>
          {canPropose && !built.ok && <p className="muted centre-problem">{t('centre.proposals.incomplete', { problem: built.problem })}</p>}
          <div className="centre-buttons">
            <button type="submit" className="primary" disabled={!canPropose || !built.ok || busy} data-testid="cp-submit">
              {t('centre.proposals.submit')}
            </button>
          </div>
          <p className="muted">{t('centre.proposals.fourEyes')}</p>
        </form>
        <section className="centre-panel centre-list" aria-label={t('centre.proposals.list')}>
          <div className="centre-list-head">
            <h3>{t('centre.proposals.list')}</h3>
            <select value={filter} onChange={(e) => setFilter(e.target.value as 'pending' | 'all')} aria-label={t('centre.proposals.filter')} data-testid="cp-filter">
              <option value="pending">{t('centre.proposals.pendingOnly')}</option>
              <option value="all">{t('centre.proposals.all')}</option>
            </select>
          </div>
          {message !== null && (
            <p className={message.kind === 'ok' ? 'notice' : 'notice notice-error'} role="status" data-testid="cp-message">
              {messageText(message, t, i18n.language)}
            </p>
          )}
          {secret !== null && (
            <p className="notice centre-secret-once" data-testid="cp-secret">
              {t('centre.proposals.secret', { id: secret.id })} <span className="mono">{secret.token}</span>
            </p>
          )}
          <table className="centre-table centre-proposal-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('centre.proposals.type')}</th>
                <th>{t('centre.proposals.what')}</th>
                <th>{t('centre.proposals.proposer')}</th>
                <th>{t('centre.proposals.status')}</th>
                <th>{t('centre.proposals.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t(filter === 'pending' ? 'centre.proposals.nonePending' : 'centre.proposals.none')}
                  </td>
                </tr>
              )}
              {proposals.map((p) => {
                const block = decisionBlock(p, username, isSupervisor, isAuditor);
                const outcome = p.status === 'failed' && p.outcome !== null ? JSON.stringify(p.outcome).slice(0, 120) : null;
                return (
                  <tr key={p.id} data-testid="cp-row" data-status={p.status}>
                    <td className="mono">{p.id}</td>
                    <td>{t(`centre.types.${p.type}`)}</td>
                    <td className="centre-what">
                      <span className="mono">{payloadSummary(p.type, p.payload, money)}</span>
                      {p.note !== null && <span className="muted centre-note">{p.note}</span>}
                      {outcome !== null && <span className="centre-failed">{outcome}</span>}
                    </td>
                    <td>
                      {p.proposer}
                      <span className="muted centre-note mono">{centreDateTime(p.proposedAt).slice(5, 16)}</span>
                    </td>
                    <td>
                      <span className={`chip centre-status-${p.status}`}>{t(`centre.pstatus.${p.status}`)}</span>
                      {p.decidedBy !== null && <span className="muted centre-note">{p.decidedBy}</span>}
                    </td>
                    <td className="centre-actions">
                      {p.status === 'pending' && (
                        <>
                          <button type="button" className="primary" disabled={block !== null || busy} onClick={() => void decide(p, 'approve')} data-testid="cp-approve">
                            {t('centre.proposals.approve')}
                          </button>
                          <button type="button" disabled={block !== null || busy} onClick={() => void decide(p, 'reject')} data-testid="cp-reject">
                            {t('centre.proposals.reject')}
                          </button>
                          {block !== null && (
                            <span className="muted centre-note" data-testid="cp-approve-reason">
                              {t(block)}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
