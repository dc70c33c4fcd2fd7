import { useEffect } from 'react';
import { useBridge } from '../../state/bridge-context';
import { inboxSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { signedIn } from '../../state/session-slice';
import { canSee } from '../../state/screen-access';

/** Overdue marks move with the clock, not with the feed: reload now and then as well. */
export const INBOX_REFRESH_MS = 30_000;

/**
 * Keeps the message inbox loaded for an operator who handles messages: at sign-in, whenever the
 * pull brings a thread or a step (the back end's payments.changed, also after this console's own
 * step) or F5, and every INBOX_REFRESH_MS. The side nav's badge and the inbox screen read it.
 */
export function useInboxFeed(): void {
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => signedIn(s.session));
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const allowed = canSee(operator?.roles ?? [], 'messages');
  const username = operator?.username ?? '';
  useEffect(() => {
    if (!allowed) return undefined;
    let live = true;
    const load = () =>
      void bridge.invoke('messages.inbox', {}).then((r) => {
        if (live && r.ok) dispatch(inboxSlice.actions.loaded(r.value));
      });
    load();
    const timer = setInterval(load, INBOX_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, dispatch, allowed, username, paymentsVersion]);
}
