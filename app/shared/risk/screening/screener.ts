import { buildNameIndex, type NameIndex } from './name-index';
import { makeScratch, type ScreenOptions, type ScreeningMatch, screenName, type ScreenScratch } from './screen-name';
import { entryNames, type SanctionsList, type SanctionsListId } from './sanctions-list';

/** Default alert threshold; see docs/risk.md for how it was chosen from measured figures. */
export const DEFAULT_ALERT_THRESHOLD = 0.85;
export const DEFAULT_MATCH_LIMIT = 10;

/**
 * Romanised readings of a name written in Han characters (pinyin: 张伟 -> "zhang wei"), given by
 * the caller so the matcher carries no dictionary: app/main/risk/han-readings.ts. Called only
 * for names holding a Han character or Hangul (Korean names: 김정은); returns the spellings to try
 * besides the name itself.
 */
export type NameReadings = (name: string) => NameReading[];

/**
 * One reading: a plain spelling, or one that only counts from `minScore` up, for readings that
 * are guesses about the name's language (a Chinese name read the Korean way: korean-readings.ts).
 * Guessed readings are tried for the names screened only; they are not added to the lists.
 */
export type NameReading = string | { text: string; minScore: number };

export interface ScreenerOptions {
  readings?: NameReadings;
}

/** Scripts whose names the lists spell in Latin letters: Han (Chinese, Korean hanja) and Hangul. */
const HAN = /[\p{Script=Han}\p{Script=Hangul}]/u;

/** The lists with each Han-script name's readings added as `reading` aliases (new objects; the input is not touched). */
function withReadings(lists: readonly SanctionsList[], readings: NameReadings | null): readonly SanctionsList[] {
  if (readings === null) return lists;
  return lists.map((list) => ({
    ...list,
    entries: list.entries.map((entry) => {
      const known = new Set(entryNames(entry).map((n) => n.name));
      const added = entryNames(entry)
        .filter((n) => n.kind !== 'reading' && HAN.test(n.name))
        .flatMap((n) => readings(n.name).filter((r): r is string => typeof r === 'string'))
        .filter((reading) => !known.has(reading) && (known.add(reading), true));
      return added.length === 0 ? entry : { ...entry, aliases: [...entry.aliases, ...added.map((name) => ({ name, kind: 'reading' as const }))] };
    }),
  }));
}

interface Loaded {
  version: number;
  lists: readonly SanctionsList[];
  index: NameIndex;
  scratch: ScreenScratch;
}

/**
 * Screens names against the loaded lists. Replacing lists builds the new index completely and
 * then swaps one reference, so a screening in progress (or one that throws while the new lists
 * are being built) always sees one consistent set of lists, never a mix.
 */
export class Screener {
  private loaded: Loaded;
  private readonly readings: NameReadings | null;

  constructor(lists: readonly SanctionsList[], options: ScreenerOptions = {}) {
    this.readings = options.readings ?? null;
    this.loaded = this.load(lists, 1);
  }

  private load(rawLists: readonly SanctionsList[], version: number): Loaded {
    const ids = rawLists.map((l) => l.list);
    if (new Set(ids).size !== ids.length) throw new Error(`Screener: a list is given twice (${ids.join(', ')})`);
    const lists = withReadings(rawLists, this.readings);
    const index = buildNameIndex(lists);
    return { version, lists, index, scratch: makeScratch(index) };
  }

  /** Swaps in a whole new set of lists. */
  replaceLists(lists: readonly SanctionsList[]): void {
    this.loaded = this.load(lists, this.loaded.version + 1);
  }

  /** Swaps in a new edition of one list, keeping the others. */
  replaceList(list: SanctionsList): void {
    const others = this.loaded.lists.filter((l) => l.list !== list.list);
    this.replaceLists([...others, list]);
  }

  /** Drops a list (e.g. the local list emptied); other lists stay. */
  removeList(listId: SanctionsListId): void {
    this.replaceLists(this.loaded.lists.filter((l) => l.list !== listId));
  }

  /** Forgets remembered word look-ups (for measuring the cold path, or to give memory back). */
  forgetWordLookups(): void {
    this.loaded.scratch.tokenCache.clear();
  }

  get info() {
    const { version, index } = this.loaded;
    return { version, lists: index.lists, names: index.names.length, words: index.vocab.length };
  }

  screen(name: string, options: Partial<ScreenOptions> = {}): ScreeningMatch[] {
    const threshold = options.threshold ?? DEFAULT_ALERT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_MATCH_LIMIT;
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be within 0..1, got ${threshold}`);
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const { index, scratch } = this.loaded;
    const direct = screenName(index, scratch, name, { threshold, limit });
    if (this.readings === null || !HAN.test(name)) return direct;
    // A name in Han characters is also screened by its readings: 李方伟 finds "LI, Fangwei".
    const best = new Map<string, ScreeningMatch>();
    const byReading = this.readings(name).map((reading) =>
      typeof reading === 'string'
        ? screenName(index, scratch, reading, { threshold, limit })
        : screenName(index, scratch, reading.text, { threshold: Math.max(threshold, reading.minScore), limit }),
    );
    for (const match of [direct, ...byReading].flat()) {
      const key = `${match.list}\u0000${match.id}`;
      const seen = best.get(key);
      if (seen === undefined || match.score > seen.score) best.set(key, match);
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
