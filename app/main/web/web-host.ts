import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { HostedBackend } from './hosted-backend';
import { attachChannel, send, type Channel } from './ws-channel';
import { createLaunchSecret, createStyleNonce, secretMatches } from './launch-secret';
import { securityHeaders, STYLE_NONCE_PLACEHOLDER } from './security-headers';
import { readStaticFile } from './static-files';
import { cookieValid, howToGetInPage, setCookieHeader } from './launch-cookie';
import { MAX_WS_MESSAGE_BYTES } from './wire-messages';

/** The browser host listens on the loopback interface only: the console is not a web server. */
export const LOOPBACK_HOST = '127.0.0.1';
export const WS_PATH = '/ws';

export interface WebHostOptions {
  backend: HostedBackend;
  /** The built renderer (vite build output), e.g. dist/renderer. */
  distDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted; anything else throws. */
  host?: string;
  /** Fixed secret for tests; a fresh random one per launch otherwise. */
  secret?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  port: number;
  secret: string;
  /** What to open in a browser: http://127.0.0.1:PORT/?k=SECRET */
  url: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) {
    throw new Error(`the console's web host binds to ${LOOPBACK_HOST} only (asked for ${host})`);
  }
  const log = options.log ?? (() => {});
  const secret = options.secret ?? createLaunchSecret();
  // What the browser keeps once it has shown the key (launch-cookie.ts): never the key itself.
  const cookieToken = createLaunchSecret();
  const channels = new Set<Channel>();
  let port = 0;

  const server = createServer((req, res) => {
    handleHttp(req, res, options.distDir, port, { secret, cookieToken }).catch((error: unknown) => {
      log(`web host: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, port, secret, cookieToken);
    if (refusal !== null) {
      log(`web host: refused WebSocket: ${refusal}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const channel = attachChannel(ws, options.backend, log);
      channels.add(channel);
      ws.on('close', () => channels.delete(channel));
    });
  });

  const unsubscribe = options.backend.subscribe((event) => {
    for (const channel of channels) {
      if (event.sessionKey === undefined || event.sessionKey === channel.sessionKey) {
        send(channel.socket, { event: event.name, payload: event.payload });
      }
    }
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web host: no TCP address');
  port = address.port;

  return {
    port,
    secret,
    url: `http://${LOOPBACK_HOST}:${port}/?k=${secret}`,
    async close() {
      unsubscribe();
      for (const channel of channels) channel.socket.terminate();
      wss.close();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

/** Why an upgrade request is refused, or null to accept it. The key in the URL or the launch cookie admits. */
export function upgradeRefusal(req: IncomingMessage, port: number, secret: string, cookieToken?: string): string | null {
  const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
  if (url.pathname !== WS_PATH) return `path ${url.pathname}`;
  // Host and Origin must both be this host: stops DNS rebinding and other web pages.
  if (req.headers.host !== `${LOOPBACK_HOST}:${port}`) return `host ${String(req.headers.host)}`;
  if (req.headers.origin !== `http://${LOOPBACK_HOST}:${port}`) return `origin ${String(req.headers.origin)}`;
  if (!secretMatches(url.searchParams.get('k'), secret) && !(cookieToken !== undefined && cookieValid(req, port, cookieToken))) return 'wrong or missing key';
  return null;
}

/** The console's page itself; scripts, styles and fonts are the public build and need no key. */
const isEntryPage = (pathname: string) => pathname === '/' || pathname === '/index.html';

async function handleHttp(req: IncomingMessage, res: ServerResponse, distDir: string, port: number, keys: { secret: string; cookieToken: string }): Promise<void> {
  const nonce = createStyleNonce();
  const headers = securityHeaders(port, nonce);
  if (req.headers.host !== `${LOOPBACK_HOST}:${port}`) {
    res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('misdirected request: use http://127.0.0.1');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed');
    return;
  }
  const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
  const pathname = url.pathname;
  if (url.searchParams.has('k')) {
    // The key is exchanged once for the cookie and leaves the address bar (launch-cookie.ts).
    if (secretMatches(url.searchParams.get('k'), keys.secret)) {
      res.writeHead(303, { ...headers, Location: pathname, 'Set-Cookie': setCookieHeader(port, keys.cookieToken), 'Content-Length': '0' });
      res.end();
    } else {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : howToGetInPage(port, true, nonce));
    }
    return;
  }
  if (isEntryPage(pathname) && !cookieValid(req, port, keys.cookieToken)) {
    res.writeHead(401, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : howToGetInPage(port, false, nonce));
    return;
  }
  const file = await readStaticFile(distDir, pathname);
  if (file === null) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(pathname === '/' ? 'the renderer is not built: run npm run build:renderer' : 'not found');
    return;
  }
  const body = file.contentType.startsWith('text/html')
    ? Buffer.from(file.body.toString('utf8').replaceAll(STYLE_NONCE_PLACEHOLDER, nonce), 'utf8')
    : file.body;
  res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
