import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Operator } from '../../shared/domain';
import type { ParticipantSummary } from '../../shared/contract';

/** A bank of the directory (行名行号): `active` false while suspended, `initials` its pinyin initials. */
export type Participant = { id: string; name: string; bankCode: string; self: boolean; active?: boolean; initials?: string };
export type EndReason = 'idle' | 'logout' | 'locked' | 'closed';

export interface SessionState {
  operator: Operator | null;
  businessDate: string | null;
  participant: ParticipantSummary | null;
  idleTimeoutMs: number | null;
  participants: Participant[];
  /** Why the last session ended, shown on the login screen. */
  endedReason: EndReason | null;
  /** Signed in with a one-time password: the console shows only the password change until it is done. */
  mustChangePassword: boolean;
}

const initialState: SessionState = {
  operator: null,
  businessDate: null,
  participant: null,
  idleTimeoutMs: null,
  participants: [],
  endedReason: null,
  mustChangePassword: false,
};

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    loggedIn(
      state,
      action: PayloadAction<{ operator: Operator; businessDate: string; participant: ParticipantSummary; idleTimeoutMs: number; mustChangePassword?: boolean }>,
    ) {
      Object.assign(state, action.payload, { endedReason: null, mustChangePassword: action.payload.mustChangePassword ?? false });
    },
    passwordChanged(state) {
      state.mustChangePassword = false;
    },
    sessionKnown(state, action: PayloadAction<{ businessDate: string; participant: ParticipantSummary }>) {
      state.businessDate = action.payload.businessDate;
      state.participant = action.payload.participant;
    },
    participantsLoaded(state, action: PayloadAction<Participant[]>) {
      state.participants = action.payload;
    },
    ended(state, action: PayloadAction<EndReason>) {
      state.operator = null;
      state.participants = [];
      state.endedReason = action.payload;
    },
  },
});
