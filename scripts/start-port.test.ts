import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseConsolePort, DEFAULT_CONSOLE_PORT, isPortFree } from './start-port.mjs';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function occupy(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    servers.push(server);
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve((server.address() as { port: number }).port));
  });
}

describe('npm start: the console port', () => {
  it('is 5210 by default, every run, when it is free', async () => {
    expect(DEFAULT_CONSOLE_PORT).toBe(5210);
    expect(await chooseConsolePort(undefined, async () => true)).toEqual({ port: 5210, wanted: 5210, note: null });
    expect(await chooseConsolePort('', async () => true)).toMatchObject({ port: 5210 });
  });

  it('moves to a free port, saying why, when the default is taken', async () => {
    const result = await chooseConsolePort(undefined, async (port) => port !== 5210);
    expect(result.port).toBe(0);
    expect(result.note).toContain('port 5210 (the default) is already in use');
  });

  it('takes HANKOU_PORT, 0 meaning any free port without a word, and refuses nonsense', async () => {
    expect(await chooseConsolePort('6001', async () => true)).toEqual({ port: 6001, wanted: 6001, note: null });
    expect(await chooseConsolePort('0', async () => false)).toEqual({ port: 0, wanted: 0, note: null });
    expect((await chooseConsolePort('6001', async () => false)).note).toContain('port 6001 (HANKOU_PORT) is already in use');
    await expect(chooseConsolePort('http', async () => true)).rejects.toThrow('not a port number');
    await expect(chooseConsolePort('70000', async () => true)).rejects.toThrow('not a port number');
  });

  it('sees a port another program listens on as taken (real sockets)', async () => {
    const taken = await occupy();
    expect(await isPortFree(taken)).toBe(false);
    const result = await chooseConsolePort(String(taken));
    expect(result).toMatchObject({ port: 0, wanted: taken });
    servers.splice(0).forEach((s) => s.close());
    await new Promise((r) => setTimeout(r, 50));
    expect(await isPortFree(taken)).toBe(true);
  });
});
