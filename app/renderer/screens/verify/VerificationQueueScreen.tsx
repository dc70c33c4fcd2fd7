import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput, PaymentRow } from '../../../shared/contract';
import { mayCall } from '../../../shared/contract/handler-access';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { groupedAmount, localDateTime } from '../../components/amount-text';
import { PaymentDetails } from './PaymentDetails';

type Message = { kind: 'ok' | 'err'; text: string };

export function VerificationQueueScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const [rows, setRows] = useState<PaymentRow[]>([]);
  const [selected, setSelected] = useState(0);
  const [details, setDetails] = useState<HandlerOutput<'payments.get'> | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement | null>(null);
  const noteRef = useRef<HTMLInputElement | null>(null);
  const isSupervisor = mayCall(operator?.roles, 'payments.verify');
  const current = rows[selected];

  const load = useCallback(async () => {
    const result = await bridge.invoke('payments.verificationQueue', {});
    if (result.ok) {
      setRows(result.value.rows);
      setSelected((s) => Math.min(s, Math.max(0, result.value.rows.length - 1)));
    } else setMessage({ kind: 'err', text: localized(i18n.language, result.error) });
  }, [bridge, i18n.language]);

  useEffect(() => {
    void load();
  }, [load, paymentsVersion]);

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  useEffect(() => {
    setDetails(null);
    if (current === undefined) return;
    let live = true;
    void bridge.invoke('payments.get', { id: current.id }).then((r) => {
      if (live && r.ok) setDetails(r.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, current]);

  const act = useCallback(
    async (action: 'verify' | 'reject') => {
      if (current === undefined || busy) return;
      setBusy(true);
      const result =
        action === 'verify'
          ? await bridge.invoke('payments.verify', { id: current.id })
          : await bridge.invoke('payments.rejectDraft', { id: current.id, note: note.trim() });
      setBusy(false);
      if (result.ok) {
        setMessage({ kind: 'ok', text: t(action === 'verify' ? 'verify.verified' : 'verify.rejected', { id: current.id }) });
        setRejecting(false);
        setNote('');
        dispatch(uiSlice.actions.paymentsChanged());
        listRef.current?.focus();
      } else {
        setMessage({ kind: 'err', text: localized(i18n.language, result.error) });
      }
    },
    [bridge, busy, current, dispatch, i18n.language, note, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (rejecting) return;
      if (event.key === 'F8') {
        event.preventDefault();
        void act('verify');
      } else if (event.key === 'F7' && current !== undefined) {
        event.preventDefault();
        setRejecting(true);
        setTimeout(() => noteRef.current?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, current, rejecting]);

  const onListKey = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((s) => Math.min(s + 1, rows.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    }
  };

  return (
    <section className="screen verify-screen" aria-labelledby="verify-heading">
      <div className="screen-head">
        <h2 id="verify-heading">{t('verify.heading')}</h2>
        <span className="muted" data-testid="verify-count">{t('verify.count', { count: rows.length })}</span>
        <span className="keys-hint">{t('verify.keys')}</span>
      </div>
      {!isSupervisor && <p className="notice">{t('verify.noRole')}</p>}
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="verify-message">
          {message.text}
        </p>
      )}
      <div className="split">
        <div className="queue-list" tabIndex={0} ref={listRef} onKeyDown={onListKey} data-testid="verify-list" aria-label={t('verify.heading')}>
          {rows.length === 0 ? (
            <p className="empty">{t('verify.empty')}</p>
          ) : (
            <table className="dense-table">
              {/* Fixed widths: the maker and the amount must never be pushed out of view. */}
              <colgroup>
                <col style={{ width: '14.5em' }} />
                <col style={{ width: '8.5em' }} />
                <col style={{ width: '5.5em' }} />
                <col style={{ width: '8.5em' }} />
                <col style={{ width: '4.5em' }} />
                <col />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('columns.id')}</th>
                  <th>{t('columns.createdAt')}</th>
                  <th>{t('columns.kind')}</th>
                  <th className="num">{t('columns.amount')}</th>
                  <th>{t('columns.maker')}</th>
                  <th>{t('columns.counterparty')}</th>
                  <th>{t('columns.creditorName')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr
                    key={row.id}
                    className={index === selected ? 'selected' : undefined}
                    aria-selected={index === selected}
                    onClick={() => setSelected(index)}
                    data-id={row.id}
                  >
                    <td className="mono" title={row.id}>{row.id}</td>
                    <td className="mono">{localDateTime(row.createdAt).slice(5, 16)}</td>
                    <td>{t(`kinds.${row.kind}`)}</td>
                    <td className="num">{groupedAmount(row.amount)}</td>
                    <td>{row.maker}</td>
                    <td title={row.toName}>{row.toName}</td>
                    <td title={row.creditorName}>{row.creditorName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <aside className="detail-pane" aria-label={t('verify.details')}>
          <h3>{t('verify.details')}</h3>
          {current !== undefined && <PaymentDetails row={current} details={details} />}
          {current !== undefined && (
            <div className="detail-actions">
              {rejecting ? (
                <form
                  className="reject-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act('reject');
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      setRejecting(false);
                      listRef.current?.focus();
                    }
                  }}
                >
                  <label className="field wider">
                    <span className="field-label">{t('verify.rejectNote')}</span>
                    <input ref={noteRef} value={note} onChange={(e) => setNote(e.target.value)} maxLength={140} />
                  </label>
                  <button type="submit" disabled={note.trim() === '' || busy}>{t('verify.rejectConfirm')}</button>
                  <button type="button" onClick={() => setRejecting(false)}>{t('verify.cancel')}</button>
                </form>
              ) : (
                <>
                  <button type="button" className="primary" disabled={busy} onClick={() => void act('verify')} data-testid="verify-approve">
                    {t('verify.approve')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => { setRejecting(true); setTimeout(() => noteRef.current?.focus(), 0); }}>
                    {t('verify.reject')}
                  </button>
                </>
              )}
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
