import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentPriority } from '../../../shared/domain/payment';

const PRIORITIES: readonly PaymentPriority[] = [0, 1, 2];

/**
 * The new priority of a payment, as radio buttons labelled like the entry form ("0 特急").
 * Keyboard: the arrow keys move between them (native radio group), and the digits 0-2 pick
 * the priority with that number. The current priority is marked, not disabled, so the arrow
 * keys walk all three.
 */
export function PriorityChoice(props: { current: number; value: PaymentPriority; onChange: (p: PaymentPriority) => void; focusRef?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  return (
    <fieldset
      className="pa-priorities"
      data-testid="priority-choice"
      onKeyDown={(e) => {
        const digit = Number(e.key);
        if (e.key.length === 1 && (digit === 0 || digit === 1 || digit === 2)) {
          e.preventDefault();
          props.onChange(digit);
          const target = e.currentTarget.querySelector<HTMLInputElement>(`input[value="${digit}"]`);
          target?.focus();
        }
      }}
    >
      <legend>{t('paymentActions.reprioritise.newPriority')}</legend>
      {PRIORITIES.map((p) => (
        <label key={p} className={p === props.current ? 'pa-priority current' : 'pa-priority'}>
          <input
            ref={p === props.value ? props.focusRef : undefined}
            type="radio"
            name="pa-priority"
            value={p}
            data-testid={`priority-${p}`}
            checked={p === props.value}
            onChange={() => props.onChange(p)}
          />
          <span className="mono">{p}</span> {t(`priorities.${p}`)}
          {p === props.current && <span className="muted"> {t('paymentActions.reprioritise.current')}</span>}
        </label>
      ))}
    </fieldset>
  );
}
