import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import type { HostedBackend } from './hosted-backend';
import { bridgeError, clientRequestSchema } from './wire-messages';

export type Channel = { sessionKey: string; socket: WebSocket };

/**
 * Wires one WebSocket to the back end: it is one session (its own sessionKey), requests run
 * through backend.invoke, and the session ends when the socket closes.
 */
export function attachChannel(socket: WebSocket, backend: HostedBackend, log: (line: string) => void): Channel {
  const sessionKey = `ws:${randomUUID()}`;
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send(socket, { id: null, result: bridgeError('bridge.bad_message', 'binary messages are not accepted', '不接受二进制消息') });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      send(socket, { id: null, result: bridgeError('bridge.bad_message', 'message is not JSON', '消息不是 JSON 格式') });
      return;
    }
    const request = clientRequestSchema.safeParse(parsed);
    if (!request.success) {
      send(socket, { id: null, result: bridgeError('bridge.bad_message', 'message must be {id, name, input}', '消息格式应为 {id, name, input}') });
      return;
    }
    const { id, name, input } = request.data;
    backend.invoke(sessionKey, name, input).then(
      (result) => send(socket, { id, result }),
      (error: unknown) => {
        // invoke never throws for user errors; reaching here is a bug in the back end.
        log(`web host: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(socket, { id, result: bridgeError('internal', 'internal error, see the console log', '内部错误，请查看日志') });
      },
    );
  });
  // A frame over MAX_WS_MESSAGE_BYTES or a text frame that is not UTF-8 makes ws emit 'error'
  // and close the socket (1009, 1007). Unheard, that error would be an uncaught exception and
  // take the whole console down; heard, only this connection ends.
  socket.on('error', (error) => log(`web host: WebSocket closed on a bad frame: ${error.message}`));
  socket.on('close', () => backend.endSession(sessionKey));
  return { sessionKey, socket };
}

export function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
