import { readFileSync, statSync } from 'node:fs';
import { type CommandModule, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { MAX_XML_CHARS, tryReadIso20022 } from '../../shared/iso20022';

const usage = `usage: hankou iso parse FILE
  Reads an ISO 20022 message (camt.053, camt.054 001.02-001.13; pacs.008, pacs.002, pacs.004,
  pacs.009), bare or in a head.001 business application header envelope, and prints its
  normalised JSON. The Document namespace decides the type and version. Hostile or broken XML
  (DOCTYPE/ENTITY, oversized, too deep, truncated) is refused with exit code 2.`;

export const command: CommandModule = {
  summary: 'ISO 20022 tools: parse camt/pacs messages into normalised JSON',
  usage,
  async run(args, io) {
    const [sub, file, ...rest] = args;
    if (sub !== 'parse') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    if (file === undefined || rest.length > 0) throw new UsageError('give exactly one FILE');
    let size: number;
    try {
      size = statSync(file).size;
    } catch (error) {
      io.err(`hankou iso parse: cannot read ${file}: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    // Bytes bound characters from above in UTF-8; refuse before reading a huge file into memory.
    if (size > MAX_XML_CHARS * 4) {
      io.err(`hankou iso parse: ${file} is ${size} bytes; too large for an ISO 20022 message`);
      return EXIT_USAGE;
    }
    const result = tryReadIso20022(readFileSync(file, 'utf8'));
    if (!result.ok) {
      io.err(`hankou iso parse: ${file}: ${result.code}: ${result.message}\n${result.messageZh}`);
      return EXIT_USAGE;
    }
    io.out(JSON.stringify(result.message, null, 2));
    return EXIT_OK;
  },
};
