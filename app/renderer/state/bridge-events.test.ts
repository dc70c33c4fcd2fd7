import { describe, it, expect } from 'vitest';
import type { HankouBridge } from '../../shared/contract';
import { createStore, sessionSlice, statusSlice } from './store';
import { wireBridgeEvents } from './bridge-events';

function fakeBridge() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge: HankouBridge = {
    invoke: async () => ({ ok: true, value: {} }) as never,
    on: (name, listener) => {
      listeners.set(name, listener as (payload: unknown) => void);
      return () => listeners.delete(name);
    },
  };
  return { bridge, push: (name: string, payload: unknown) => listeners.get(name)?.(payload) };
}

const login = {
  operator: { username: 'clerk1', displayName: '张丽', roles: ['clerk' as const] },
  businessDate: '2026-11-26',
  participant: { id: 'HKB', name: '汉口银行', bankCode: '313521000011' },
  idleTimeoutMs: 900_000,
};

describe('bridge events into the store', () => {
  it('an idle timeout signs the operator out and says why', () => {
    const store = createStore();
    const { bridge, push } = fakeBridge();
    wireBridgeEvents(bridge, store);
    store.dispatch(sessionSlice.actions.loggedIn(login));
    push('session.ended', { reason: 'idle' });
    expect(store.getState().session.operator).toBeNull();
    expect(store.getState().session.endedReason).toBe('idle');
  });

  it('a dropped host link ends the session (the next socket is a new session)', () => {
    const store = createStore();
    wireBridgeEvents(fakeBridge().bridge, store);
    store.dispatch(statusSlice.actions.link('open'));
    store.dispatch(sessionSlice.actions.loggedIn(login));
    store.dispatch(statusSlice.actions.link('closed'));
    expect(store.getState().session.endedReason).toBe('closed');
  });

  it('alerts arrive newest first and payment changes bump the refresh counter', () => {
    const store = createStore();
    const { bridge, push } = fakeBridge();
    wireBridgeEvents(bridge, store);
    const alert = (id: string) => ({ id, at: '2026-11-26T01:00:00Z', severity: 'info', message: id, messageZh: id, paymentId: null, acknowledged: false });
    push('notice', alert('a1'));
    push('notice', alert('a2'));
    expect(store.getState().alerts.items.map((a) => a.id)).toEqual(['a2', 'a1']);
    push('payments.changed', { ids: ['p1'], all: false });
    expect(store.getState().ui.paymentsVersion).toBe(1);
  });

  it('someone’s change reloads the screens of that area, and a sign-in lands on the role’s screen', () => {
    const store = createStore();
    const { bridge, push } = fakeBridge();
    wireBridgeEvents(bridge, store);
    push('data.changed', { handler: 'recon.sessions.approveWriteOff', by: 'super1' });
    push('data.changed', { handler: 'risk.largeValue.markFiled', by: 'risk1' });
    push('data.changed', { handler: 'no.area', by: 'x' });
    expect(store.getState().ui.dataVersions).toEqual({ recon: 1, largeValue: 1 });
    store.dispatch(sessionSlice.actions.loggedIn({ ...login, operator: { username: 'recon1', displayName: '周杰', roles: ['recon'] } }));
    expect(store.getState().ui.screen).toBe('recon');
  });
});
