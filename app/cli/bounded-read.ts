import { open } from 'node:fs/promises';
import { UsageError, type CliIo } from './command';

/**
 * Reads a whole text file, or standard input for "-", refusing anything longer than `maxBytes`
 * before it is held in memory as a string: a hostile or mistaken multi-gigabyte file is a clear
 * error, not an out-of-memory crash.
 */
export async function readBoundedText(file: string, maxBytes: number, io: CliIo): Promise<string> {
  if (file === '-') {
    if (io.readStdin === undefined) throw new UsageError('standard input is not available here');
    const text = await io.readStdin();
    if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new InputTooLargeError('standard input', maxBytes);
    return text;
  }
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new InputTooLargeError(file, maxBytes);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export class InputTooLargeError extends Error {
  constructor(source: string, maxBytes: number) {
    super(`${source} is larger than the ${maxBytes.toLocaleString('en')}-byte limit`);
  }
}
