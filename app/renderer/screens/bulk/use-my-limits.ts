import { useEffect, useState } from 'react';
import type { OperatorLimits } from '../../../shared/contract/handlers/operator-limits';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { useRefreshKey } from '../../state/use-refresh-key';

/**
 * The signed-in operator's own amount limits, so a screen can disable what the back end would
 * refuse (a checker above its limit) and say why. Reloaded when an administrator changes them.
 */
export function useMyLimits(): OperatorLimits | null {
  const bridge = useBridge();
  const username = useAppSelector((s) => s.session.operator?.username);
  const refreshKey = useRefreshKey('operators');
  const [limits, setLimits] = useState<OperatorLimits | null>(null);
  useEffect(() => {
    if (username === undefined) return;
    let live = true;
    void bridge.invoke('operators.limits.mine', {}).then((r) => {
      if (live && r.ok) setLimits(r.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, username, refreshKey]);
  return limits;
}
