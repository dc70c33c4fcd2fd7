import type { ReactNode } from 'react';
import type { ContractIssue } from '../../../shared/contract';
import { localized } from '../../i18n/i18n';
import type { FormField } from './payment-form-model';

type Props = {
  field: FormField;
  label: string;
  value: string;
  issue: ContractIssue | undefined;
  language: string;
  inputRef: (el: HTMLInputElement | HTMLSelectElement | null) => void;
  onChange: (value: string) => void;
  onBlur: () => void;
  /** Options make it a <select>. */
  children?: ReactNode;
  autoFocus?: boolean;
  amount?: boolean;
  mono?: boolean;
  wide?: boolean;
  wider?: boolean;
  /** A set width (accounts: 34 characters) that a message under the field never changes. */
  fixed?: boolean;
  placeholder?: string;
};

/** One labelled input with its problem written under it, tied together for screen readers. */
export function EntryField(props: Props) {
  const id = `f-${props.field}`;
  const errorId = `${id}-error`;
  const invalid = props.issue !== undefined;
  const common = {
    id,
    name: props.field,
    'data-field': props.field,
    'aria-invalid': invalid,
    'aria-describedby': invalid ? errorId : undefined,
    autoFocus: props.autoFocus,
    onBlur: props.onBlur,
  };
  const classes = ['field', props.wide ? 'wide' : '', props.wider ? 'wider' : '', props.fixed ? 'fixed' : '', invalid ? 'invalid' : ''].join(' ').trim();
  return (
    <div className={classes}>
      <label className="field-label" htmlFor={id}>{props.label}</label>
      {props.children !== undefined ? (
        <select {...common} ref={props.inputRef} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.children}
        </select>
      ) : (
        <input
          {...common}
          ref={props.inputRef}
          value={props.value}
          placeholder={props.placeholder}
          inputMode={props.amount ? 'decimal' : undefined}
          className={props.amount ? 'amount-input' : props.mono ? 'mono' : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      <span className="field-error" id={errorId} data-testid={`error-${props.field}`}>
        {props.issue !== undefined ? localized(props.language, props.issue) : ''}
      </span>
    </div>
  );
}
