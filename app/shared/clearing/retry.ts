import { retryDns } from './netting';
import { retryRtgs } from './rtgs';
import type { EngineState, ParticipantState } from './state';

/**
 * Retries the queues of everyone whose position improved during the command, in the order
 * they improved; settling one bank's payment can improve the next, which joins the end of the
 * list. RTGS first (urgent gross payments before netting, as CNAPS HVPS before BEPS), then DNS.
 * Terminates: every round either settles or admits something, or leaves the queue as it was.
 */
export function processWorklist(state: EngineState): void {
  const worklist = state.worklist;
  if (worklist.length === 0) return;
  for (let i = 0; i < worklist.length; i += 1) {
    const p = worklist[i] as ParticipantState;
    p.inWorklist = false;
    retryRtgs(state, p);
    retryDns(state, p);
  }
  worklist.length = 0;
}
