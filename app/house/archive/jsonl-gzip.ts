import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, fsyncSync, closeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * One archive file: JSON lines, gzip-compressed, hashed (sha256 of the compressed bytes, as
 * stored) while it is written and fsynced before its size and hash are reported.
 */
export async function writeJsonlGzip(path: string, lines: AsyncIterable<string>): Promise<{ rows: number; bytes: number; sha256: string }> {
  let rows = 0;
  let bytes = 0;
  const hash = createHash('sha256');
  async function* withNewlines(): AsyncGenerator<string> {
    for await (const line of lines) {
      rows += 1;
      yield `${line}\n`;
    }
  }
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(Readable.from(withNewlines()), createGzip({ level: 6 }), tap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { rows, bytes, sha256: hash.digest('hex') };
}

/** The lines of an archive file, in order (no checksum here: see checkArchiveFile). */
export async function* readJsonlGzip(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield line;
}
