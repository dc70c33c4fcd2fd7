import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';
import { INQUIRY_REASONS, REFUSAL_REASONS, RETURN_REASONS, MAX_MESSAGE_TEXT_CHARS } from '../../../shared/contract/message-protocol';

export type MessageDialogKind = 'inquire' | 'answer' | 'requestReturn' | 'propose' | 'stop' | 'release';

/** What the operator wrote: the text (or a stop's reason), and per kind a reason code, an amount, a decision. */
export interface MessageChoice {
  text: string;
  reasonCode?: string;
  amount?: string;
  decision?: 'accept' | 'refuse';
}

const CODES = { inquire: INQUIRY_REASONS, requestReturn: RETURN_REASONS, propose: REFUSAL_REASONS } as const;
const CODE_WORDS = { inquire: 'inquiryReasons', requestReturn: 'returnReasons', propose: 'refusalReasons' } as const;

/**
 * The small form of every message step: 查询 (reason and text), 查复 (text), 退回申请 (amount,
 * reason, text), the maker's answer to a return request (accept, or refuse with a reason), and
 * 止付 / 解除止付 (a reason). Keyboard first: the first field has the caret, Ctrl+Enter sends.
 */
export function MessageDialog(props: { kind: MessageDialogKind; paymentId: string; error: string | null; busy: boolean; onSubmit: (c: MessageChoice) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { kind } = props;
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [decision, setDecision] = useState<'accept' | 'refuse'>('accept');
  const codes = kind === 'inquire' || kind === 'requestReturn' || kind === 'propose' ? Object.keys(CODES[kind]) : [];
  const [reasonCode, setReasonCode] = useState(codes[0] ?? '');
  const firstRef = useFocusOnOpen<HTMLTextAreaElement>();
  const needsCode = kind === 'inquire' || kind === 'requestReturn' || (kind === 'propose' && decision === 'refuse');
  const textRequired = kind !== 'propose';
  const amountOk = amount.trim() === '' || /^\d+(\.\d{1,2})?$/.test(amount.trim());
  const ready = !props.busy && amountOk && (!textRequired || text.trim() !== '');
  const submit = () => {
    if (!ready) return;
    props.onSubmit({
      text: text.trim(),
      ...(needsCode ? { reasonCode } : {}),
      ...(kind === 'requestReturn' && amount.trim() !== '' ? { amount: Number(amount.trim()).toFixed(2) } : {}),
      ...(kind === 'propose' ? { decision } : {}),
    });
  };
  const maxChars = kind === 'stop' || kind === 'release' ? 140 : MAX_MESSAGE_TEXT_CHARS;
  return (
    <ModalForm titleId="md-title" testId="message-dialog" backdropClassName="pa-backdrop" className="pa-dialog" onSubmit={submit} onCancel={props.onCancel}>
      <h2 id="md-title" className="pa-title">{t(`messages.dialog.${kind}.title`)}</h2>
      <p className="mono muted md-payment">{props.paymentId}</p>
      {kind === 'propose' && (
        <fieldset className="pa-priorities" data-testid="message-decision">
          <legend>{t('messages.dialog.decision')}</legend>
          {(['accept', 'refuse'] as const).map((d) => (
            <label key={d} className="pa-priority">
              <input type="radio" name="md-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} data-testid={`message-decision-${d}`} />
              {t(`messages.actions.${d}`)}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'requestReturn' && (
        <label className="pa-field">
          <span>{t('messages.dialog.amount')}</span>
          <input className="mono" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="message-amount" aria-invalid={!amountOk} />
        </label>
      )}
      {needsCode && (
        <label className="pa-field">
          <span>{t('messages.dialog.reasonCode')}</span>
          <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} data-testid="message-reason-code">
            {codes.map((code) => (
              <option key={code} value={code}>
                {code} {t(`messages.${CODE_WORDS[kind as keyof typeof CODE_WORDS]}.${code}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="pa-field">
        <span>{t(kind === 'stop' || kind === 'release' ? 'messages.dialog.reason' : 'messages.dialog.text')}</span>
        <textarea ref={firstRef} rows={3} maxLength={maxChars} value={text} onChange={(e) => setText(e.target.value)} data-testid="message-text" />
      </label>
      <p className="muted pa-note">{t(`messages.dialog.${kind}.note`)}</p>
      {props.error !== null && (
        <p className="notice notice-error" role="alert" data-testid="message-error">
          {props.error}
        </p>
      )}
      <div className="pa-actions">
        <span className="keys-hint">{t('messages.dialog.keys')}</span>
        <button type="button" onClick={props.onCancel}>{t('messages.dialog.close')}</button>
        <button type="submit" className="primary" disabled={!ready} data-testid="message-submit">
          {t(`messages.dialog.${kind}.submit`)}
        </button>
      </div>
    </ModalForm>
  );
}
