import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ReceivedBroadcast } from '../../shared/contract/handlers/centre-bank';
import type { Broadcast } from '../../shared/contract/centre-api';
import { sessionSlice } from './session-slice';

/** The clearing centre's broadcasts (公告) for the signed-in operator, newest first. */
export const broadcastsSlice = createSlice({
  name: 'broadcasts',
  initialState: { items: [] as ReceivedBroadcast[] },
  reducers: {
    loaded(state, action: PayloadAction<ReceivedBroadcast[]>) {
      state.items = action.payload;
    },
    /** Just pulled (event 'broadcast'): unread, on top. */
    received(state, action: PayloadAction<Broadcast>) {
      const known = state.items.find((b) => b.id === action.payload.id);
      state.items = [{ ...action.payload, readAt: known?.readAt ?? null }, ...state.items.filter((b) => b.id !== action.payload.id)].sort((a, b) => b.id - a.id);
    },
    read(state, action: PayloadAction<{ id: number; at: string }>) {
      const item = state.items.find((b) => b.id === action.payload.id);
      if (item && item.readAt === null) item.readAt = action.payload.at;
    },
  },
  extraReducers: (builder) => {
    // Read marks are per operator: the next one loads their own.
    builder.addCase(sessionSlice.actions.ended, (state) => {
      state.items = [];
    });
  },
});

const URGENCY_RANK = { urgent: 0, warning: 1, info: 2 } as const;

/** The unread broadcast to show first: the most urgent, then the newest. */
export function broadcastToShow(items: readonly ReceivedBroadcast[]): ReceivedBroadcast | undefined {
  return items
    .filter((b) => b.readAt === null)
    .sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || b.id - a.id)[0];
}
