import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { participantIdSchema } from '../../shared/domain/participant';

/** What the admin route files share: request schemas and the 400 answer. */

/** Who the audit log names for admin-token calls: one shared operator token (the address tells clients apart). */
export const ADMIN_ACTOR = 'admin';

export const tokenSchema = z.string().min(16, { message: 'tokens are at least 16 characters' }).max(256).regex(/^\S+$/);

export const idParamsSchema = z.object({ id: participantIdSchema }).strict();

export function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  return reply.code(400).send({ error: 'invalid_request', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
}
