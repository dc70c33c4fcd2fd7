import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnDecision, ThreadView } from '../../../shared/contract/handlers/messages';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { downloadFile } from '../../components/download-file';
import { threadOffers, type Pending } from './message-rules';
import { MessageDialog, type MessageChoice } from './MessageDialog';
import { OfferButton } from './OfferButton';
import './messages.css';

const REASON_WORDS = { inquiry: 'inquiryReasons', return: 'returnReasons', stop: null } as const;

/** Keys of a thread's actions where the inbox turns them on: 查复, 答复退回申请, 复核同意. */
export const THREAD_KEYS = { answer: 'A', propose: 'P', approve: 'Y' } as const;

/**
 * One thread with what this operator may do in it (docs/messages.md), as the payment's detail
 * and the inbox both show it: kind, state, reply time or 查复超时, the steps in order, and 查复
 * of an inquiry to this bank or the maker-checker answer to a return request (each disabled
 * with the reason when this operator may not), and the ISO 20022 export. `onChanged(sent)`
 * after a step went to the outbox (sent) or a proposal was turned back.
 */
export function ThreadCard(props: { thread: ThreadView; decisions: readonly ReturnDecision[]; pending: readonly Pending[]; onChanged: (sent: boolean) => void; shortcuts?: boolean }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const username = useAppSelector((s) => s.session.operator?.username ?? '');
  const participants = useAppSelector((s) => s.session.participants);
  const selfId = participants.find((p) => p.self)?.id ?? '';
  const [open, setOpen] = useState<'answer' | 'propose' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const th = props.thread;
  const offers = threadOffers(th, props.decisions, props.pending, roles, username, selfId);
  // The centre's steps name the operator who acted (a stop's 清算中心（sup1）), when the house did.
  const bank = (id: string, operator?: string) =>
    id === 'centre' ? (operator === undefined ? t('messages.centre') : t('messages.centreOperator', { operator })) : participants.find((p) => p.id === id)?.name ?? id;

  const show = (kind: 'answer' | 'propose') => {
    setError(null);
    setOpen(kind);
  };

  const submit = async (choice: MessageChoice) => {
    if (open === null) return;
    setBusy(true);
    setError(null);
    const result =
      open === 'answer'
        ? await bridge.invoke('messages.answer', { threadId: th.id, text: choice.text })
        : await bridge.invoke('messages.proposeReturnDecision', {
            threadId: th.id,
            decision: choice.decision ?? 'accept',
            ...(choice.decision === 'refuse' ? { reasonCode: choice.reasonCode as never } : {}),
            ...(choice.text ? { text: choice.text } : {}),
          });
    setBusy(false);
    if (!result.ok) {
      setError(localized(i18n.language, result.error));
      return;
    }
    setOpen(null);
    props.onChanged(true);
  };

  const decide = async (decisionId: string, approve: boolean) => {
    const result = await bridge.invoke('messages.decideReturnDecision', { decisionId, approve });
    if (!result.ok) setError(localized(i18n.language, result.error));
    props.onChanged(result.ok && approve);
  };

  const exportXml = async () => {
    const result = await bridge.invoke('messages.exportXml', { threadId: th.id });
    if (result.ok) for (const file of result.value.files) downloadFile([file.content], file.fileName, 'application/xml');
  };

  // On the window, where the inbox turns them on: never while typing or with a dialog open.
  const onKey = (event: KeyboardEvent) => {
    if (open !== null || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes((event.target as HTMLElement).tagName)) return;
    const key = event.key.toUpperCase();
    if (key === THREAD_KEYS.answer && offers.answer !== undefined && offers.answer.why === undefined) show('answer');
    else if (key === THREAD_KEYS.propose && offers.propose !== undefined && offers.propose.why === undefined) show('propose');
    else if (key === THREAD_KEYS.approve && offers.decide !== undefined && offers.decide.why === undefined) void decide(offers.decide.decision.id, true);
    else return;
    event.preventDefault();
  };
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  useEffect(() => {
    if (props.shortcuts !== true) return undefined;
    const listener = (event: KeyboardEvent) => keyRef.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [props.shortcuts]);

  const key = (k: string) => (props.shortcuts === true ? k : undefined);
  const words = REASON_WORDS[th.kind];
  const decideWhy = offers.decide?.why === undefined ? undefined : t(`messages.why.${offers.decide.why}`);
  return (
    <div className="pm-thread" data-testid={`message-thread-${th.id}`}>
      <div className="pm-thread-head">
        <span className="pm-kind">{t(`messages.kinds.${th.kind}`)}</span>
        <span className={`chip pm-state-${th.state}`} data-testid={`message-state-${th.id}`}>{t(`messages.states.${th.state}`)}</span>
        {th.dueBy !== undefined && th.state === 'open' && <span className="muted mono">{t('messages.dueBy', { due: th.dueBy.replace('T', ' ').replace('+08:00', '') })}</span>}
        {th.overdue && <span className="pm-overdue" data-testid={`message-overdue-${th.id}`}>{t('messages.overdue')}</span>}
        {th.amount !== undefined && <span className="mono">{t('messages.amountAsked', { amount: groupedAmount(th.amount) })}</span>}
        {th.returnPaymentId !== undefined && <span className="mono muted">{t('messages.returnPayment', { id: th.returnPaymentId })}</span>}
        <span className="pm-buttons">
          <OfferButton offer={offers.answer} testId={`message-answer-${th.id}`} label={t('messages.buttons.answer')} shortcut={key(THREAD_KEYS.answer)} onClick={() => show('answer')} />
          <OfferButton offer={offers.propose} testId={`message-propose-${th.id}`} label={t('messages.buttons.propose')} shortcut={key(THREAD_KEYS.propose)} onClick={() => show('propose')} />
          {offers.decide !== undefined && (
            <span className="pm-decision" data-testid={`message-decision-pending-${th.id}`}>
              {t('messages.decision.proposed', { maker: offers.decide.decision.maker, decision: t(`messages.actions.${offers.decide.decision.decision}`) })}
              <button type="button" data-testid={`message-approve-${th.id}`} disabled={decideWhy !== undefined} title={decideWhy} onClick={() => void decide(offers.decide!.decision.id, true)}>
                {t('messages.decision.approve')}
                {key(THREAD_KEYS.approve) !== undefined && <span className="key">{THREAD_KEYS.approve}</span>}
              </button>
              <button type="button" disabled={decideWhy !== undefined} title={decideWhy} onClick={() => void decide(offers.decide!.decision.id, false)}>
                {t('messages.decision.reject')}
              </button>
            </span>
          )}
          {th.kind !== 'stop' && (
            <button type="button" data-testid={`message-export-${th.id}`} onClick={() => void exportXml()}>
              {t('messages.exportXml')}
            </button>
          )}
        </span>
      </div>
      <ol className="pm-entries">
        {th.entries.map((e, i) => (
          <li key={i}>
            <span className="mono muted">{centreDateTime(e.at)}</span> {bank(e.by, e.operator)} {t(`messages.actions.${e.action}`)}
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
      {error !== null && open === null && <p className="notice notice-error" role="alert">{error}</p>}
      {open !== null && <MessageDialog kind={open} paymentId={th.paymentId} error={error} busy={busy} onSubmit={(c) => void submit(c)} onCancel={() => setOpen(null)} />}
    </div>
  );
}
