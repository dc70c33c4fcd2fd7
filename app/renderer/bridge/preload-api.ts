import type { EventName, EventPayload, HandlerInput, HandlerName, HankouBridge, InvokeResult } from '../../shared/contract';

/**
 * What the Electron preload puts on window.hankou: one method per contract handler and on().
 * No raw ipcRenderer reaches the page.
 */
export type PreloadApi = { [N in HandlerName]: (input: HandlerInput<N>) => Promise<InvokeResult<N>> } & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

declare global {
  interface Window {
    hankou?: PreloadApi;
  }
}

/** Adapts the preload's per-handler methods to the HankouBridge the app uses. */
export function bridgeFromPreload(api: PreloadApi): HankouBridge {
  return {
    invoke(name, input) {
      const method = api[name] as ((input: unknown) => Promise<InvokeResult<typeof name>>) | undefined;
      if (typeof method !== 'function') throw new Error(`the preload does not expose ${name}`);
      return method(input);
    },
    on: (name, listener) => api.on(name, listener),
  };
}
