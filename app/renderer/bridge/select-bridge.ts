import type { HankouBridge } from '../../shared/contract';
import { bridgeFromPreload } from './preload-api';
import { createWebSocketBridge, type ConnectionState } from './ws-bridge';

export type AppBridge = {
  bridge: HankouBridge;
  host: 'electron' | 'web';
  /** The browser host was opened without its launch key: the WebSocket will be refused. */
  missingKey: boolean;
  /** The host link's state: always 'open' in Electron (IPC cannot drop). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
};

const SECRET_STORAGE_KEY = 'hankou.k';

/**
 * The launch key arrives once in the URL (?k= or #k=). It is kept in sessionStorage (this tab
 * only) and taken out of the address bar so it does not linger in history or screenshots.
 */
export function takeLaunchKey(location: Location, storage: Storage, history: History): string | null {
  const fromQuery = new URLSearchParams(location.search).get('k');
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('k');
  const key = fromQuery ?? fromHash;
  if (key !== null && key !== '') {
    storage.setItem(SECRET_STORAGE_KEY, key);
    history.replaceState(null, '', location.pathname);
    return key;
  }
  return storage.getItem(SECRET_STORAGE_KEY);
}

export function selectBridge(): AppBridge {
  if (window.hankou !== undefined) {
    return { bridge: bridgeFromPreload(window.hankou), host: 'electron', missingKey: false, onConnection: () => () => {} };
  }
  const key = takeLaunchKey(window.location, window.sessionStorage, window.history);
  const wsUrl = `ws://${window.location.host}/ws?k=${encodeURIComponent(key ?? '')}`;
  const ws = createWebSocketBridge(wsUrl, (url) => new WebSocket(url));
  return {
    bridge: ws,
    host: 'web',
    missingKey: key === null,
    onConnection: (listener) => {
      listener(ws.connectionState());
      return ws.onConnection(listener);
    },
  };
}
