import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import type { ContractIssue } from '../../../shared/contract';
import { formatAmountGrouped, tryParseAmount } from '../../../shared/money';
import {
  EMPTY_FORM,
  capitalsOf,
  checkForm,
  issuesByField,
  regroupAmount,
  toCaptureInput,
  visibleFields,
  type FieldIssues,
  type FormField,
  type PaymentForm,
} from './payment-form-model';
import { EntryField } from './EntryField';
import type { PaymentTemplate } from '../../../shared/contract/handlers/templates';
import { mayCall } from '../../../shared/contract/handler-access';
import { useRefreshKey } from '../../state/use-refresh-key';
import { formFromTemplate } from '../templates/template-rules';
import { useMyLimits } from '../bulk/use-my-limits';
import { groupedAmount } from '../../components/amount-text';
import type { PaymentTimingContext } from '../../../shared/contract/handlers/liquidity';
import { calendarOfValueDates } from '../../../shared/domain/payment-timing';
import { minuteOf } from '../../../shared/clearing/clock';
import { BankPicker } from './BankPicker';

type Saved = { id: string; amount: string };

export function PaymentEntryScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const participants = useAppSelector((s) => s.session.participants);
  const self = useAppSelector((s) => s.session.participant);
  const businessDate = useAppSelector((s) => s.session.businessDate) ?? '';

  const [form, setForm] = useState<PaymentForm>(EMPTY_FORM);
  const [touched, setTouched] = useState<Partial<Record<FormField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssues>({});
  const [serverOther, setServerOther] = useState<ContractIssue[]>([]);
  const [serverError, setServerError] = useState<{ message: string; messageZh: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const refs = useRef<Partial<Record<FormField, HTMLInputElement | HTMLSelectElement | null>>>({});
  // Approved templates (issue 13): a repeat payment starts from one, then is keyed and checked as any other.
  const roles = useAppSelector((s) => s.session.operator?.roles);
  const templatesKey = useRefreshKey('templates');
  const [templates, setTemplates] = useState<PaymentTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const limits = useMyLimits();
  useEffect(() => {
    if (!mayCall(roles, 'templates.list')) return;
    let live = true;
    void bridge.invoke('templates.list', { status: 'approved' }).then((r) => {
      if (live && r.ok) setTemplates(r.value.rows);
    });
    return () => {
      live = false;
    };
  }, [bridge, roles, templatesKey]);
  const submitRef = useRef<HTMLButtonElement | null>(null);

  // Timed and warehoused payments (DESIGN 4.1): the value dates and the house clock last seen.
  const [timing, setTiming] = useState<PaymentTimingContext | null>(null);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  useEffect(() => {
    void bridge.invoke('payments.timing', {}).then((r) => setTiming(r.ok ? r.value : null));
  }, [bridge, businessDate, paymentsVersion]);
  const timed = timing?.linked === true;

  const context = useMemo(
    () => ({
      participantIds: new Set(participants.map((p) => p.id)),
      selfId: participants.find((p) => p.self)?.id ?? self?.id ?? '',
      businessDate,
      ...(timing !== null && timing.businessDate === businessDate ? { calendar: calendarOfValueDates(businessDate, timing.valueDates) } : {}),
      ...(timing?.clock != null ? { nowMinute: minuteOf(timing.clock) } : {}),
    }),
    [participants, self, businessDate, timing],
  );
  const clientCheck = useMemo(() => checkForm(form, context), [form, context]);
  const fields = visibleFields(form.kind, timed);
  const capitals = capitalsOf(form.amount);
  const receiving = participants.find((p) => p.id === form.to);

  const issueFor = (field: FormField): ContractIssue | undefined => {
    const server = serverIssues[field];
    if (server !== undefined) return server;
    const shown = attempted || touched[field] === true || (field === 'amount' && form.amount !== '');
    return shown ? clientCheck.byField[field] : undefined;
  };

  const set = (field: FormField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setServerIssues((s) => ({ ...s, [field]: undefined }));
    setSaved(null);
  };

  const focusField = (field: FormField) => refs.current[field]?.focus();

  const fromTemplate = (id: string) => {
    setTemplateId(id);
    const template = templates.find((x) => x.id === id);
    if (template === undefined) return;
    setForm(formFromTemplate(template));
    setTouched({});
    setAttempted(false);
    setServerIssues({});
    setServerOther([]);
    setServerError(null);
    setSaved(null);
    // The amount is what changes from one payment to the next: the caret waits there.
    setTimeout(() => focusField(template.amount === null ? 'amount' : 'purpose'), 0);
  };

  const clear = () => {
    focusField('kind');
    setTemplateId('');
    setForm(EMPTY_FORM);
    setTouched({});
    setAttempted(false);
    setServerIssues({});
    setServerOther([]);
    setServerError(null);
  };

  const submit = async () => {
    if (saving) return;
    setAttempted(true);
    setServerError(null);
    const firstBad = fields.find((f) => clientCheck.byField[f] !== undefined);
    if (firstBad !== undefined || clientCheck.other.length > 0) {
      if (firstBad !== undefined) focusField(firstBad);
      return;
    }
    setSaving(true);
    const result = await bridge.invoke('payments.capture', toCaptureInput(form));
    setSaving(false);
    if (result.ok) {
      const payment = result.value.payment;
      const minor = tryParseAmount(payment.amount, 'CNY');
      setSaved({ id: payment.id, amount: minor.ok ? formatAmountGrouped(minor.amountMinor, 'CNY') : payment.amount });
      // Move focus first: leaving the last field marks it touched, and the reset below must win.
      focusField('to');
      setForm({ ...EMPTY_FORM, kind: form.kind, priority: form.priority });
      setTemplateId('');
      setTouched({});
      setAttempted(false);
      setServerIssues({});
      setServerOther([]);
      dispatch(uiSlice.actions.paymentsChanged());
      return;
    }
    const { byField, other } = issuesByField(result.error.issues ?? []);
    setServerIssues(byField);
    setServerOther(other);
    if ((result.error.issues ?? []).length === 0) setServerError(result.error);
    const firstServerBad = fields.find((f) => byField[f] !== undefined);
    if (firstServerBad !== undefined) focusField(firstServerBad);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.key === 'Enter' && (event.ctrlKey || event.metaKey)) || event.key === 'F9') {
      event.preventDefault();
      void submit();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      clear();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !event.shiftKey && target.dataset.field !== undefined) {
      // Enter moves on like Tab: the numeric keypad's Enter is under the clerk's hand.
      event.preventDefault();
      const index = fields.indexOf(target.dataset.field as FormField);
      const next = fields[index + 1];
      setTouched((s) => ({ ...s, [target.dataset.field as FormField]: true }));
      if (next !== undefined) focusField(next);
      else submitRef.current?.focus();
    }
  };

  const fieldProps = (field: FormField) => ({
    field,
    value: form[field],
    issue: issueFor(field),
    language: i18n.language,
    inputRef: (el: HTMLInputElement | HTMLSelectElement | null) => {
      refs.current[field] = el;
    },
    onChange: (value: string) => set(field, value),
    onBlur: () => {
      setTouched((s) => ({ ...s, [field]: true }));
      // Read back grouped in thousands, as on the voucher: 14432000 -> 14,432,000.00.
      if (field === 'amount') setForm((f) => ({ ...f, amount: regroupAmount(f.amount) }));
    },
  });

  const problemCount = fields.filter((f) => issueFor(f) !== undefined).length;

  return (
    <section className="screen entry-screen" aria-labelledby="entry-heading">
      <div className="screen-head">
        <h2 id="entry-heading">{t('entry.heading')}</h2>
        {limits?.makerLimit != null && <span className="muted" data-testid="entry-limit">{t('limits.yourMaker', { amount: groupedAmount(limits.makerLimit) })}</span>}
        <span className="keys-hint" data-testid="entry-keys">{t('entry.keys')}</span>
      </div>
      {templates.length > 0 && (
        <label className="entry-template">
          <span className="field-label">{t('templates.startFrom')}</span>
          <select value={templateId} onChange={(e) => fromTemplate(e.target.value)} data-testid="entry-template">
            <option value="">{t('templates.none2')}</option>
            {templates.map((x) => (
              <option key={x.id} value={x.id}>{x.id} {x.name}（{x.creditor.name}{x.amount === null ? '' : ` ${groupedAmount(x.amount)}`}）</option>
            ))}
          </select>
        </label>
      )}
      <form className="voucher" onKeyDown={onKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <fieldset className="voucher-row">
          <EntryField {...fieldProps('kind')} label={t('entry.kind')} autoFocus>
            {(['hvps', 'beps', 'bill'] as const).map((k) => (
              <option key={k} value={k}>{t(`kinds.${k}`)}</option>
            ))}
          </EntryField>
          <EntryField {...fieldProps('priority')} label={t('entry.priority')}>
            {(['0', '1', '2'] as const).map((p) => (
              <option key={p} value={p}>{p} {t(`priorities.${p}`)}</option>
            ))}
          </EntryField>
          <BankPicker {...fieldProps('to')} label={t('entry.to')} banks={participants} />
          <div className="field readonly">
            <span className="field-label">{t('entry.bankCode')}</span>
            <span className="mono value" data-testid="to-bank-code">{receiving?.bankCode ?? '—'}</span>
          </div>
        </fieldset>

        <fieldset className="voucher-row amount-row">
          <EntryField {...fieldProps('amount')} label={t('entry.amount')} amount />
          <div className="field readonly">
            <span className="field-label">{t('entry.currency')}</span>
            <span className="value">{t('entry.cny')}</span>
          </div>
          <div className="field readonly capitals-field">
            <span className="field-label">{t('entry.capitals')}</span>
            <span className="capitals" data-testid="capitals" lang="zh-CN">{capitals ?? ''}</span>
          </div>
        </fieldset>

        <fieldset className="voucher-row">
          <legend>{t('entry.debtor')}</legend>
          <EntryField {...fieldProps('debtorName')} label={t('entry.name')} wide />
          <EntryField {...fieldProps('debtorAccount')} label={t('entry.account')} mono fixed />
        </fieldset>
        <fieldset className="voucher-row">
          <legend>{t('entry.creditor')}</legend>
          <EntryField {...fieldProps('creditorName')} label={t('entry.name')} wide />
          <EntryField {...fieldProps('creditorAccount')} label={t('entry.account')} mono fixed />
        </fieldset>
        <fieldset className="voucher-row">
          <EntryField {...fieldProps('purpose')} label={t('entry.purpose')} wider />
        </fieldset>
        {form.kind === 'bill' && (
          <fieldset className="voucher-row">
            <legend>{t('entry.bill')}</legend>
            <EntryField {...fieldProps('billNumber')} label={t('entry.billNumber')} mono />
            <EntryField {...fieldProps('issueDate')} label={t('entry.issueDate')} mono placeholder="YYYY-MM-DD" />
            <EntryField {...fieldProps('drawer')} label={t('entry.drawer')} wide />
          </fieldset>
        )}

        {timed && timing !== null && (
          <fieldset className="voucher-row" data-testid="entry-timing">
            <legend>{t('entry.timing')}</legend>
            {form.kind === 'hvps' && (
              <>
                <EntryField {...fieldProps('earliest')} label={t('entry.earliest')} mono placeholder="HH:MM" />
                <EntryField {...fieldProps('latest')} label={t('entry.latest')} mono placeholder="HH:MM" />
              </>
            )}
            <EntryField {...fieldProps('valueDate')} label={t('entry.valueDate')}>
              <option value="">{t('entry.valueToday', { date: timing.valueDates[0] ?? businessDate })}</option>
              {timing.valueDates.slice(1).map((d, i) => (
                <option key={d} value={d}>{t('entry.valueAhead', { date: d, count: i + 1 })}</option>
              ))}
            </EntryField>
            <span className="muted timing-hint" data-testid="entry-timing-hint">
              {timing.clock === null ? t('entry.timingHintNoClock') : t('entry.timingHint', { clock: timing.clock })}
            </span>
          </fieldset>
        )}

        <div className="voucher-actions">
          <button type="submit" className="primary" ref={submitRef} disabled={saving} data-testid="entry-submit">
            {saving ? t('entry.saving') : t('entry.submit')}
          </button>
          <button type="button" onClick={clear}>{t('entry.clear')}</button>
          <span className="voucher-message" role="status" data-testid="entry-message">
            {saved !== null && <span className="ok" data-payment-id={saved.id}>{t('entry.saved', saved)}</span>}
            {attempted && problemCount > 0 && <span className="err">{t('entry.fixErrors', { count: problemCount })}</span>}
            {serverError !== null && <span className="err">{localized(i18n.language, serverError)}</span>}
            {[...serverOther, ...(attempted ? clientCheck.other : [])].map((issue) => (
              <span key={issue.path + issue.message} className="err">{localized(i18n.language, issue)}</span>
            ))}
          </span>
        </div>
      </form>
    </section>
  );
}
