// The browser host's port for `npm start`: the same one every run, so a bookmark keeps working.
import { createServer } from 'node:net';

/**
 * Fixed so a bookmark of the console keeps working from run to run: 5210, Wuhan's city code in
 * the CNAPS bank codes (313 5210 00011 is 汉口银行), clear of the usual development ports.
 */
export const DEFAULT_CONSOLE_PORT = 5210;

/** Whether nothing listens on 127.0.0.1:port right now (a short-lived probe listener). */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once('error', () => resolvePromise(false));
    probe.once('listening', () => probe.close(() => resolvePromise(true)));
    probe.listen({ port, host, exclusive: true });
  });
}

/**
 * The port to serve on and, when it is not the one asked for, why: HANKOU_PORT when set (0 asks
 * for any free port, silently), else DEFAULT_CONSOLE_PORT; when that one is taken, 0 (the system
 * picks a free port) and a line to print, so the user knows the bookmark will not work this time.
 */
export async function chooseConsolePort(envPort, isFree = isPortFree) {
  const fromEnv = envPort !== undefined && envPort !== '';
  const wanted = fromEnv ? Number(envPort) : DEFAULT_CONSOLE_PORT;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    throw new Error(`HANKOU_PORT="${envPort}" is not a port number (0-65535)`);
  }
  if (wanted === 0) return { port: 0, wanted, note: null };
  if (await isFree(wanted)) return { port: wanted, wanted, note: null };
  const source = fromEnv ? 'HANKOU_PORT' : 'the default';
  return {
    port: 0,
    wanted,
    note: `port ${wanted} (${source}) is already in use, probably another console still running; serving on a free port instead`,
  };
}
