import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { BROADCAST_URGENCIES } from '../../../shared/contract/centre-api';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { centreDateTime } from '../../components/amount-text';
import { useCentreRole } from './use-centre-role';
import { messageText, type CentreMessage } from './centre-message';
import './centre.css';

type Broadcast = HandlerOutput<'centre.broadcasts.list'>['broadcasts'][number];
type Bank = HandlerOutput<'centre.directory'>['participants'][number];
type Urgency = (typeof BROADCAST_URGENCIES)[number];

/** 公告: a message to every bank or to one, with its urgency; the history below, newest first. */
export function CentreBroadcastsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const refreshKey = useAppSelector((s) => s.ui.paymentsVersion);
  const { may } = useCentreRole();
  const canSend = may('centre.broadcasts.send');
  const [banks, setBanks] = useState<Bank[]>([]);
  const [history, setHistory] = useState<Broadcast[]>([]);
  const [target, setTarget] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('info');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shown, setShown] = useState('');
  const [version, setVersion] = useState(0);
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
  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.broadcasts.list', shown === '' ? { limit: 100 } : { participantId: shown, limit: 100 }).then((r) => {
      if (live && r.ok) setHistory(r.value.broadcasts);
    });
    return () => {
      live = false;
    };
  }, [bridge, shown, version, refreshKey]);

  const ready = title.trim() !== '' && body.trim() !== '';
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSend || !ready || busy) return;
    setBusy(true);
    const r = await bridge.invoke('centre.broadcasts.send', { ...(target === '' ? {} : { participantId: target }), urgency, title: title.trim(), body: body.trim() });
    setBusy(false);
    if (r.ok) {
      setMessage({ kind: 'ok', key: target === '' ? 'centre.broadcasts.sentAll' : 'centre.broadcasts.sentOne', params: { bank: target } });
      setTitle('');
      setBody('');
    } else setMessage({ kind: 'err', error: r.error });
    setVersion((v) => v + 1);
  };
  const nameOf = (id: string | null) => (id === null ? t('centre.broadcasts.allBanks') : `${id} ${banks.find((b) => b.id === id)?.name ?? ''}`);

  return (
    <div className="screen centre-screen" data-testid="centre-broadcasts">
      <div className="centre-head">
        <h2>{t('nav.centreBroadcasts')}</h2>
        <span className="muted">{t('centre.broadcasts.intro')}</span>
      </div>
      <div className="centre-split">
        <form className="centre-panel centre-form" onSubmit={(e) => void send(e)} aria-label={t('centre.broadcasts.new')}>
          <h3>{t('centre.broadcasts.new')}</h3>
          {!canSend && <p className="notice">{t('centre.broadcasts.readOnly')}</p>}
          <label className="field">
            <span className="field-label">{t('centre.broadcasts.to')}</span>
            <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={!canSend} data-testid="cb-target">
              <option value="">{t('centre.broadcasts.allBanks')}</option>
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.id} {b.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="centre-urgency" disabled={!canSend}>
            <legend className="field-label">{t('centre.broadcasts.urgency')}</legend>
            {BROADCAST_URGENCIES.map((u) => (
              <label key={u} className={`check urgency-${u}`}>
                <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} data-testid={`cb-urgency-${u}`} /> {t(`centre.urgency.${u}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('centre.broadcasts.title')}</span>
            <input value={title} maxLength={140} onChange={(e) => setTitle(e.target.value)} disabled={!canSend} data-testid="cb-title" />
          </label>
          <label className="field">
            <span className="field-label">{t('centre.broadcasts.body')}</span>
            <textarea rows={6} value={body} maxLength={4000} onChange={(e) => setBody(e.target.value)} disabled={!canSend} data-testid="cb-body" />
          </label>
          <div className="centre-buttons">
            <button type="submit" className="primary" disabled={!canSend || !ready || busy} data-testid="cb-send">
              {t('centre.broadcasts.send')}
            </button>
          </div>
          {message !== null && (
            <p className={message.kind === 'ok' ? 'notice' : 'notice notice-error'} role="status" data-testid="cb-message">
              {messageText(message, t, i18n.language)}
            </p>
          )}
        </form>
        <section className="centre-panel centre-list" aria-label={t('centre.broadcasts.history')}>
          <div className="centre-list-head">
            <h3>{t('centre.broadcasts.history')}</h3>
            <select value={shown} onChange={(e) => setShown(e.target.value)} aria-label={t('centre.broadcasts.filter')}>
              <option value="">{t('centre.broadcasts.everyOne')}</option>
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {t('centre.broadcasts.seenBy', { bank: b.id })}
                </option>
              ))}
            </select>
          </div>
          <table className="centre-table">
            <thead>
              <tr>
                <th>{t('centre.broadcasts.at')}</th>
                <th>{t('centre.broadcasts.urgency')}</th>
                <th>{t('centre.broadcasts.to')}</th>
                <th>{t('centre.broadcasts.message')}</th>
                <th>{t('centre.broadcasts.sender')}</th>
              </tr>
            </thead>
            <tbody>
              {history.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('centre.broadcasts.none')}
                  </td>
                </tr>
              )}
              {history.map((b) => (
                <tr key={b.id} data-testid="cb-row">
                  <td className="mono">{centreDateTime(b.at).slice(5, 16)}</td>
                  <td>
                    <span className={`chip urgency-${b.urgency}`}>{t(`centre.urgency.${b.urgency}`)}</span>
                  </td>
                  <td>{nameOf(b.participantId)}</td>
                  <td className="centre-what">
                    <strong>{b.title}</strong>
                    <span className="centre-note">{b.body}</span>
                  </td>
                  <td>{b.sender}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
