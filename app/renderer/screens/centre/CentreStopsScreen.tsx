import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import type { CentrePayment } from '../../../shared/contract/centre-payment-api';
import { CENTRE_PARTY, type ThreadEntry } from '../../../shared/contract/message-protocol';
import { reasonWords } from '../../../shared/domain/reason-codes';
import { useBridge } from '../../state/bridge-context';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { useCentreRole } from './use-centre-role';
import { messageText, type CentreMessage } from './centre-message';
import { stopActions, type StopBlock } from './stop-model';
import './centre.css';

type Bank = HandlerOutput<'centre.directory'>['participants'][number];
const MAX_REASON_CHARS = 140;

/**
 * 止付: the centre types a payment id, sees the payment as the house has it, and stops it pending
 * investigation or releases it, with a reason (docs/messages.md, "Stop payment"). Operators and
 * supervisors act; the auditor looks. Each button that cannot be pressed says why.
 */
export function CentreStopsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const { may } = useCentreRole();
  const [banks, setBanks] = useState<Bank[]>([]);
  const [typed, setTyped] = useState('');
  const [payment, setPayment] = useState<CentrePayment | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<CentreMessage | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.directory', {}).then((r) => {
      if (live && r.ok) setBanks(r.value.participants);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const id = typed.trim();
    if (id === '' || busy) return;
    setBusy(true);
    const r = await bridge.invoke('centre.payments.lookup', { id });
    setBusy(false);
    setPayment(r.ok ? r.value.payment : null);
    setMessage(r.ok ? null : { kind: 'err', error: r.error });
  };

  const act = async (action: 'stop' | 'release') => {
    if (payment === null || reason.trim() === '' || busy) return;
    setBusy(true);
    const r = await bridge.invoke(action === 'stop' ? 'centre.payments.stop' : 'centre.payments.release', { id: payment.id, reason: reason.trim() });
    setBusy(false);
    if (r.ok) {
      setPayment(r.value.payment);
      setReason('');
      setMessage({ kind: 'ok', key: action === 'stop' ? 'centre.stops.stopped' : 'centre.stops.released', params: { id: payment.id } });
    } else setMessage({ kind: 'err', error: r.error });
  };

  const bankName = (id: string) => `${id} ${banks.find((b) => b.id === id)?.name ?? ''}`.trim();
  const who = (by: string, operator: string | undefined) => (by === CENTRE_PARTY ? t('centre.stops.byCentre', { operator: operator ?? t('centre.stops.adminToken') }) : t('centre.stops.byBank', { bank: bankName(by) }));
  const actions = payment === null ? null : stopActions(payment, may('centre.payments.stop'));
  const noReason = reason.trim() === '';
  const blockText = (block: StopBlock) => (block === null ? '' : t(`centre.stops.block.${block}`, { status: payment === null ? '' : statusText(payment.status) }));
  const statusText = (status: string) => t(`statuses.${status}`);
  const reasonText = (code: string) => {
    const words = reasonWords(code);
    return words === undefined ? code : `${i18n.language.startsWith('zh') ? words.zh : words.en}【${code}】`;
  };

  return (
    <div className="screen centre-screen" data-testid="centre-stops">
      <div className="centre-head">
        <h2>{t('nav.centreStops')}</h2>
        <span className="muted">{t('centre.stops.intro')}</span>
      </div>
      <div className="centre-panel centre-stops">
        <form className="centre-inline-form" onSubmit={(e) => void lookUp(e)} aria-label={t('centre.stops.lookUp')}>
          <label className="field wide">
            <span className="field-label">{t('centre.stops.paymentId')}</span>
            <input className="mono" value={typed} maxLength={64} autoFocus onChange={(e) => setTyped(e.target.value)} data-testid="cs-id" />
          </label>
          <button type="submit" className="primary cs-lookup" disabled={busy || typed.trim() === ''} data-testid="cs-lookup">
            {t('centre.stops.lookUp')}
          </button>
        </form>
        {payment !== null && actions !== null && (
          <div className="centre-stops-body" data-testid="cs-payment">
            <dl className="centre-facts">
              <dt>{t('centre.stops.paymentId')}</dt>
              <dd className="mono">{payment.id}</dd>
              <dt>{t('centre.stops.kind')}</dt>
              <dd>{t(`kinds.${payment.kind}`)}</dd>
              <dt>{t('centre.stops.from')}</dt>
              <dd>{bankName(payment.from)}</dd>
              <dt>{t('centre.stops.to')}</dt>
              <dd>{bankName(payment.to)}</dd>
              <dt>{t('centre.stops.amount')}</dt>
              <dd className="mono">
                {payment.currency} {groupedAmount(payment.amount)}
              </dd>
              <dt>{t('centre.stops.status')}</dt>
              <dd data-testid="cs-status">
                <span className={`chip centre-status-${payment.status}`}>{statusText(payment.status)}</span>
                {payment.reason !== undefined && <span className="muted"> {reasonText(payment.reason)}</span>}
              </dd>
              <dt>{t('centre.stops.businessDate')}</dt>
              <dd className="mono">{payment.businessDate}</dd>
              <dt>{t('centre.stops.stopState')}</dt>
              <dd data-testid="cs-stop-state">
                {payment.stop === null ? (
                  <span className="muted">{t('centre.stops.notStopped')}</span>
                ) : (
                  <span className="chip centre-stopped">
                    {t('centre.stops.stoppedBy', { who: who(payment.stop.by, payment.stop.operator), at: centreDateTime(payment.stop.at) })}
                  </span>
                )}
              </dd>
            </dl>
            <div className="centre-form">
              <label className="field">
                <span className="field-label">{t('centre.stops.reason')}</span>
                <textarea
                  rows={2}
                  value={reason}
                  maxLength={MAX_REASON_CHARS}
                  disabled={!may('centre.payments.stop')}
                  placeholder={t('centre.stops.reasonHint')}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="cs-reason"
                />
              </label>
              <div className="centre-inline-form">
                <button type="button" className="primary" disabled={busy || actions.stop !== null || noReason} onClick={() => void act('stop')} data-testid="cs-stop">
                  {t('centre.stops.stop')}
                </button>
                <button type="button" disabled={busy || actions.release !== null || noReason} onClick={() => void act('release')} data-testid="cs-release">
                  {t('centre.stops.release')}
                </button>
                {actions.stop !== null && (
                  <span className="muted centre-note" data-testid="cs-stop-block">
                    {blockText(actions.stop)}
                  </span>
                )}
                {(actions.stop === null || actions.release === null) && noReason && <span className="muted centre-note">{t('centre.stops.reasonFirst')}</span>}
              </div>
            </div>
            <StopHistory entries={payment.stops} who={who} />
          </div>
        )}
        {message !== null && (
          <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="cs-message">
            {messageText(message, t, i18n.language)}
          </p>
        )}
      </div>
    </div>
  );
}

function StopHistory({ entries, who }: { entries: ThreadEntry[]; who: (by: string, operator: string | undefined) => string }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('centre.stops.history')}>
      <h3>{t('centre.stops.history')}</h3>
      <table className="centre-table">
        <thead>
          <tr>
            <th>{t('centre.stops.at')}</th>
            <th>{t('centre.stops.action')}</th>
            <th>{t('centre.stops.who')}</th>
            <th>{t('centre.stops.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('centre.stops.noHistory')}
              </td>
            </tr>
          )}
          {entries.map((e, i) => (
            <tr key={`${e.at}-${i}`} data-testid="cs-history-row">
              <td className="mono">{centreDateTime(e.at)}</td>
              <td>{t(e.action === 'stop' ? 'centre.stops.stop' : 'centre.stops.release')}</td>
              <td>{who(e.by, e.operator)}</td>
              <td className="centre-note">{e.text ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
