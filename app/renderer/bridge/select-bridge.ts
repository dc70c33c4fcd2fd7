import type { HankouBridge } from '../../shared/contract';
import { bridgeFromPreload } from './preload-api';
import { createWebSocketBridge, type ConnectionState } from './ws-bridge';

export type AppBridge = {
  bridge: HankouBridge;
  host: 'electron' | 'web';
  /** The host refused this page its back end for want of a launch key (the browser host answers that itself now: never true). */
  missingKey: boolean;
  /** The host link's state: always 'open' in Electron (IPC cannot drop). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
};

export function selectBridge(): AppBridge {
  if (window.hankou !== undefined) {
    return { bridge: bridgeFromPreload(window.hankou), host: 'electron', missingKey: false, onConnection: () => () => {} };
  }
  // The browser host serves this page only to a browser holding its launch cookie (HttpOnly,
  // exchanged for the ?k= key before the page loads: app/main/web/launch-cookie.ts); the same
  // cookie admits the WebSocket, so the page never sees a key.
  const ws = createWebSocketBridge(`ws://${window.location.host}/ws`, (url) => new WebSocket(url));
  return {
    bridge: ws,
    host: 'web',
    missingKey: false,
    onConnection: (listener) => {
      listener(ws.connectionState());
      return ws.onConnection(listener);
    },
  };
}
