import { useAppSelector } from './store';
import type { DataArea } from './ui-slice';

/**
 * A value that changes when the screen must reload: F5 (and any payment change) or someone's
 * change to the area's data. Put it in the loading effect's dependencies.
 */
export function useRefreshKey(area: DataArea): string {
  const payments = useAppSelector((s) => s.ui.paymentsVersion);
  const data = useAppSelector((s) => s.ui.dataVersions[area] ?? 0);
  return `${payments}:${data}`;
}
