import type { EventName, HankouBridge, InvokeResult, HandlerName } from '../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The minimal WebSocket the bridge needs (the browser's, or a fake in tests). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}

export interface WebSocketBridge extends HankouBridge {
  onConnection(listener: (state: ConnectionState) => void): () => void;
  connectionState(): ConnectionState;
  close(): void;
}

const OPEN = 1;
/** Reconnect after a drop, backing off to this at most. */
const MAX_RECONNECT_DELAY_MS = 5_000;
/** A request with no answer in this time fails rather than hanging the form. */
export const REQUEST_TIMEOUT_MS = 30_000;

type Pending = { resolve: (r: InvokeResult<HandlerName>) => void; timer: ReturnType<typeof setTimeout> };

function failure(code: string, message: string, messageZh: string): InvokeResult<HandlerName> {
  return { ok: false, error: { code, message, messageZh } };
}

/**
 * The browser host's side of the contract: {id, name, input} out, {id, result} and
 * {event, payload} in. A dropped connection fails what is in flight with 'bridge.disconnected'
 * and reconnects; the host starts a fresh session for the new socket.
 */
export function createWebSocketBridge(url: string, makeSocket: (url: string) => SocketLike): WebSocketBridge {
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let closedByUs = false;
  let reconnectDelayMs = 250;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(state);
  };

  const connect = () => {
    setState('connecting');
    const s = makeSocket(url);
    socket = s;
    s.onopen = () => {
      reconnectDelayMs = 250;
      setState('open');
      while (queue.length > 0 && s.readyState === OPEN) s.send(queue.shift() as string);
    };
    s.onmessage = (ev) => onMessage(ev.data);
    s.onerror = () => {};
    s.onclose = () => {
      socket = null;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(failure('bridge.disconnected', 'the connection to the console back end was lost', '与控制台后端的连接已断开'));
        pending.delete(id);
      }
      setState('closed');
      if (!closedByUs) {
        setTimeout(connect, reconnectDelayMs);
        reconnectDelayMs = Math.min(reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
      }
    };
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.event === 'string') {
      for (const l of eventListeners.get(m.event) ?? []) l(m.payload);
      return;
    }
    if (typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(m.result as InvokeResult<HandlerName>);
    }
  };

  connect();

  return {
    invoke<N extends HandlerName>(name: N, input: unknown): Promise<InvokeResult<N>> {
      const id = nextId++;
      const text = JSON.stringify({ id, name, input });
      return new Promise<InvokeResult<N>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure('bridge.timeout', 'the console back end did not answer in time', '控制台后端响应超时') as InvokeResult<N>);
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve: resolve as Pending['resolve'], timer });
        if (socket !== null && socket.readyState === OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(name: EventName, listener) {
      let set = eventListeners.get(name);
      if (set === undefined) {
        set = new Set();
        eventListeners.set(name, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    connectionState: () => state,
    close() {
      closedByUs = true;
      socket?.close();
    },
  };
}
