import { describe, expect, it } from 'vitest';
import { inboxSlice } from './inbox-slice';
import { sessionSlice } from './session-slice';

describe('the inbox in the renderer', () => {
  it('remembers threads read since the load until the next load, and forgets all at sign-out', () => {
    const { reducer, actions } = inboxSlice;
    const empty = { threads: [], decisions: [], pending: [] };
    let state = reducer(undefined, actions.loaded(empty));
    state = reducer(state, actions.read('T1'));
    state = reducer(state, actions.read('T1'));
    expect(state.readNow).toEqual(['T1']);
    expect(reducer(state, actions.loaded(empty)).readNow).toEqual([]);
    const ended = reducer(state, sessionSlice.actions.ended('logout'));
    expect(ended).toEqual({ data: null, readNow: [] });
  });
});
