import { buildNameIndex, type NameIndex } from './name-index';
import { makeScratch, type ScreenOptions, type ScreeningMatch, screenName, type ScreenScratch } from './screen-name';
import type { SanctionsList, SanctionsListId } from './sanctions-list';

/** Default alert threshold; see docs/risk.md for how it was chosen from measured figures. */
export const DEFAULT_ALERT_THRESHOLD = 0.85;
export const DEFAULT_MATCH_LIMIT = 10;

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

  constructor(lists: readonly SanctionsList[]) {
    this.loaded = Screener.load(lists, 1);
  }

  private static load(lists: readonly SanctionsList[], version: number): Loaded {
    const ids = lists.map((l) => l.list);
    if (new Set(ids).size !== ids.length) throw new Error(`Screener: a list is given twice (${ids.join(', ')})`);
    const index = buildNameIndex(lists);
    return { version, lists, index, scratch: makeScratch(index) };
  }

  /** Swaps in a whole new set of lists. */
  replaceLists(lists: readonly SanctionsList[]): void {
    this.loaded = Screener.load(lists, this.loaded.version + 1);
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
    return screenName(index, scratch, name, { threshold, limit });
  }
}
