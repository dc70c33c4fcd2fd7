import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EngineHost } from '../engine/engine-host';
import type { HouseStore } from '../store/sql-client';
import type { HouseMetrics } from './metrics';
import type { AutoArchive } from '../archive/auto-archive';
import type { ParticipantAuth } from './participant-auth';
import type { LoadTrace } from '../load-trace';

/** What the routes need from the running house. */
export interface HouseContext {
  store: HouseStore;
  host: EngineHost;
  metrics: HouseMetrics;
  auth: ParticipantAuth;
  logger: Logger;
  /** Identifies this ledger; part of every cursor. */
  epoch: string;
  businessDate(): string;
  /** Test-only routes (`--test-clock`: POST /v1/test/clock); absent in production. */
  testRoutes?: { register(app: FastifyInstance): void };
  /** The clearing centre's routes (app/house/centre), when the house runs them. */
  centre?: { register(app: FastifyInstance): void };
  /** The house's own archiving (`house serve --archive-dir`), when on. */
  archive?: Pick<AutoArchive, 'lastRun' | 'problem'>;
  /** The load trace (`HANKOU_LOAD_TRACE`), when on: each push's time breakdown. */
  trace?: LoadTrace;
}
