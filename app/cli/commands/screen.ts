import { type CommandModule, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { ListLoadError, loadLocalListFile, loadOfacDirectory, loadUnFile } from '../../main/risk/load-sanctions-lists';
import { hanReadings } from '../../main/risk/han-readings';
import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { DEFAULT_ALERT_THRESHOLD, Screener } from '../../shared/risk/screening/screener';
import { readBoundedText } from '../bounded-read';

/** A names file of a few million names; anything larger is a mistake or an attack. */
const MAX_NAMES_FILE_BYTES = 64 * 1024 * 1024;

const usage = `usage: hankou screen --ofac DIR [--un FILE] [--local FILE] [--threshold X] [--limit N] [--explain]
                     [--input FILE | NAME...]
  Screens names against sanctions lists and prints one JSON line per name:
    {"query":"...","matches":[{"list":"ofac","id":"306","name":"...","score":0.97}]}
  with only matches at or above the alert threshold, best first. id is the list's own number
  (OFAC ent_num, UN DATAID, the local list's id).
  --ofac DIR       folder with OFAC sdn.csv (and alt.csv, add.csv)
  --un FILE        UN Security Council consolidated list XML
  --local FILE     local list, JSON or CSV (docs/risk.md)
  --threshold X    alert threshold 0..1 (default ${DEFAULT_ALERT_THRESHOLD})
  --limit N        at most N matches per name (default 10)
  --explain        add matchedName, matchedKind and the matched words to each match
  --input FILE     names to screen, one per line ("-" reads standard input)
  At least one list is required; --ofac is the usual one.`;

interface Options {
  ofac?: string;
  un?: string;
  local?: string;
  input?: string;
  threshold: number;
  limit: number;
  explain: boolean;
  names: string[];
}

function parseArgs(args: string[]): Options {
  const options: Options = { threshold: DEFAULT_ALERT_THRESHOLD, limit: 10, explain: false, names: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--ofac') options.ofac = value();
    else if (arg === '--un') options.un = value();
    else if (arg === '--local') options.local = value();
    else if (arg === '--input') options.input = value();
    else if (arg === '--explain') options.explain = true;
    else if (arg === '--threshold') {
      const text = value();
      const threshold = Number(text);
      if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(text) || !(threshold >= 0 && threshold <= 1)) {
        throw new UsageError(`--threshold must be a number from 0 to 1, got "${text}"`);
      }
      options.threshold = threshold;
    } else if (arg === '--limit') {
      const text = value();
      if (!/^[1-9]\d{0,3}$/.test(text)) throw new UsageError(`--limit must be a whole number from 1 to 9999, got "${text}"`);
      options.limit = Number(text);
    } else if (arg === '--') options.names.push(...args.splice(i + 1));
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.names.push(arg);
  }
  if (options.ofac === undefined && options.un === undefined && options.local === undefined) {
    throw new UsageError('give at least one list: --ofac DIR, --un FILE or --local FILE');
  }
  if (options.input !== undefined && options.names.length > 0) throw new UsageError('give names either with --input or as arguments, not both');
  if (options.input === undefined && options.names.length === 0) throw new UsageError('no names to screen');
  return options;
}

const round = (score: number) => Math.round(score * 10_000) / 10_000;

export const command: CommandModule = {
  summary: 'screen names against sanctions lists (OFAC SDN, UN, local)',
  usage,
  async run(args, io) {
    const options = parseArgs(args);
    const lists: SanctionsList[] = [];
    try {
      const loaded = [
        options.ofac === undefined ? null : loadOfacDirectory(options.ofac),
        options.un === undefined ? null : loadUnFile(options.un),
        options.local === undefined ? null : loadLocalListFile(options.local),
      ];
      for (const item of loaded) {
        if (item === null) continue;
        lists.push(item.list);
        for (const warning of item.warnings) io.err(`hankou screen: warning: ${warning}`);
      }
    } catch (error) {
      if (error instanceof ListLoadError) {
        io.err(`hankou screen: ${error.message}`);
        return EXIT_FAILED;
      }
      throw error;
    }
    let names = options.names;
    if (options.input !== undefined) {
      let text: string;
      try {
        text = await readBoundedText(options.input, MAX_NAMES_FILE_BYTES, io);
      } catch (error) {
        if (error instanceof UsageError) throw error;
        io.err(`hankou screen: cannot read ${options.input}: ${(error as Error).message}`);
        return EXIT_FAILED;
      }
      names = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    }
    const screener = new Screener(lists, { readings: hanReadings });
    for (const query of names) {
      const matches = screener.screen(query, { threshold: options.threshold, limit: options.limit }).map((m) =>
        options.explain
          ? { list: m.list, id: m.id, name: m.name, score: round(m.score), matchedName: m.matchedName, matchedKind: m.matchedKind, tokens: m.tokens.map((t) => ({ ...t, similarity: round(t.similarity) })) }
          : { list: m.list, id: m.id, name: m.name, score: round(m.score) },
      );
      io.out(JSON.stringify({ query, matches }));
    }
    return EXIT_OK;
  },
};
