import type { ConsoleBackend } from '../backend';

/** The part of the console back end a host needs: it carries messages and nothing more. */
export type HostedBackend = Pick<ConsoleBackend, 'invoke' | 'subscribe' | 'endSession'>;
