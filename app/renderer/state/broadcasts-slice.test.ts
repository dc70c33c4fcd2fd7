import { describe, expect, it } from 'vitest';
import { broadcastToShow, broadcastsSlice } from './broadcasts-slice';
import { sessionSlice } from './session-slice';

const b = (id: number, urgency: 'info' | 'warning' | 'urgent', readAt: string | null = null) => ({ id, at: 't', sender: 's', participantId: null, urgency, title: `t${id}`, body: 'b', readAt });

describe('broadcasts in the renderer', () => {
  it('shows the most urgent unread one first, then the newest', () => {
    expect(broadcastToShow([b(3, 'info'), b(2, 'urgent'), b(1, 'urgent')])?.id).toBe(2);
    expect(broadcastToShow([b(3, 'info'), b(2, 'urgent', 'x')])?.id).toBe(3);
    expect(broadcastToShow([b(2, 'urgent', 'x')])).toBeUndefined();
  });

  it('puts a pulled one on top unread, keeps a read mark on a repeat, and forgets all at sign-out', () => {
    const { reducer, actions } = broadcastsSlice;
    let state = reducer(undefined, actions.loaded([b(1, 'info', 'x')]));
    state = reducer(state, actions.received(b(2, 'warning')));
    state = reducer(state, actions.received(b(1, 'info')));
    expect(state.items.map((i) => [i.id, i.readAt])).toEqual([[2, null], [1, 'x']]);
    state = reducer(state, actions.read({ id: 2, at: 'y' }));
    expect(state.items[0]?.readAt).toBe('y');
    expect(reducer(state, sessionSlice.actions.ended('logout')).items).toEqual([]);
  });
});
