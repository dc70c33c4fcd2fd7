import type { ConsoleRole } from '../domain/operator';
import { handlers } from './handlers';
import type { HandlerSpec } from './handlers/common';
import type { HandlerName } from './index';

function specOf(name: HandlerName): HandlerSpec {
  return handlers[name];
}

/**
 * Whether an operator with these roles may call the handler: the one role check, made by main
 * before every call and by the renderer to decide which buttons it offers.
 */
export function mayCall(roles: readonly ConsoleRole[] | undefined, name: HandlerName): boolean {
  const access = specOf(name).roles;
  if (access === 'public') return true;
  return roles !== undefined && access.some((role) => roles.includes(role));
}

/** Whether a call counts as operator activity for the idle timeout (the spec's `activity` flag). */
export function countsAsActivity(name: HandlerName): boolean {
  return specOf(name).activity === true;
}
