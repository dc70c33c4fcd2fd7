import { useTranslation } from 'react-i18next';

/** A payment status as coloured text: calm colours, the word carries the meaning. */
export function StatusChip({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`chip chip-${status}`}>{t(`statuses.${status}`)}</span>;
}
