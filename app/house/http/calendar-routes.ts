import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, calendarYearSchema } from '../../shared/domain/calendar-file';
import { TransientError } from '../engine/engine-host';
import { publishCalendarYear, readCalendarYear } from '../store/calendar-store';
import type { HouseContext } from './house-context';
import { ADMIN_ACTOR, badRequest } from './admin-request';

const yearParamsSchema = z.object({ year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR) }).strict();

/**
 * The working-day calendar, a year at a time (docs/calendar.md). Registered under /v1/admin,
 * so the admin token is required (admin-routes.ts checks it for every /v1/admin/ path).
 */
export function registerCalendarRoutes(app: FastifyInstance, house: HouseContext): void {
  app.get('/v1/admin/calendar/:year', async (request, reply) => {
    const params = yearParamsSchema.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const calendar = await readCalendarYear(house.store, params.data.year);
    if (!calendar) return reply.code(404).send({ error: 'not_found', message: `no calendar for ${params.data.year}; working days are Monday to Friday` });
    return calendar;
  });

  app.put('/v1/admin/calendar/:year', async (request, reply) => {
    const params = yearParamsSchema.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const body = calendarYearSchema.safeParse(request.body);
    if (!body.success) return badRequest(reply, body.error);
    if (body.data.year !== params.data.year) {
      return reply.code(400).send({ error: 'invalid_request', message: `year: the body is for ${body.data.year}, the address for ${params.data.year}` });
    }
    try {
      await publishCalendarYear(house.host, body.data, { actor: ADMIN_ACTOR, detail: { address: request.ip } });
    } catch (error) {
      if (error instanceof TransientError) return reply.code(503).send({ error: 'unavailable', message: error.message });
      throw error;
    }
    request.log.info({ event: 'calendar.set', year: body.data.year }, 'working calendar replaced');
    return { year: body.data.year, holidays: body.data.holidays.length, workingWeekends: body.data.workingWeekends.length };
  });
}
