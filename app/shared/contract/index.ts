import type { z } from 'zod';
import type { handlers } from './handlers';
import type { events } from './events';
import type { ContractError } from './errors';

export { handlers } from './handlers';
export { events } from './events';
export { HANDLER_NAMES, EVENT_NAMES } from './handler-names';
export * from './errors';
export * from './payment-row';
export * from './blotter-query';
export * from './capture-input';
export * from './capture-validation';
export * from './notice';
export { mayCall, countsAsActivity } from './handler-access';
export { appStatusSchema, type AppStatus } from './handlers/app';
export { participantSummarySchema, type ParticipantSummary, type HandlerSpec, type HandlerAccess } from './handlers/common';

export type Handlers = typeof handlers;
export type HandlerName = keyof Handlers;
export type HandlerInput<N extends HandlerName> = z.input<Handlers[N]['input']>;
export type HandlerOutput<N extends HandlerName> = z.output<Handlers[N]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type InvokeResult<N extends HandlerName> = { ok: true; value: HandlerOutput<N> } | { ok: false; error: ContractError };

/** What the renderer gets, from the Electron preload (window.hankou) or the WebSocket client. */
export type HankouBridge = {
  invoke<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<InvokeResult<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};
