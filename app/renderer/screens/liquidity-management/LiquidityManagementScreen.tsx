import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiquidityProposalRow, LiquidityState } from '../../../shared/contract/handlers/liquidity';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { groupedAmount, centreDateTime } from '../../components/amount-text';
import { approveBlockedReason, describeProposal } from './liquidity-management-model';
import { LiquidityCharts } from './LiquidityCharts';
import './liquidity-management.css';
import { useRefreshKey } from '../../state/use-refresh-key';

const REFRESH_MS = 5_000;

function Section(props: { title: string; testId: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={props.wide === true ? 'lm-section lm-wide' : 'lm-section'} data-testid={props.testId} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}

/** An item of the check (available, position:ICBC, payment:p1, ...) in the reader's words. */
function checkItemWords(t: (key: string, options?: Record<string, string>) => string, item: string): string {
  const [head, id] = item.split(':', 2) as [string, string | undefined];
  const known = ['available', 'netDebit', 'creditLine', 'limits', 'warning', 'controls', 'position', 'payment'];
  return known.includes(head) ? t(`lm.checkWhat.${head}`, { id: id ?? '' }) : item;
}

/**
 * The shadow verification (docs/liquidity-console.md): whether the house's figures on this
 * screen follow, through the shared clearing engine, from this console's own day.
 */
function ShadowCheck({ check }: { check: NonNullable<LiquidityState['check']> | null }) {
  const { t } = useTranslation();
  if (check === null) return <p className="muted lm-check" data-testid="lm-check">{t('lm.checkNone')}</p>;
  const at = centreDateTime(check.checkedAt);
  if (check.agrees) return <p className="muted lm-check" data-testid="lm-check">{t('lm.checkAgrees', { count: check.commands, at })}</p>;
  return (
    <div className="notice err lm-check" role="alert" data-testid="lm-check">
      {t('lm.checkDiffers', { at })}
      <ul>
        {check.differences.map((d) => (
          <li key={d.item} className="mono">
            {t('lm.checkItem', { item: checkItemWords(t, d.item), house: d.house, replay: d.replay })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 流动性管理 (supervisors; auditors read): the bank's reservation, sender limits per
 * counterparty and warning threshold at the house, each change proposed here and approved by a
 * second supervisor before it is sent. Keyboard-first: every field is a labelled input, Enter
 * proposes, Tab reaches the pending list's buttons.
 */
export function LiquidityManagementScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const me = useAppSelector((s) => s.session.operator?.username ?? '');
  const isSupervisor = useAppSelector((s) => s.session.operator?.roles.includes('supervisor') ?? false);
  const [state, setState] = useState<LiquidityState | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'err'; text: string } | null>(null);
  const [urgent, setUrgent] = useState('');
  const [high, setHigh] = useState('');
  const [threshold, setThreshold] = useState('');
  const [multilateral, setMultilateral] = useState('');
  const [bilateral, setBilateral] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');

  const load = useCallback(() => {
    void bridge.invoke('liquidity.state', {}).then((r) => {
      if (r.ok) setState(r.value);
      else setMessage({ tone: 'err', text: localized(i18n.language, r.error) });
    });
  }, [bridge, i18n.language]);

  // Another supervisor's proposal or decision (data.changed) and F5 show at once, besides the poll.
  const refreshKey = useRefreshKey('liquidity');
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, refreshKey]);

  // The form starts from the controls in force.
  useEffect(() => {
    const c = state?.controls;
    if (c === null || c === undefined) return;
    setUrgent((v) => (v === '' ? c.reservations.urgent : v));
    setHigh((v) => (v === '' ? c.reservations.high : v));
    setThreshold((v) => (v === '' ? (c.warningThreshold ?? '') : v));
    setMultilateral((v) => (v === '' ? (c.limits.multilateral ?? '') : v));
    setBilateral((v) => (Object.keys(v).length === 0 ? { ...c.limits.bilateral } : v));
  }, [state?.controls]);

  const propose = (kind: LiquidityProposalRow['kind'], payload: unknown) => (event: FormEvent) => {
    event.preventDefault();
    void bridge.invoke('liquidity.propose', { kind, payload, note: note.trim() === '' ? t('lm.defaultNote') : note }).then((r) => {
      if (r.ok) {
        setMessage({ tone: 'ok', text: t('lm.proposed') });
        load();
      } else setMessage({ tone: 'err', text: localized(i18n.language, r.error) });
    });
  };
  const decide = (id: string, approve: boolean) => {
    const input = approve ? { id } : { id, note: window.prompt(t('lm.rejectNote')) ?? '' };
    if (!approve && input.note === '') return;
    void bridge.invoke(approve ? 'liquidity.approve' : 'liquidity.reject', input as { id: string; note: string }).then((r) => {
      if (r.ok) {
        setMessage({ tone: 'ok', text: t(approve ? 'lm.approved' : 'lm.rejected') });
        load();
      } else setMessage({ tone: 'err', text: localized(i18n.language, r.error) });
    });
  };

  const yuan = (text: string | undefined) => (text === undefined ? '—' : `¥${groupedAmount(text)}`);
  const account = state?.account ?? null;
  const open = state?.proposals.filter((p) => p.status === 'proposed') ?? [];
  const decided = state?.proposals.filter((p) => p.status !== 'proposed').slice(0, 10) ?? [];
  const names = new Map((state?.counterparties ?? []).map((c) => [c.id, c]));

  return (
    <section className="screen lm-screen" aria-labelledby="lm-heading">
      <div className="screen-head">
        <h2 id="lm-heading">{t('lm.heading')}</h2>
        <span className="keys-hint">{t('lm.keys')}</span>
      </div>
      {message !== null && (
        <p className={`notice ${message.tone}`} role="status" data-testid="lm-message">
          {message.text}
        </p>
      )}
      {state?.warningBelow === true && (
        <p className="notice warn" data-testid="lm-warning">
          {t('lm.warningStands')}
        </p>
      )}
      <div className="lm-figures">
        <div data-testid="lm-credit-line">
          <span className="lm-label">{t('lm.creditLine')}</span> <span className="mono">{yuan(state?.controls?.creditLine ?? account?.creditLine)}</span>
          <span className="muted"> {t('lm.readOnly')}</span>
        </div>
        <div data-testid="lm-balance">
          <span className="lm-label">{t('lm.balance')}</span> <span className="mono">{yuan(account?.balance)}</span>
        </div>
        <div data-testid="lm-available">
          <span className="lm-label">{t('lm.available')}</span> <span className="mono">{yuan(account?.available)}</span>
        </div>
        {account?.clock !== undefined && (
          <div>
            <span className="lm-label">{t('lm.clock')}</span> <span className="mono">{account.clock}</span>
          </div>
        )}
      </div>
      <ShadowCheck check={state?.check ?? null} />
      {/* Pending changes first: the approver comes here for them. */}
      <Section title={t('lm.pending')} testId="lm-pending">
        {open.length === 0 ? (
          <p className="muted">{t('lm.nonePending')}</p>
        ) : (
          <table className="lm-table">
            <thead>
              <tr>
                <th>{t('lm.kind')}</th>
                <th>{t('lm.change')}</th>
                <th>{t('lm.noteCol')}</th>
                <th>{t('lm.proposedBy')}</th>
                <th>{t('lm.at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {open.map((p) => {
                const blocked = approveBlockedReason(p, me, isSupervisor);
                return (
                  <tr key={p.id} data-testid="lm-pending-row">
                    <td>{t(`lm.kinds.${p.kind.slice('liquidity.'.length)}`)}</td>
                    <td className="mono">{describeProposal(p, (id) => names.get(id)?.name ?? id, t)}</td>
                    <td>{p.note}</td>
                    <td>{p.proposedBy}</td>
                    <td className="mono">{centreDateTime(p.proposedAt)}</td>
                    <td>
                      <button type="button" disabled={blocked !== null} title={blocked === null ? undefined : t(blocked)} onClick={() => decide(p.id, true)} data-testid="lm-approve">
                        {t('lm.approve')}
                      </button>{' '}
                      <button type="button" disabled={blocked !== null} onClick={() => decide(p.id, false)} data-testid="lm-reject">
                        {t('lm.reject')}
                      </button>
                      {blocked !== null && (
                        <span className="muted" data-testid="lm-approve-reason">
                          {' '}
                          {t(blocked)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {decided.length > 0 && (
          <table className="lm-table lm-decided" data-testid="lm-decided">
            <tbody>
              {decided.map((p) => (
                <tr key={p.id}>
                  <td>{t(`lm.kinds.${p.kind.slice('liquidity.'.length)}`)}</td>
                  <td className="mono">{describeProposal(p, (id) => names.get(id)?.name ?? id, t)}</td>
                  <td>{t(`lm.status.${p.status}`)}</td>
                  <td>
                    {p.proposedBy} → {p.decidedBy}
                  </td>
                  <td>{p.houseResult === null ? (p.status === 'approved' ? t('lm.sent') : '') : p.houseResult === 'accepted' ? t('lm.houseAccepted') : `${t('lm.houseRefused')} ${p.houseCode ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <LiquidityCharts />
      {/* An auditor reads the controls; the proposal forms say why they are not theirs to send. */}
      {!isSupervisor && <p className="notice" data-testid="lm-propose-blocked">{t('lm.blocked.propose')}</p>}
      <label className="lm-note">
        {t('lm.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="lm-note" />
      </label>
      <div className="lm-grid">
        <Section title={t('lm.reservation')} testId="lm-reservation">
          <form onSubmit={propose('liquidity.reserve', { urgent: urgent || undefined, high: high || undefined })}>
            <label>
              {t('lm.reserveUrgent')}
              <input className="mono" inputMode="decimal" value={urgent} onChange={(e) => setUrgent(e.target.value)} data-testid="lm-urgent" />
            </label>
            <label>
              {t('lm.reserveHigh')}
              <input className="mono" inputMode="decimal" value={high} onChange={(e) => setHigh(e.target.value)} data-testid="lm-high" />
            </label>
            <button type="submit" disabled={!isSupervisor} title={isSupervisor ? undefined : t('lm.blocked.propose')} data-testid="lm-propose-reserve">
              {t('lm.propose')}
            </button>
          </form>
        </Section>
        <Section title={t('lm.warning')} testId="lm-threshold">
          <form onSubmit={propose('liquidity.warning', threshold === '' ? {} : { threshold })}>
            <label>
              {t('lm.threshold')}
              <input className="mono" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="lm-threshold-input" />
            </label>
            <span className="muted">{t('lm.thresholdHint')}</span>
            <button type="submit" disabled={!isSupervisor} title={isSupervisor ? undefined : t('lm.blocked.propose')} data-testid="lm-propose-warning">
              {t('lm.propose')}
            </button>
          </form>
        </Section>
        <Section title={t('lm.limits')} testId="lm-limits" wide>
          <form
            onSubmit={propose('liquidity.limits', {
              bilateral: Object.fromEntries(Object.entries(bilateral).filter(([, v]) => v.trim() !== '')),
              ...(multilateral.trim() === '' ? {} : { multilateral }),
            })}
          >
            <table className="lm-table">
              <thead>
                <tr>
                  <th>{t('lm.counterparty')}</th>
                  <th>{t('lm.bankCode')}</th>
                  <th>{t('lm.position')}</th>
                  <th>{t('lm.bilateralLimit')}</th>
                </tr>
              </thead>
              <tbody>
                {(state?.counterparties ?? []).map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td className="mono">{c.bankCode}</td>
                    <td className="mono">{yuan(account?.positions?.[c.id])}</td>
                    <td>
                      <input
                        className="mono"
                        inputMode="decimal"
                        aria-label={`${t('lm.bilateralLimit')} ${c.name}`}
                        value={bilateral[c.id] ?? ''}
                        onChange={(e) => setBilateral({ ...bilateral, [c.id]: e.target.value })}
                        data-testid={`lm-bilateral-${c.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label>
              {t('lm.multilateralLimit')}
              <input className="mono" inputMode="decimal" value={multilateral} onChange={(e) => setMultilateral(e.target.value)} data-testid="lm-multilateral" />
            </label>
            <button type="submit" disabled={!isSupervisor} title={isSupervisor ? undefined : t('lm.blocked.propose')} data-testid="lm-propose-limits">
              {t('lm.propose')}
            </button>
          </form>
        </Section>
      </div>
    </section>
  );
}
