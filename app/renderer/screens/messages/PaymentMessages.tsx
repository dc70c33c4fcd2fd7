import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput, PaymentRow } from '../../../shared/contract';
import type { ThreadView } from '../../../shared/contract/handlers/messages';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { downloadFile } from '../../components/download-file';
import { paymentOffers, threadOffers, type Offer } from './message-rules';
import { MessageDialog, type MessageChoice, type MessageDialogKind } from './MessageDialog';
import './messages.css';

type Panel = HandlerOutput<'messages.forPayment'>;
type Open = { kind: MessageDialogKind; threadId?: string };

const REASON_WORDS = { inquiry: 'inquiryReasons', return: 'returnReasons', stop: null } as const;

/**
 * A payment's messages with the other bank under its detail (docs/messages.md): 查询查复 with
 * the reply time and 查复超时, 退回申请 and its answer (maker-checker), 止付 and 解除止付, and
 * what this console sent that the house has not confirmed yet. Reloads with the payment.
 */
export function PaymentMessages({ row }: { row: PaymentRow }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const username = useAppSelector((s) => s.session.operator?.username ?? '');
  const participants = useAppSelector((s) => s.session.participants);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const selfId = participants.find((p) => p.self)?.id ?? '';
  const [panel, setPanel] = useState<Panel | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
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

  const bank = (id: string) => (id === 'centre' ? t('messages.centre') : participants.find((p) => p.id === id)?.name ?? id);

  const submit = async (choice: MessageChoice) => {
    if (open === null) return;
    setBusy(true);
    setError(null);
    const threadId = open.threadId ?? '';
    const result = await (() => {
      switch (open.kind) {
        case 'inquire':
          return bridge.invoke('messages.inquire', { paymentId: row.id, reasonCode: choice.reasonCode as never, text: choice.text });
        case 'answer':
          return bridge.invoke('messages.answer', { threadId, text: choice.text });
        case 'requestReturn':
          return bridge.invoke('messages.requestReturn', { paymentId: row.id, reasonCode: choice.reasonCode as never, text: choice.text, ...(choice.amount ? { amount: choice.amount } : {}) });
        case 'propose':
          return bridge.invoke('messages.proposeReturnDecision', {
            threadId,
            decision: choice.decision ?? 'accept',
            ...(choice.decision === 'refuse' ? { reasonCode: choice.reasonCode as never } : {}),
            ...(choice.text ? { text: choice.text } : {}),
          });
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

  const decide = async (decisionId: string, approve: boolean) => {
    const result = await bridge.invoke('messages.decideReturnDecision', { decisionId, approve });
    if (!result.ok) setError(localized(i18n.language, result.error));
    else setSent(approve);
    await load();
  };

  const exportXml = async (threadId: string) => {
    const result = await bridge.invoke('messages.exportXml', { threadId });
    if (result.ok) for (const file of result.value.files) downloadFile([file.content], file.fileName, 'application/xml');
  };

  if (panel === null) return null;
  const offers = paymentOffers(row, panel.threads, panel.pending, roles, selfId);
  const button = (offer: Offer | undefined, kind: MessageDialogKind, label: string, threadId?: string) =>
    offer === undefined ? null : (
      <button
        type="button"
        data-testid={`message-${kind}${threadId ? `-${threadId}` : ''}`}
        disabled={offer.why !== undefined}
        title={offer.why === undefined ? undefined : t(`messages.why.${offer.why}`)}
        onClick={() => {
          setError(null);
          setOpen({ kind, ...(threadId ? { threadId } : {}) });
        }}
      >
        {label}
      </button>
    );
  const shown = panel.threads.filter((th) => th.kind !== 'stop' || th.paymentId === row.id);
  return (
    <section className="pm" data-testid="payment-messages" aria-label={t('messages.title')}>
      <div className="pm-head">
        <strong>{t('messages.title')}</strong>
        {offers.stoppedBy !== undefined && (
          <span className="pm-stopped" data-testid="payment-stopped">
            {t(offers.stoppedBy === 'bank' ? 'messages.stoppedBank' : 'messages.stoppedCentre')}
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
        <ThreadBlock key={thread.id} thread={thread} bank={bank} actions={(() => {
          const o = threadOffers(thread, panel.decisions, panel.pending, roles, username, selfId);
          return (
            <>
              {button(o.answer, 'answer', t('messages.buttons.answer'), thread.id)}
              {button(o.propose, 'propose', t('messages.buttons.propose'), thread.id)}
              {o.decide !== undefined && (
                <span className="pm-decision" data-testid={`message-decision-pending-${thread.id}`}>
                  {t('messages.decision.proposed', { maker: o.decide.decision.maker, decision: t(`messages.actions.${o.decide.decision.decision}`) })}
                  <button type="button" data-testid={`message-approve-${thread.id}`} disabled={o.decide.why !== undefined} title={o.decide.why === undefined ? undefined : t(`messages.why.${o.decide.why}`)} onClick={() => void decide(o.decide!.decision.id, true)}>
                    {t('messages.decision.approve')}
                  </button>
                  <button type="button" disabled={o.decide.why !== undefined} title={o.decide.why === undefined ? undefined : t(`messages.why.${o.decide.why}`)} onClick={() => void decide(o.decide!.decision.id, false)}>
                    {t('messages.decision.reject')}
                  </button>
                </span>
              )}
              {thread.kind !== 'stop' && (
                <button type="button" data-testid={`message-export-${thread.id}`} onClick={() => void exportXml(thread.id)}>
                  {t('messages.exportXml')}
                </button>
              )}
            </>
          );
        })()} />
      ))}
      {panel.pending.map((p) => (
        <div key={`${p.type}:${p.id}`} className="pm-thread pm-pending" data-testid="message-pending">
          <span className="chip">{t('messages.pendingSend')}</span> {t(`messages.actions.${ACTION_OF[p.type] ?? 'ask'}`)} <span className="muted mono">{centreDateTime(p.createdAt)}</span>
          {typeof p.payload.text === 'string' && <span> — {p.payload.text}</span>}
          {typeof p.payload.reason === 'string' && <span> — {p.payload.reason}</span>}
        </div>
      ))}
      {open !== null && <MessageDialog kind={open.kind} paymentId={row.id} error={error} busy={busy} onSubmit={(c) => void submit(c)} onCancel={() => setOpen(null)} />}
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

/** One thread: its kind, state, reply time or overdue mark, the steps in order, and what this operator may do. */
function ThreadBlock(props: { thread: ThreadView; bank: (id: string) => string; actions: ReactNode }) {
  const { t } = useTranslation();
  const th = props.thread;
  const words = REASON_WORDS[th.kind];
  return (
    <div className="pm-thread" data-testid={`message-thread-${th.id}`}>
      <div className="pm-thread-head">
        <span className="pm-kind">{t(`messages.kinds.${th.kind}`)}</span>
        <span className={`chip pm-state-${th.state}`} data-testid={`message-state-${th.id}`}>{t(`messages.states.${th.state}`)}</span>
        {th.dueBy !== undefined && th.state === 'open' && <span className="muted mono">{t('messages.dueBy', { due: th.dueBy.replace('T', ' ').replace('+08:00', '') })}</span>}
        {th.overdue && <span className="pm-overdue" data-testid={`message-overdue-${th.id}`}>{t('messages.overdue')}</span>}
        {th.amount !== undefined && <span className="mono">{t('messages.amountAsked', { amount: groupedAmount(th.amount) })}</span>}
        {th.returnPaymentId !== undefined && <span className="mono muted">{t('messages.returnPayment', { id: th.returnPaymentId })}</span>}
        <span className="pm-buttons">{props.actions}</span>
      </div>
      <ol className="pm-entries">
        {th.entries.map((e, i) => (
          <li key={i}>
            <span className="mono muted">{centreDateTime(e.at)}</span> {props.bank(e.by)} {t(`messages.actions.${e.action}`)}
            {e.reasonCode !== undefined && (
              <span className="muted">
                {' '}
                [{e.reasonCode} {words === null ? '' : t(`messages.${e.action === 'refuse' ? 'refusalReasons' : words}.${e.reasonCode}`, { defaultValue: '' })}]
              </span>
            )}
            {e.text !== undefined && <span> — {e.text}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
