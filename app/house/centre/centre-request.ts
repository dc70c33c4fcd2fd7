import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CentreRole } from '../../shared/contract/centre-api';
import { centreActor } from './centre-audit';
import type { CentreOperator } from './centre-auth';

/** The operator of each authenticated centre request (set by the centre's onRequest hook). */
const operators = new WeakMap<FastifyRequest, { operator: CentreOperator; tokenSha256: string }>();

export function attachOperator(request: FastifyRequest, session: { operator: CentreOperator; tokenSha256: string }): void {
  operators.set(request, session);
}

export function sessionOf(request: FastifyRequest): { operator: CentreOperator; tokenSha256: string } {
  const session = operators.get(request);
  if (!session) throw new Error(`centre route ${request.url} reached without a session`);
  return session;
}

export function operatorOf(request: FastifyRequest): CentreOperator {
  return sessionOf(request).operator;
}

export function actorOf(request: FastifyRequest): string {
  return centreActor(operatorOf(request).username);
}

/** 403 unless the operator has one of the roles; returns whether the request may go on. */
export function requireRole(request: FastifyRequest, reply: FastifyReply, roles: readonly CentreRole[]): boolean {
  const { role } = operatorOf(request);
  if (roles.includes(role)) return true;
  void reply.code(403).send({ error: 'forbidden', message: `this needs the role ${roles.join(' or ')}; you are ${role}` });
  return false;
}

export function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  return reply.code(400).send({ error: 'invalid_request', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
}

export function refusal(reply: FastifyReply, r: { status: number; error: string; message: string } & Record<string, unknown>): FastifyReply {
  const { status, ...body } = r;
  return reply.code(status).send(body);
}
