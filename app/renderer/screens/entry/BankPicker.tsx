import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractIssue } from '../../../shared/contract';
import { localized } from '../../i18n/i18n';
import { bankByCode, bankLabel, searchBanks, type DirectoryBank } from './bank-search';
import './bank-picker.css';

type Props = {
  label: string;
  /** The chosen bank's participant id, '' for none. */
  value: string;
  banks: readonly DirectoryBank[];
  issue: ContractIssue | undefined;
  language: string;
  inputRef: (el: HTMLInputElement | null) => void;
  onChange: (id: string) => void;
  onBlur: () => void;
};

/**
 * The receiving bank, looked up in the directory (行名行号) kept at the console: by 12-digit bank
 * code, pinyin initials or name. Keyboard first: type, ↑/↓ to move, Enter takes the highlighted
 * bank and moves on like every field of the voucher; a full bank code is taken as it is typed.
 * A bank the centre has suspended is listed but cannot be chosen, with the reason.
 */
export function BankPicker(props: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [refused, setRefused] = useState<DirectoryBank | null>(null);
  const chosenRef = useRef(props.value);
  const suggestions = useMemo(() => searchBanks(props.banks, query), [props.banks, query]);

  // The form was cleared (Esc, or the voucher was saved): the text goes with the choice.
  useEffect(() => {
    if (props.value === '' && chosenRef.current !== '') setQuery('');
    chosenRef.current = props.value;
  }, [props.value]);

  const choose = (bank: DirectoryBank): boolean => {
    if (bank.active === false) {
      setRefused(bank);
      return false;
    }
    setRefused(null);
    chosenRef.current = bank.id;
    setQuery(bankLabel(bank));
    setOpen(false);
    props.onChange(bank.id);
    return true;
  };

  const type = (text: string) => {
    setQuery(text);
    setActive(0);
    setOpen(true);
    setRefused(null);
    const exact = bankByCode(props.banks, text);
    if (exact !== undefined && exact.active !== false) {
      chosenRef.current = exact.id;
      props.onChange(exact.id);
      return;
    }
    if (exact !== undefined) setRefused(exact);
    chosenRef.current = '';
    if (props.value !== '') props.onChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(suggestions.length - 1, 0)));
      return;
    }
    if (event.key === 'Escape' && open) {
      // Closes the list only: Esc on the voucher would otherwise clear the whole form.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      return;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && open && props.value === '') {
      const highlighted = suggestions[active];
      // Taken: Enter moves on through the voucher's own handler, Tab as usual. Refused: stay here.
      if (highlighted !== undefined && !choose(highlighted)) {
        event.preventDefault();
        event.stopPropagation();
      }
    }
  };

  const listId = 'f-to-list';
  const showList = open;
  const invalid = props.issue !== undefined;
  const errorId = 'f-to-error';
  const message = refused !== null ? t('bankCentre.directory.suspendedChosen') : props.issue !== undefined ? localized(props.language, props.issue) : '';
  return (
    <div className={`field wide bank-picker ${invalid || refused !== null ? 'invalid' : ''}`}>
      <label className="field-label" htmlFor="f-to">{props.label}</label>
      <input
        id="f-to"
        name="to"
        data-field="to"
        ref={props.inputRef}
        value={query}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && suggestions[active] !== undefined ? `f-to-option-${suggestions[active].id}` : undefined}
        aria-invalid={invalid}
        aria-describedby={errorId}
        placeholder={t('bankCentre.directory.placeholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => type(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          setOpen(false);
          props.onBlur();
        }}
      />
      {showList && (
        <ul className="bank-suggestions" id={listId} role="listbox" aria-label={props.label} data-testid="bank-suggestions">
          {suggestions.length === 0 ? (
            <li className="bank-none muted">{t('bankCentre.directory.none')}</li>
          ) : (
            suggestions.map((bank, index) => (
              <li
                key={bank.id}
                id={`f-to-option-${bank.id}`}
                role="option"
                aria-selected={index === active}
                aria-disabled={bank.active === false}
                className={`${index === active ? 'active' : ''} ${bank.active === false ? 'suspended' : ''}`}
                data-bank-code={bank.bankCode}
                // mousedown, not click: the input keeps the focus and does not blur first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(bank);
                }}
              >
                <span className="mono">{bank.bankCode}</span>
                <span className="bank-name">{bank.name}</span>
                {bank.active === false ? (
                  <span className="bank-suspended">{t('bankCentre.directory.suspended')}</span>
                ) : (
                  <span className="bank-initials muted">{bank.initials?.toUpperCase()}</span>
                )}
              </li>
            ))
          )}
          <li className="bank-hint muted" aria-hidden="true">{t('bankCentre.directory.hint')}</li>
        </ul>
      )}
      <span className="field-error" id={errorId} data-testid="error-to">{message}</span>
    </div>
  );
}
