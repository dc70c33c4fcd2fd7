import { mayCall, type HandlerName } from '../../../shared/contract';
import { useAppSelector } from '../../state/store';

/** The signed-in centre operator's name and whether they may call a handler (buttons are offered or disabled by this). */
export function useCentreRole(): { username: string; may: (name: HandlerName) => boolean; role: string | undefined } {
  const operator = useAppSelector((s) => s.session.centre?.operator);
  return { username: operator?.username ?? '', role: operator?.roles[0], may: (name) => mayCall(operator?.roles, name) };
}
