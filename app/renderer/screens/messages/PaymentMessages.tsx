import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput, PaymentRow } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { centreDateTime } from '../../components/amount-text';
import { paymentOffers, type Offer } from './message-rules';
import { MessageDialog, type MessageChoice, type MessageDialogKind } from './MessageDialog';
import { OfferButton } from './OfferButton';
import { ThreadCard } from './ThreadCard';
import './messages.css';

type Panel = HandlerOutput<'messages.forPayment'>;
/** The payment's own steps; a thread's (查复, the return answer) are its ThreadCard's. */
type PaymentDialogKind = Extract<MessageDialogKind, 'inquire' | 'requestReturn' | 'stop' | 'release'>;

/**
 * A payment's messages with the other bank under its detail (docs/messages.md): 查询查复 with
 * the reply time and 查复超时, 退回申请 and its answer (maker-checker), 止付 and 解除止付, and
 * what this console sent that the house has not confirmed yet. Reloads with the payment.
 */
export function PaymentMessages({ row }: { row: PaymentRow }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const participants = useAppSelector((s) => s.session.participants);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const selfId = participants.find((p) => p.self)?.id ?? '';
  const [panel, setPanel] = useState<Panel | null>(null);
  const [open, setOpen] = useState<PaymentDialogKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const load = useCallback(async () => {
    const r = await bridge.invoke('messages.forPayment', { paymentId: row.id });
    if (r.ok) setPanel(r.value);
  }, [bridge, row.id]);
  useEffect(() => {
    void load();
  }, [load, paymentsVersion, row.status]);
  useEffect(() => setSent(false), [row.id]);

  const submit = async (choice: MessageChoice) => {
    if (open === null) return;
    setBusy(true);
    setError(null);
    const result = await (() => {
      switch (open) {
        case 'inquire':
          return bridge.invoke('messages.inquire', { paymentId: row.id, reasonCode: choice.reasonCode as never, text: choice.text });
        case 'requestReturn':
          return bridge.invoke('messages.requestReturn', { paymentId: row.id, reasonCode: choice.reasonCode as never, text: choice.text, ...(choice.amount ? { amount: choice.amount } : {}) });
        case 'stop':
          return bridge.invoke('payments.requestStop', { id: row.id, reason: choice.text });
        case 'release':
          return bridge.invoke('payments.requestRelease', { id: row.id, reason: choice.text });
      }
    })();
    setBusy(false);
    if (!result.ok) {
      setError(localized(i18n.language, result.error));
      return;
    }
    setOpen(null);
    setSent(true);
    await load();
  };

  if (panel === null) return null;
  const offers = paymentOffers(row, panel.threads, panel.pending, roles, selfId);
  const button = (offer: Offer | undefined, kind: PaymentDialogKind, label: string) => (
    <OfferButton
      offer={offer}
      testId={`message-${kind}`}
      label={label}
      onClick={() => {
        setError(null);
        setOpen(kind);
      }}
    />
  );
  const shown = panel.threads.filter((th) => th.kind !== 'stop' || th.paymentId === row.id);
  return (
    <section className="pm" data-testid="payment-messages" aria-label={t('messages.title')}>
      <div className="pm-head">
        <strong>{t('messages.title')}</strong>
        {offers.stoppedBy !== undefined && (
          <span className="pm-stopped" data-testid="payment-stopped">
            {offers.stoppedBy === 'bank'
              ? t('messages.stoppedBank')
              : offers.stoppedByOperator !== undefined
                ? t('messages.stoppedCentreBy', { operator: offers.stoppedByOperator })
                : t('messages.stoppedCentre')}
          </span>
        )}
        <span className="pm-buttons">
          {button(offers.inquire, 'inquire', t('messages.buttons.inquire'))}
          {button(offers.requestReturn, 'requestReturn', t('messages.buttons.requestReturn'))}
          {button(offers.stop, 'stop', t('messages.buttons.stop'))}
          {button(offers.release, 'release', t('messages.buttons.release'))}
        </span>
      </div>
      {/* Told only while something this console sent is still unconfirmed: never a stale "sent". */}
      {sent && panel.pending.length > 0 && <p className="notice bd-notice" role="status" data-testid="message-sent">{t('messages.sent')}</p>}
      {error !== null && open === null && <p className="notice notice-error" role="alert">{error}</p>}
      {shown.length === 0 && panel.pending.length === 0 && <p className="muted pm-none">{t('messages.none')}</p>}
      {shown.map((thread) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          decisions={panel.decisions}
          pending={panel.pending}
          onChanged={(wasSent) => {
            setSent(wasSent);
            void load();
          }}
        />
      ))}
      {panel.pending.map((p) => (
        <div key={`${p.type}:${p.id}`} className="pm-thread pm-pending" data-testid="message-pending">
          <span className="chip">{t('messages.pendingSend')}</span> {t(`messages.actions.${ACTION_OF[p.type] ?? 'ask'}`)} <span className="muted mono">{centreDateTime(p.createdAt)}</span>
          {typeof p.payload.text === 'string' && <span> — {p.payload.text}</span>}
          {typeof p.payload.reason === 'string' && <span> — {p.payload.reason}</span>}
        </div>
      ))}
      {open !== null && <MessageDialog kind={open} paymentId={row.id} error={error} busy={busy} onSubmit={(c) => void submit(c)} onCancel={() => setOpen(null)} />}
    </section>
  );
}

const ACTION_OF: Record<string, string> = {
  'message.inquire': 'ask',
  'message.answer': 'answer',
  'message.returnRequest': 'request',
  'message.returnAnswer': 'accept',
  'payment.stop': 'stop',
  'payment.release': 'release',
};
