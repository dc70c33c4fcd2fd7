import { createContext, useContext } from 'react';
import type { HankouBridge } from '../../shared/contract';

/** The bridge is not serialisable, so it lives in a context rather than in the Redux store. */
export const BridgeContext = createContext<HankouBridge | null>(null);

export function useBridge(): HankouBridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error('useBridge outside <BridgeContext.Provider>');
  return bridge;
}
