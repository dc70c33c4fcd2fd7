import { describe, it, expect } from 'vitest';
import { createWebSocketBridge, type SocketLike } from './ws-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: never) => void) | null = null;
  onclose: ((ev: never) => void) | null = null;
  onerror: ((ev: never) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.(undefined as never);
  }
  open() {
    this.readyState = 1;
    this.onopen?.(undefined as never);
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
}

describe('WebSocket bridge', () => {
  it('queues calls until open, then matches answers by id', async () => {
    const sockets: FakeSocket[] = [];
    const bridge = createWebSocketBridge('ws://x', () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    });
    const socket = sockets[0] as FakeSocket;
    const first = bridge.invoke('app.status', {});
    const second = bridge.invoke('participants.list', {});
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent.map((s) => JSON.parse(s) as unknown)).toEqual([
      { id: 1, name: 'app.status', input: {} },
      { id: 2, name: 'participants.list', input: {} },
    ]);
    socket.receive({ id: 2, result: { ok: true, value: [] } });
    socket.receive({ id: 1, result: { ok: false, error: { code: 'auth.required', message: 'm', messageZh: 'z' } } });
    expect(await second).toEqual({ ok: true, value: [] });
    expect(await first).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    bridge.close();
  });

  it('delivers events to listeners until they unsubscribe', () => {
    let socket: FakeSocket | undefined;
    const bridge = createWebSocketBridge('ws://x', () => (socket = new FakeSocket()));
    socket?.open();
    const seen: unknown[] = [];
    const off = bridge.on('session.ended', (p) => seen.push(p));
    socket?.receive({ event: 'session.ended', payload: { reason: 'idle' } });
    off();
    socket?.receive({ event: 'session.ended', payload: { reason: 'logout' } });
    expect(seen).toEqual([{ reason: 'idle' }]);
    bridge.close();
  });

  it('fails calls in flight when the connection drops, and reports the link state', async () => {
    let socket: FakeSocket | undefined;
    const bridge = createWebSocketBridge('ws://x', () => (socket = new FakeSocket()));
    const states: string[] = [];
    bridge.onConnection((s) => states.push(s));
    socket?.open();
    const call = bridge.invoke('app.status', {});
    bridge.close();
    expect(await call).toMatchObject({ ok: false, error: { code: 'bridge.disconnected' } });
    expect(states).toEqual(['open', 'closed']);
  });
});
