import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { HandlerOutput } from '../../shared/contract';
import { sessionSlice } from './session-slice';

/**
 * The message inbox (messages.inbox) as the signed-in operator sees it: loaded by the shell, so
 * the side nav's badge and the inbox screen read the same list; null until loaded.
 */
export const inboxSlice = createSlice({
  name: 'inbox',
  initialState: { data: null as HandlerOutput<'messages.inbox'> | null, readNow: [] as string[] },
  reducers: {
    loaded(state, action: PayloadAction<HandlerOutput<'messages.inbox'>>) {
      state.data = action.payload;
      state.readNow = [];
    },
    /**
     * This operator opened the thread (main has the mark already): no longer shown unread, but
     * it keeps its place in the list until the next load, so the row being read does not jump.
     */
    read(state, action: PayloadAction<string>) {
      if (!state.readNow.includes(action.payload)) state.readNow.push(action.payload);
    },
  },
  extraReducers: (builder) => {
    // Unread marks are per operator: the next one loads their own.
    builder.addCase(sessionSlice.actions.ended, (state) => {
      state.data = null;
      state.readNow = [];
    });
  },
});
