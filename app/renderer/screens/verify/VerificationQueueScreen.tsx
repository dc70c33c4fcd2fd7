import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput, PaymentRow } from '../../../shared/contract';
import { mayCall } from '../../../shared/contract/handler-access';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector, viewsSlice } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { groupedAmount, centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { PaymentDetails } from './PaymentDetails';
import { IdText } from '../../components/IdText';
import { amountColumnEm } from '../../components/amount-width';
import { verifyBlock } from './verify-rules';
import { useMyLimits } from '../bulk/use-my-limits';

type Message = { kind: 'ok' | 'err'; text: string };

export function VerificationQueueScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const [rows, setRows] = useState<PaymentRow[]>([]);
  // The chosen payment, by id, in the store: a reload (someone captured or verified) never moves
  // the choice to another payment, and coming back to the queue finds it chosen. When it leaves
  // the queue (verified, sent back), the one now at its place is chosen.
  const chosenId = useAppSelector((s) => s.views.verify.selectedId);
  const lastIndex = useRef(0);
  const found = chosenId === null ? -1 : rows.findIndex((r) => r.id === chosenId);
  const selected = found >= 0 ? found : Math.min(lastIndex.current, Math.max(0, rows.length - 1));
  lastIndex.current = selected;
  const setSelected = (next: number | ((previous: number) => number)) => {
    const index = typeof next === 'function' ? next(selected) : next;
    dispatch(viewsSlice.actions.verifySelected(rows[index]?.id ?? null));
  };
  const [details, setDetails] = useState<HandlerOutput<'payments.get'> | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // Kinds verified by blind double entry (复核双录): the checker re-keys amount and payee account.
  const [blindKinds, setBlindKinds] = useState<readonly string[]>([]);
  const [rekey, setRekey] = useState({ amount: '', creditorAccount: '' });
  const rekeyRef = useRef<HTMLInputElement | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const noteRef = useRef<HTMLInputElement | null>(null);
  const isSupervisor = mayCall(operator?.roles, 'payments.verify');
  const current = rows[selected];
  useEffect(() => {
    if (current !== undefined && current.id !== chosenId) dispatch(viewsSlice.actions.verifySelected(current.id));
  }, [current, chosenId, dispatch]);
  // Why this operator may not verify the chosen payment (not a supervisor, or its maker): the
  // buttons are disabled and say so before anyone presses them.
  const limits = useMyLimits();
  const blocked = current === undefined || operator === null ? null : verifyBlock(operator, current, limits?.checkerLimit ?? null);
  // Above the limit the supervisor may still send the draft back (the back end's rejectDraft has no limit).
  const rejectBlocked = blocked === 'aboveLimit' ? null : blocked;
  const blockedText = blocked === null ? '' : t(`verify.blocked.${blocked}`, { limit: groupedAmount(limits?.checkerLimit ?? '0.00') });
  const blind = current !== undefined && blindKinds.includes(current.kind);
  useEffect(() => setRekey({ amount: '', creditorAccount: '' }), [current?.id]);

  const load = useCallback(async () => {
    const result = await bridge.invoke('payments.verificationQueue', {});
    if (result.ok) {
      setRows(result.value.rows);
    } else setMessage({ kind: 'err', text: localized(i18n.language, result.error) });
  }, [bridge, i18n.language]);

  useEffect(() => {
    void load();
    void bridge.invoke('payments.blindVerify.get', {}).then((r) => {
      if (r.ok) setBlindKinds(r.value.kinds);
    });
  }, [bridge, load, paymentsVersion]);

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
      if ((action === 'verify' ? blocked : rejectBlocked) !== null) {
        setMessage({ kind: 'err', text: blockedText });
        return;
      }
      setBusy(true);
      if (action === 'verify' && blind && (rekey.amount.trim() === '' || rekey.creditorAccount.trim() === '')) {
        setBusy(false);
        setMessage({ kind: 'err', text: t('verify.blind.needKeying') });
        rekeyRef.current?.focus();
        return;
      }
      const result =
        action === 'verify'
          ? blind
            ? await bridge.invoke('payments.verifyRekeyed', { id: current.id, amount: rekey.amount, creditorAccount: rekey.creditorAccount })
            : await bridge.invoke('payments.verify', { id: current.id })
          : await bridge.invoke('payments.rejectDraft', { id: current.id, note: note.trim() });
      setBusy(false);
      if (result.ok) {
        setMessage({ kind: 'ok', text: t(action === 'verify' ? 'verify.verified' : 'verify.rejected', { id: current.id }) });
        setRejecting(false);
        setNote('');
        dispatch(uiSlice.actions.paymentsChanged());
        listRef.current?.focus();
      } else {
        // A mismatch names the fields that differ (never the captured value).
        const fields = (result.error.issues ?? []).map((issue) => localized(i18n.language, issue)).join(' ');
        setMessage({ kind: 'err', text: `${localized(i18n.language, result.error)}${fields === '' ? '' : ` ${fields}`}` });
      }
    },
    [blind, blocked, rejectBlocked, blockedText, bridge, busy, current, dispatch, i18n.language, note, rekey, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (rejecting) return;
      if (event.key === 'F8') {
        event.preventDefault();
        void act('verify');
      } else if (event.key === 'F7' && current !== undefined) {
        event.preventDefault();
        if (rejectBlocked !== null) {
          setMessage({ kind: 'err', text: blockedText });
          return;
        }
        setRejecting(true);
        setTimeout(() => noteRef.current?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, rejectBlocked, blockedText, current, rejecting]);

  // The selection moves with every key that moves the view (End used to scroll away from row 1).
  const onListKey = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 240) / 24) - 2);
    const last = rows.length - 1;
    const move: Record<string, (s: number) => number> = {
      ArrowDown: (s) => Math.min(s + 1, last),
      ArrowUp: (s) => Math.max(s - 1, 0),
      PageDown: (s) => Math.min(s + page, last),
      PageUp: (s) => Math.max(s - page, 0),
      Home: () => 0,
      End: () => last,
    };
    const step = move[event.key];
    if (step === undefined || rows.length === 0) return;
    event.preventDefault();
    setSelected(step);
  };

  // The chosen row is always in view.
  useEffect(() => {
    listRef.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  const amountEm = amountColumnEm(rows.map((r) => groupedAmount(r.amount)));

  return (
    <section className="screen verify-screen" aria-labelledby="verify-heading">
      <div className="screen-head">
        <h2 id="verify-heading">{t('verify.heading')}</h2>
        <span className="muted" data-testid="verify-count">{t('verify.count', { count: rows.length })}</span>
        <span className="keys-hint">{t('verify.keys')}</span>
      </div>
      {!isSupervisor && <p className="notice" data-testid="verify-no-role">{t('verify.noRole')}</p>}
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
                <col style={{ width: '13em' }} />
                <col style={{ width: '8.5em' }} />
                <col style={{ width: '5.5em' }} />
                <col style={{ width: `${amountEm}em` }} />
                <col style={{ width: '4.5em' }} />
                <col />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('columns.id')}</th>
                  <th>{t('columns.createdAt')} <span className="muted">{CENTRE_ZONE_LABEL}</span></th>
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
                    <td><IdText id={row.id} /></td>
                    <td className="mono">{centreDateTime(row.createdAt).slice(5, 16)}</td>
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
          {current !== undefined && <PaymentDetails row={current} details={details} blind={blind} />}
          {current !== undefined && blind && blocked === null && (
            <div className="rekey-form" data-testid="verify-rekey">
              <p className="notice">{t('verify.blind.notice')}</p>
              <label className="field">
                <span className="field-label">{t('verify.blind.amount')}</span>
                <input ref={rekeyRef} className="amount-input" name="rekey-amount" inputMode="decimal" autoComplete="off" value={rekey.amount} onChange={(e) => setRekey({ ...rekey, amount: e.target.value })} />
              </label>
              <label className="field">
                <span className="field-label">{t('verify.blind.account')}</span>
                <input className="mono" name="rekey-account" autoComplete="off" spellCheck={false} maxLength={34} value={rekey.creditorAccount} onChange={(e) => setRekey({ ...rekey, creditorAccount: e.target.value })} />
              </label>
            </div>
          )}
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
                  <button type="button" className="primary" disabled={busy || blocked !== null} title={blocked === null ? undefined : blockedText} onClick={() => void act('verify')} data-testid="verify-approve">
                    {t('verify.approve')}
                  </button>
                  <button type="button" disabled={busy || rejectBlocked !== null} title={rejectBlocked === null ? undefined : blockedText} onClick={() => { setRejecting(true); setTimeout(() => noteRef.current?.focus(), 0); }}>
                    {t('verify.reject')}
                  </button>
                  {blocked !== null && <span className="action-reason" data-testid="verify-blocked">{blockedText}</span>}
                </>
              )}
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
