import type { AppStatus } from '../../shared/contract';
import type { BackendServices } from '../backend-services';
import { selfParticipant } from '../settings/participants';
import { requireSetting } from '../settings/settings';
import { CONSOLE_VERSION } from '../version';
import { positionWarningStands } from '../liquidity/liquidity-state';
import { storedScheduleFor } from '../settings/centre-reference';

/** What the status bar shows: answered by app.status and pushed as the 'status' event. */
export function currentAppStatus(services: BackendServices): AppStatus {
  const { db } = services;
  const self = selfParticipant(db);
  const link = services.linkStatus();
  const businessDate = requireSetting(db, 'business_date');
  return {
    businessDate,
    connection: link.connection,
    participant: { id: self.id, name: self.name, bankCode: self.bankCode },
    version: CONSOLE_VERSION,
    pendingOutbox: link.pendingOutbox,
    storeHealth: services.storeHealth.state,
    positionWarning: positionWarningStands(db),
    daySchedule: storedScheduleFor(db, businessDate),
  };
}
