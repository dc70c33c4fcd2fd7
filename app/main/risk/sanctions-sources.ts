import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLocalList } from '../../shared/risk/screening/local-list';
import { Screener } from '../../shared/risk/screening/screener';
import demoLocalList from './demo-local-list.json';
import { SanctionsLists, type SanctionsSources } from './sanctions-lists';
import { hanReadings } from './han-readings';

/**
 * Where the console's lists come from at start: `HANKOU_SANCTIONS_DIR` (production: the
 * folder the compliance team updates), else the project's ../shared/fixtures/sanctions when it
 * exists (development, e2e), else the small demo list shipped beside this file. A folder may
 * hold OFAC's sdn.csv/alt.csv/add.csv (itself or in a sub-folder), the UN consolidated XML
 * (*.xml, itself or in a sub-folder) and a local list (local*.json or local*.csv).
 */
export interface ResolvedSources {
  sources: SanctionsSources;
  /** Where they were found, for the log and the desk's status line. */
  origin: 'env' | 'fixtures' | 'demo';
  dir: string | null;
}

/**
 * The fixtures folder beside the project: found from this module (tsx, vitest) or, in a bundle
 * where the module's URL is the bundle's, from the working folder the console was started in.
 */
const FIXTURES_CANDIDATES = [
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/sanctions'),
  resolve(process.cwd(), '../shared/fixtures/sanctions'),
];
export const FIXTURES_SANCTIONS_DIR = FIXTURES_CANDIDATES.find((dir) => existsSync(dir)) ?? FIXTURES_CANDIDATES[0];

function filesIn(dir: string): string[] {
  return readdirSync(dir).sort().map((name) => join(dir, name));
}

/** Finds the list files in a folder and its direct sub-folders. */
export function findListFiles(dir: string): SanctionsSources {
  const level = [dir, ...filesIn(dir).filter((p) => statSync(p).isDirectory())];
  const sources: SanctionsSources = {};
  for (const folder of level) {
    const names = filesIn(folder);
    if (sources.ofacDir === undefined && names.some((p) => /(^|[/\\])sdn\.csv$/i.test(p))) sources.ofacDir = folder;
    const xml = names.find((p) => /\.xml$/i.test(p) && statSync(p).isFile());
    if (sources.unFile === undefined && xml !== undefined) sources.unFile = xml;
    const local = names.find((p) => /(^|[/\\])local[^/\\]*\.(json|csv)$/i.test(p));
    if (sources.localFile === undefined && local !== undefined) sources.localFile = local;
  }
  return sources;
}

export function resolveSanctionsSources(env: NodeJS.ProcessEnv = process.env): ResolvedSources {
  const fromEnv = env.HANKOU_SANCTIONS_DIR;
  if (fromEnv !== undefined && fromEnv !== '') {
    // Configured on purpose: a missing folder is the operator's error to see, not a reason to
    // fall back silently to the demo list.
    const sources = existsSync(fromEnv) ? findListFiles(fromEnv) : {};
    return { sources, origin: 'env', dir: fromEnv };
  }
  if (FIXTURES_SANCTIONS_DIR !== undefined && existsSync(FIXTURES_SANCTIONS_DIR)) {
    const sources = findListFiles(FIXTURES_SANCTIONS_DIR);
    if (Object.keys(sources).length > 0) return { sources, origin: 'fixtures', dir: FIXTURES_SANCTIONS_DIR };
  }
  return { sources: {}, origin: 'demo', dir: null };
}

/** The shipped demo list as a screener (parsed from the bundled JSON, no file read). */
export function demoScreener(): Screener {
  const parsed = parseLocalList(JSON.stringify(demoLocalList));
  if (!parsed.ok) throw new Error(`demo-local-list.json does not parse: ${parsed.error.message}`);
  return new Screener([parsed.list], { readings: hanReadings });
}

/**
 * Lists are large (OFAC with aliases is ~20,000 names and takes seconds to parse and index)
 * and read-only once loaded, so consoles in one process (tests start several) share them per
 * set of files.
 */
const shared = new Map<string, SanctionsLists>();

export interface LoadedLists {
  lists: SanctionsLists | null;
  screener: () => Screener | null;
  origin: ResolvedSources['origin'];
  describe: string;
}

/** Loads the lists for a console; never throws: with nothing loaded, verification fails closed. */
export function loadConsoleLists(resolved: ResolvedSources, at: string, log: (line: string) => void): LoadedLists {
  if (resolved.origin === 'demo') {
    const screener = demoScreener();
    log(`risk: no sanctions list files found; screening against the shipped demo list (${screener.info.names} names)`);
    return { lists: null, screener: () => screener, origin: 'demo', describe: 'demo-local-list.json' };
  }
  const key = JSON.stringify(resolved.sources);
  let lists = shared.get(key);
  if (lists === undefined) {
    lists = new SanctionsLists();
    try {
      const started = Date.now();
      const loaded = lists.load(resolved.sources, at);
      log(`risk: sanctions lists loaded from ${resolved.dir} in ${Date.now() - started} ms: ${JSON.stringify(loaded.info.lists)}`);
      shared.set(key, lists);
    } catch (error) {
      log(`risk: sanctions lists in ${resolved.dir} could not be loaded (${error instanceof Error ? error.message : String(error)}); payments cannot be verified until they are`);
      return { lists: null, screener: () => null, origin: resolved.origin, describe: String(resolved.dir) };
    }
  }
  const loaded = lists;
  return { lists: loaded, screener: () => loaded.current(), origin: resolved.origin, describe: String(resolved.dir) };
}
