import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Operator } from '../../shared/domain';
import type { CentreSessionRole, ConsoleRole } from '../../shared/domain/operator';
import type { ParticipantSummary } from '../../shared/contract';

/** A bank of the directory (行名行号): `active` false while suspended, `initials` its pinyin initials. */
export type Participant = { id: string; name: string; bankCode: string; self: boolean; active?: boolean; initials?: string };
/** A centre operator (centre mode): signed in at the house, one centre role, no bank. */
export type CentreOperator = { username: string; displayName: string; roles: CentreSessionRole[] };
export type EndReason = 'idle' | 'logout' | 'locked' | 'closed';

export interface SessionState {
  /** A bank operator of this console; null when nobody or a centre operator is signed in. */
  operator: Operator | null;
  /** Centre mode: the centre operator signed in and the house they signed in at. */
  centre: { operator: CentreOperator; houseUrl: string } | null;
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
  centre: null,
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
      Object.assign(state, action.payload, { endedReason: null, mustChangePassword: action.payload.mustChangePassword ?? false, centre: null });
    },
    /** A centre operator signed in (password and TOTP at the house). */
    centreLoggedIn(state, action: PayloadAction<{ operator: CentreOperator; businessDate: string; houseUrl: string; idleTimeoutMs: number }>) {
      const { operator, businessDate, houseUrl, idleTimeoutMs } = action.payload;
      Object.assign(state, { operator: null, centre: { operator, houseUrl }, businessDate, idleTimeoutMs, participant: null, endedReason: null, mustChangePassword: false });
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
      state.centre = null;
      state.participants = [];
      state.endedReason = action.payload;
    },
  },
});

/** Whoever is signed in, bank or centre: the name and roles the shell, menu and status bar show. */
export function signedIn(state: SessionState): { username: string; displayName: string; roles: readonly ConsoleRole[] } | null {
  return state.operator ?? state.centre?.operator ?? null;
}
