import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { Screener } from '../../shared/risk/screening/screener';
import { hanReadings } from './han-readings';
import { loadLocalListFile, loadOfacDirectory, loadUnFile } from './load-sanctions-lists';

/** Where the console finds its lists (settings); any may be absent. */
export interface SanctionsSources {
  ofacDir?: string;
  unFile?: string;
  localFile?: string;
}

/**
 * The console's lists, reloadable while payments are being screened. A reload reads and parses
 * every file first; only when all succeed are they swapped in (Screener.replaceLists), so a bad
 * new file leaves the lists in use untouched and the error goes to the operator.
 */
export class SanctionsLists {
  private screener: Screener | null = null;
  private loadedAt: string | null = null;

  /** The screener to use now, or null if no list was ever loaded. */
  current(): Screener | null {
    return this.screener;
  }

  /** Loads (or reloads) from files. Throws ListLoadError and keeps the old lists on failure. */
  load(sources: SanctionsSources, at: string): { warnings: string[]; info: Screener['info'] } {
    const lists: SanctionsList[] = [];
    const warnings: string[] = [];
    const add = (loaded: { list: SanctionsList; warnings: string[] }) => {
      lists.push(loaded.list);
      warnings.push(...loaded.warnings);
    };
    if (sources.ofacDir !== undefined) add(loadOfacDirectory(sources.ofacDir));
    if (sources.unFile !== undefined) add(loadUnFile(sources.unFile));
    if (sources.localFile !== undefined) add(loadLocalListFile(sources.localFile));
    if (lists.length === 0) throw new Error('SanctionsLists.load: no list sources given');
    if (this.screener === null) this.screener = new Screener(lists, { readings: hanReadings });
    else this.screener.replaceLists(lists);
    this.loadedAt = at;
    return { warnings, info: this.screener.info };
  }

  get status() {
    return { loadedAt: this.loadedAt, info: this.screener?.info ?? null };
  }
}
