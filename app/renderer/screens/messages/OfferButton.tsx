import { useTranslation } from 'react-i18next';
import type { Offer } from './message-rules';

/**
 * A message action as offered (message-rules.ts): absent when not offered at all, disabled with
 * the reason as its tooltip when this operator may not take it, with its shortcut key if it has one.
 */
export function OfferButton(props: { offer: Offer | undefined; testId: string; label: string; shortcut?: string; onClick: () => void }) {
  const { t } = useTranslation();
  const { offer } = props;
  if (offer === undefined) return null;
  return (
    <button type="button" data-testid={props.testId} disabled={offer.why !== undefined} title={offer.why === undefined ? undefined : t(`messages.why.${offer.why}`)} onClick={props.onClick}>
      {props.label}
      {props.shortcut !== undefined && <span className="key">{props.shortcut}</span>}
    </button>
  );
}
