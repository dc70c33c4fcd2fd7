import pino from 'pino';
import { newToken } from '../auth/tokens';
import { Centre } from '../centre/centre';
import { EngineHost } from '../engine/engine-host';
import { sharedEngineFactory } from '../engine/clearing-engine-port';
import type { HouseContext } from '../http/house-context';
import { HouseMetrics } from '../http/metrics';
import { ParticipantAuth } from '../http/participant-auth';
import { buildHouseServer } from '../http/server';
import type { HouseStore } from '../store/sql-client';

/**
 * A standby builds the whole HTTP layer once (every route, the centre's too), readies it and
 * throws it away while it waits for the lease: the first build of a process is the JIT's cold
 * start, measured at 0.7 s of a 1.3 s takeover on the shared 2-core machine (load 9), and several
 * seconds when the machine is saturated. After the takeover the real build runs warm. Nothing is
 * listened on, started or written: the throwaway engine host is never started and the routes
 * never called.
 */
export async function warmHttpLayer(store: HouseStore): Promise<void> {
  const logger = pino({ level: 'silent' });
  const metrics = new HouseMetrics();
  const businessDate = (): string => '2000-01-03';
  const host = new EngineHost({ store, factory: sharedEngineFactory, metrics, logger, initialBusinessDate: businessDate() });
  const context: HouseContext = { store, host, metrics, auth: new ParticipantAuth(new Map(), newToken()), logger, epoch: 'warm-up', businessDate };
  context.centre = new Centre(context, { timers: false });
  const app = buildHouseServer(context);
  await app.ready();
  await app.close();
}
