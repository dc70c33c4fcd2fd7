import type { z } from 'zod';
import type { Handlers, HandlerName, HandlerOutput } from '../shared/contract';
import type { BackendServices } from './backend-services';
import type { Session } from './auth/sessions';
import type { BlotterCache } from './payments/blotter/blotter-cache';

export interface HandlerContext {
  services: BackendServices;
  blotter: BlotterCache;
  sessionKey: string;
  /** The caller's session; present for every handler that is not 'public'. */
  session: Session | undefined;
  /** ISO time of this call. */
  at: string;
}

/** Parsed input (defaults applied) of a handler. */
export type ParsedInput<N extends HandlerName> = z.output<Handlers[N]['input']>;

export type HandlerImpl<N extends HandlerName> = (
  ctx: HandlerContext,
  input: ParsedInput<N>,
) => HandlerOutput<N> | Promise<HandlerOutput<N>>;

export type HandlerImpls<K extends HandlerName> = { [N in K]: HandlerImpl<N> };

/** The session of a handler that required one; the backend checked it before calling. */
export function requireSession(ctx: HandlerContext): Session {
  if (ctx.session === undefined) throw new Error('handler needs a session but was called without one');
  return ctx.session;
}
