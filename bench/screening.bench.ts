/**
 * Names screened per second against the full OFAC SDN list with its aliases (one core), beside
 * a naive scan that scores every listed name for every query with the same word similarity and
 * the same formula. The naive scan runs on a smaller sample and its rate is extrapolated (it is
 * per name, so the rate does not depend on the sample size). Prints one JSON object.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOfacDirectory } from '../app/main/risk/load-sanctions-lists';
import type { IndexedName, NameIndex } from '../app/shared/risk/screening/name-index';
import { buildNameIndex, unknownTokenWeight } from '../app/shared/risk/screening/name-index';
import { nameTokens } from '../app/shared/risk/screening/normalise-name';
import { MISSING_WORD_PENALTY } from '../app/shared/risk/screening/name-score';
import { DEFAULT_ALERT_THRESHOLD, Screener } from '../app/shared/risk/screening/screener';
import { alterName } from '../app/shared/risk/screening/testing/alter-name';
import { ordinaryNames } from '../app/shared/risk/screening/testing/ordinary-names';
import { tokenSimilarity } from '../app/shared/risk/screening/token-similarity';

const TARGET_NAMES_PER_SECOND = 20_000;
const QUERY_COUNT = 20_000;
/** Share of queries that are altered listed names; the rest are ordinary customers. */
const LISTED_SHARE = 0.1;
const NAIVE_SAMPLE = 100;

const ofacDir = path.resolve(process.cwd(), '../shared/fixtures/sanctions/ofac-2019');
if (!existsSync(ofacDir)) {
  process.stdout.write(`${JSON.stringify({ bench: 'screening', skipped: `no OFAC fixture at ${ofacDir}` })}\n`);
  process.exit(0);
}

const loadStart = performance.now();
const ofac = loadOfacDirectory(ofacDir).list;
const parseMs = performance.now() - loadStart;
const indexStart = performance.now();
const screener = new Screener([ofac]);
const indexMs = performance.now() - indexStart;
const index: NameIndex = buildNameIndex([ofac]);

const listedCount = Math.round(QUERY_COUNT * LISTED_SHARE);
const people = ofac.entries.filter((e) => e.type === 'individual' || e.type === 'entity');
const queries = [
  ...ordinaryNames(QUERY_COUNT - listedCount, 99).map((n) => n.name),
  ...Array.from({ length: listedCount }, (_, i) => {
    const entry = people[(i * 7919) % people.length];
    if (entry === undefined) throw new Error('no entry');
    return alterName(entry.name, entry.type === 'individual', i).altered;
  }),
];

// Warm up the JIT, then measure.
for (let i = 0; i < 2000; i++) screener.screen(queries[i % queries.length] as string);
let alerts = 0;
const start = performance.now();
for (const q of queries) alerts += screener.screen(q, { threshold: DEFAULT_ALERT_THRESHOLD }).length > 0 ? 1 : 0;
const indexedSeconds = (performance.now() - start) / 1000;
const indexedRate = queries.length / indexedSeconds;

// The cold path: every word looked up afresh (no remembered look-ups), as for a stream of names
// that never repeat a word.
const coldQueries = queries.filter((_, i) => i % 4 === 0);
const coldStart = performance.now();
for (const q of coldQueries) {
  screener.forgetWordLookups();
  screener.screen(q, { threshold: DEFAULT_ALERT_THRESHOLD });
}
const coldRate = coldQueries.length / ((performance.now() - coldStart) / 1000);

/** The naive scan: every listed name, every word pair, same similarity and score formula. */
function naiveBest(query: string): { entry: number; score: number } {
  const words = [...new Set(nameTokens(query))];
  const weights = words.map((w) => {
    const id = index.vocabIds.get(w);
    return id === undefined ? unknownTokenWeight(w) : (index.vocabWeight[id] as number);
  });
  const queryWeight = weights.reduce((a, b) => a + b, 0);
  let best = { entry: -1, score: 0 };
  for (const name of index.names as IndexedName[]) {
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < words.length; i++) {
      for (let j = 0; j < name.tokens.length; j++) {
        const s = tokenSimilarity(words[i] as string, name.tokens[j] as string);
        if (s > 0) pairs.push([i, j, s]);
      }
    }
    pairs.sort((a, b) => b[2] - a[2]);
    const usedQ = new Set<number>();
    const usedN = new Set<number>();
    let q = 0;
    let n = 0;
    for (const [i, j, s] of pairs) {
      if (usedQ.has(i) || usedN.has(j)) continue;
      usedQ.add(i);
      usedN.add(j);
      q += (weights[i] as number) * s;
      n += (name.weights[j] as number) * s;
    }
    const score = (q / queryWeight) * (1 - MISSING_WORD_PENALTY * (1 - n / name.totalWeight));
    if (score > best.score) best = { entry: name.entry, score };
  }
  return best;
}

const sample = Array.from({ length: NAIVE_SAMPLE }, (_, i) => queries[Math.floor((i * queries.length) / NAIVE_SAMPLE)] as string);
let agree = 0;
let naiveAlerts = 0;
const naiveStart = performance.now();
const naiveResults = sample.map((q) => naiveBest(q));
const naiveSeconds = (performance.now() - naiveStart) / 1000;
for (const [k, q] of sample.entries()) {
  const naive = naiveResults[k] as { entry: number; score: number };
  const [indexed] = screener.screen(q, { threshold: DEFAULT_ALERT_THRESHOLD, limit: 1 });
  const naiveAlert = naive.score >= DEFAULT_ALERT_THRESHOLD;
  if (naiveAlert) naiveAlerts++;
  if (naiveAlert === (indexed !== undefined) && (!naiveAlert || index.entries[naive.entry]?.id === indexed?.id)) agree++;
}
const naiveRate = sample.length / naiveSeconds;

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
process.stdout.write(
  `${JSON.stringify({
    bench: 'screening',
    list: { entries: ofac.entries.length, namesWithAliases: screener.info.names, words: screener.info.words },
    loadMs: { parse: round(parseMs), index: round(indexMs) },
    queries: { count: queries.length, listedAltered: listedCount, ordinary: queries.length - listedCount, alerts },
    indexed: { namesPerSecond: round(indexedRate), microsPerName: round(1e6 / indexedRate, 1) },
    indexedColdWordLookups: { sampled: coldQueries.length, namesPerSecond: round(coldRate), microsPerName: round(1e6 / coldRate, 1) },
    baseline: {
      what: 'naive scan: every query word against every word of every listed name, same similarity and score',
      sampled: sample.length,
      extrapolated: true,
      namesPerSecond: round(naiveRate, 1),
      microsPerName: round(1e6 / naiveRate),
    },
    ratio: round(indexedRate / naiveRate),
    ratioCold: round(coldRate / naiveRate),
    target: { namesPerSecond: TARGET_NAMES_PER_SECOND, met: indexedRate >= TARGET_NAMES_PER_SECOND },
    agreementWithNaive: { sampled: sample.length, sameAlertDecisionAndEntry: agree, naiveAlerts },
  })}\n`,
);
