import { useCallback } from 'react';
import { useBridge } from '../../state/bridge-context';
import { broadcastsSlice, useAppDispatch } from '../../state/store';

/** Marks a broadcast read for the signed-in operator, in main first, then on screen. */
export function useMarkBroadcastRead(): (id: number) => void {
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  return useCallback(
    (id: number) =>
      void bridge.invoke('broadcasts.markRead', { id }).then((r) => {
        if (r.ok) dispatch(broadcastsSlice.actions.read({ id, at: new Date().toISOString() }));
      }),
    [bridge, dispatch],
  );
}
