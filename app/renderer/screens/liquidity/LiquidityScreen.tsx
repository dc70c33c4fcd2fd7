import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Liquidity } from '../../../shared/contract/handlers/sync';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { groupedAmount, centreDateTime } from '../../components/amount-text';
import { capUsePerMille, signOf, signedGrouped } from './liquidity-format';
import './liquidity.css';

/** The position changes with every settlement; a few seconds is fresh enough to read from. */
const REFRESH_MS = 5_000;

function Figure(props: { label: string; value: string; note?: string; testId: string; tone?: 'warn' | 'err'; children?: ReactNode }) {
  return (
    <div className={`lq-figure${props.tone ? ` lq-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="lq-label">{props.label}</div>
      <div className="lq-value">{props.value}</div>
      {props.children}
      {props.note !== undefined && <div className="lq-note">{props.note}</div>}
    </div>
  );
}

/** Balance, available, net debit against its cap, own queues, the open cycle and the closed ones checked. */
export function LiquidityScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const connection = useAppSelector((s) => s.status.app?.connection);
  const participants = useAppSelector((s) => s.session.participants);
  const [data, setData] = useState<Liquidity | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void bridge.invoke('sync.liquidity', {}).then((result) => {
        if (!live) return;
        if (result.ok) {
          setData(result.value);
          setError(null);
        } else setError(localized(i18n.language, result.error));
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, i18n.language, paymentsVersion, connection]);

  const bank = (id: string) => participants.find((p) => p.id === id)?.name ?? id;
  const yuan = (text: string) => `¥${groupedAmount(text)}`;
  const perMille = data === null ? null : capUsePerMille(data.netDebit, data.netDebitCap);
  const differs = data?.closedCycles.filter((c) => c.check === 'differs').length ?? 0;

  return (
    <section className="screen liquidity-screen" aria-labelledby="liquidity-heading">
      <div className="screen-head">
        <h2 id="liquidity-heading">{t('liquidity.heading')}</h2>
        {data !== null && (
          <span className="muted" data-testid="liquidity-source">
            {data.participant.name} · {t('status.businessDate')} <span className="mono">{data.businessDate}</span> ·{' '}
            {t(`liquidity.source.${data.source === 'house' ? data.connection : 'local'}`)}
          </span>
        )}
        <span className="keys-hint">{t('liquidity.keys')}</span>
      </div>
      {error !== null && <p className="notice err">{error}</p>}
      {data === null ? (
        <p className="muted">{t('blotter.loading')}</p>
      ) : (
        <>
          <div className="lq-figures">
            <Figure testId="lq-balance" label={t('liquidity.balance')} value={yuan(data.balance)} />
            <Figure
              testId="lq-available"
              label={t('liquidity.available')}
              value={yuan(data.available)}
              note={t('liquidity.availableNote')}
              tone={signOf(data.available) === 'neg' ? 'err' : undefined}
            />
            <Figure
              testId="lq-net-debit"
              label={t('liquidity.netDebit')}
              value={yuan(data.netDebit)}
              note={perMille === null ? t('liquidity.noCap') : t('liquidity.capUse', { pct: (perMille / 10).toFixed(1) })}
              tone={perMille !== null && perMille >= 900 ? 'warn' : undefined}
            >
              {perMille !== null && (
                <div className="lq-capbar" role="meter" aria-label={t('liquidity.netDebitCap')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={perMille / 10}>
                  <div className={`lq-capbar-used${perMille >= 900 ? ' lq-capbar-high' : ''}`} style={{ width: `${perMille / 10}%` }} />
                </div>
              )}
            </Figure>
            <Figure testId="lq-cap" label={t('liquidity.netDebitCap')} value={yuan(data.netDebitCap)} />
            <Figure
              testId="lq-queue"
              label={t('liquidity.queue')}
              value={yuan(data.queue.amount)}
              note={t('liquidity.payments', { count: data.queue.count })}
              tone={data.queue.count > 0 ? 'warn' : undefined}
            />
            <Figure
              testId="lq-outbox"
              label={t('liquidity.outbox')}
              value={yuan(data.outbox.amount)}
              note={t('liquidity.payments', { count: data.outbox.count })}
              tone={data.outbox.count > 0 ? 'warn' : undefined}
            />
          </div>
          <div className="lq-panel" data-testid="lq-current-cycle">
            <h3>{t('liquidity.currentCycle')}</h3>
            {data.currentCycle.cycleId === null ? (
              <span className="muted">{t('liquidity.noOpenCycle')}</span>
            ) : (
              <span>
                {t('liquidity.cycleNo', { id: data.currentCycle.cycleId })} · {t('liquidity.nettedOut')}{' '}
                <span className="mono">{yuan(data.currentCycle.outgoing.amount)}</span> ({t('liquidity.payments', { count: data.currentCycle.outgoing.count })}) ·{' '}
                {t('liquidity.nettedIn')} <span className="mono">{yuan(data.currentCycle.incoming.amount)}</span> (
                {t('liquidity.payments', { count: data.currentCycle.incoming.count })})
              </span>
            )}
          </div>
          <div className="lq-panel lq-cycles">
            <h3>
              {t('liquidity.closedCycles')}
              {differs > 0 && <span className="lq-differs-count"> · {t('liquidity.differsCount', { count: differs })}</span>}
            </h3>
            <div className="lq-table-host">
              <table className="dense-table" data-testid="lq-cycles">
                <colgroup>
                  <col style={{ width: 100 }} />
                  <col style={{ width: 64 }} />
                  <col style={{ width: 150 }} />
                  <col />
                  <col style={{ width: 120 }} />
                  <col style={{ width: 160 }} />
                </colgroup>
                <thead>
                  <tr>
                    <th>{t('columns.businessDate')}</th>
                    <th>{t('liquidity.cycle')}</th>
                    <th className="num">{t('liquidity.houseNet')}</th>
                    <th>{t('liquidity.bilateral')}</th>
                    <th>{t('liquidity.replay')}</th>
                    <th>{t('liquidity.receivedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.closedCycles.length === 0 && (
                    <tr>
                      <td colSpan={6} className="muted">{t('liquidity.noClosedCycles')}</td>
                    </tr>
                  )}
                  {data.closedCycles.map((c) => (
                    <tr key={`${c.businessDate}-${c.cycleId}`} className={c.check === 'differs' ? 'lq-row-differs' : undefined}>
                      <td className="mono">{c.businessDate}</td>
                      <td className="mono">{c.cycleId}</td>
                      <td className={`num lq-${signOf(c.net)}`}>{signedGrouped(c.net)}</td>
                      <td className="lq-bilateral" title={c.bilateral.map((b) => `${bank(b.participant)} ${signedGrouped(b.amount)}`).join('\n')}>
                        {c.bilateral.length === 0
                          ? '—'
                          : c.bilateral.map((b) => (
                              // One bank and its net never split across lines.
                              <span key={b.participant} className="lq-bi">
                                {bank(b.participant)} <span className={`mono lq-${signOf(b.amount)}`}>{signedGrouped(b.amount)}</span>
                              </span>
                            ))}
                      </td>
                      <td data-testid={`lq-check-${c.cycleId}`}>
                        <span className={`lq-check lq-check-${c.check ?? 'none'}`}>{t(`liquidity.check.${c.check ?? 'none'}`)}</span>
                      </td>
                      <td className="mono">{centreDateTime(c.receivedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
