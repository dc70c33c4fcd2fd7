import { z } from 'zod';

/**
 * What travels over the browser host's WebSocket: the same contract as Electron's IPC.
 *   client -> host  {id, name, input}
 *   host -> client  {id, result}            result is an InvokeResult
 *   host -> client  {event, payload}        pushed events
 */
export const MAX_WS_MESSAGE_BYTES = 1024 * 1024;

export const clientRequestSchema = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1).max(64),
    input: z.unknown(),
  })
  .strict();
export type ClientRequest = z.infer<typeof clientRequestSchema>;

export type BridgeError = { code: string; message: string; messageZh: string };

export function bridgeError(code: string, message: string, messageZh: string): { ok: false; error: BridgeError } {
  return { ok: false, error: { code, message, messageZh } };
}
