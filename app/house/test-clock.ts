import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { minuteOf } from '../shared/clearing/clock';
import { clockTimeSchema } from '../shared/domain/payment';
import { CLEARING_CENTRE_UTC_OFFSET_MS } from '../shared/domain/calendar';
import { tickBusinessClock } from './business-clock';
import type { HouseContext } from './http/house-context';
import { eventsToJson } from './http/admin-routes';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * A business clock tests can move (docs/house.md "Test clock"): the real clock plus an offset.
 * Only a house started with `--test-clock` (startHouse `testClock: true`) has one; otherwise
 * `POST /v1/test/clock` does not exist (404). Setting a time moves the clock to the start of
 * that minute and lets it run on from there; never backwards, as the engine's own rule.
 */
export class TestClock {
  private offsetMs = 0;

  constructor(private readonly baseNowMs: () => number) {}

  readonly nowMs = (): number => this.baseNowMs() + this.offsetMs;

  /** From now on the clock reads `minuteOfDay` (UTC+8) at its first second, and runs on. */
  setMinute(minuteOfDay: number): void {
    const msOfDay = (((this.nowMs() + CLEARING_CENTRE_UTC_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
    this.offsetMs += minuteOfDay * MINUTE_MS - msOfDay;
  }
}

const bodySchema = z.object({ time: clockTimeSchema }).strict();

/** `POST /v1/test/clock {time: "HH:MM"}` (admin token): moves the business clock and ticks once. */
export function registerTestClockRoute(app: FastifyInstance, house: HouseContext, clock: TestClock): void {
  app.post('/v1/test/clock', async (request, reply) => {
    if (!house.auth.admin(request, reply)) return reply;
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: parsed.error.issues[0]?.message ?? 'invalid' });
    const minute = minuteOf(parsed.data.time) ?? 0;
    const engineMinute = minuteOf(house.host.view()?.clock() ?? '00:00') ?? 0;
    if (minute < engineMinute) {
      return reply.code(409).send({ error: 'refused', reason: 'CLOCK_BACKWARDS', message: `the business clock is at ${house.host.view()?.clock() ?? '00:00'}; it never goes back` });
    }
    clock.setMinute(minute);
    const events = await tickBusinessClock(house.host, clock.nowMs);
    house.logger.warn({ event: 'test_clock.set', time: parsed.data.time }, 'test clock moved the business clock');
    return reply.send({ clock: house.host.view()?.clock() ?? parsed.data.time, events: eventsToJson(events) });
  });
}
