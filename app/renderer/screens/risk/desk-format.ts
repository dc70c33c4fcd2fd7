import { nameTokens } from '../../../shared/risk/screening/normalise-name';
import { tryParseAmount } from '../../../shared/money';

/** Pure helpers of the review desk: SLA countdown, age, and which words of a name matched. */

export interface SlaText {
  text: string;
  /** 'overdue' past the due time, 'soon' within the last quarter of an hour, else 'ok'. */
  state: 'ok' | 'soon' | 'overdue';
}

/** Minutes before the due time when the countdown turns amber. */
export const SLA_WARN_MINUTES = 15;

function hm(totalMinutes: number): string {
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m`;
}

/** "0h42m" left, or "-1h05m" overdue; whole minutes, rounded towards the deadline. */
export function slaCountdown(dueIso: string, nowMs: number): SlaText {
  const leftMs = Date.parse(dueIso) - nowMs;
  if (Number.isNaN(leftMs)) return { text: '—', state: 'ok' };
  if (leftMs < 0) return { text: `-${hm(Math.ceil(-leftMs / 60_000))}`, state: 'overdue' };
  const minutes = Math.floor(leftMs / 60_000);
  return { text: hm(minutes), state: minutes < SLA_WARN_MINUTES ? 'soon' : 'ok' };
}

/** How long an alert has waited: "35m", "2h10m", "3d4h". */
export function ageText(createdIso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(createdIso)) / 60_000));
  if (Number.isNaN(minutes)) return '—';
  if (minutes >= 24 * 60) return `${Math.floor(minutes / 1440)}d${Math.floor((minutes % 1440) / 60)}h`;
  return hm(minutes);
}

export interface NameSegment {
  text: string;
  /** null: not a matched word; else the best similarity of the word pair it belongs to. */
  similarity: number | null;
}

/**
 * Splits a name as written into words and the separators between them, marking each word
 * whose normalised form took part in a matched pair (similarity > 0). The pairs come in
 * normalised form ("obrien"), the names as the payment and the list wrote them ("O'Brien").
 */
export function markMatchedWords(name: string, matched: ReadonlyMap<string, number>): NameSegment[] {
  const segments: NameSegment[] = [];
  const word = /[\p{L}\p{N}'’.]+/gu;
  let last = 0;
  for (const found of name.matchAll(word)) {
    const start = found.index ?? 0;
    if (start > last) segments.push({ text: name.slice(last, start), similarity: null });
    const tokens = nameTokens(found[0]);
    const scores = tokens.map((t) => matched.get(t)).filter((s): s is number => s !== undefined);
    segments.push({ text: found[0], similarity: scores.length === 0 ? null : Math.max(...scores) });
    last = start + found[0].length;
  }
  if (last < name.length) segments.push({ text: name.slice(last), similarity: null });
  return segments;
}

/** The word pairs of a match as two maps, query side and listed side. */
export function matchedWordMaps(tokens: readonly { query: string; listed: string; similarity: number }[]) {
  const query = new Map<string, number>();
  const listed = new Map<string, number>();
  for (const t of tokens) {
    if (t.similarity <= 0) continue;
    query.set(t.query, Math.max(query.get(t.query) ?? 0, t.similarity));
    listed.set(t.listed, Math.max(listed.get(t.listed) ?? 0, t.similarity));
  }
  return { query, listed };
}

export type DeskKeyAction = 'release' | 'reject' | 'escalate' | 'confirm' | 'refuse';

/**
 * What R / J / E / F mean for an alert in a given state: R releases (or confirms a pending
 * release), J rejects (or confirms a pending reject), E escalates an open alert, F refuses a
 * pending decision (sends it back). null when the key does nothing in that state.
 */
export function actionForKey(key: string, status: string): DeskKeyAction | null {
  const k = key.toLowerCase();
  const active = status === 'open' || status === 'escalated';
  if (k === 'r') return active ? 'release' : status === 'pending_release' ? 'confirm' : null;
  if (k === 'j') return active ? 'reject' : status === 'pending_reject' ? 'confirm' : null;
  if (k === 'e') return status === 'open' ? 'escalate' : null;
  if (k === 'f') return status === 'pending_release' || status === 'pending_reject' ? 'refuse' : null;
  return null;
}

/**
 * Why an alert needs a second officer, as the desk says it: 'amount' at or above the four-eyes
 * amount (release and reject both), else 'sanctions' for a list match (a release, at any amount:
 * issue 16). The back end decides (fourEyesRequired); this only picks the true reason to show,
 * so a ¥1,000 list match does not read "the amount reached the four-eyes standard".
 */
export function fourEyesReason(amount: string, fourEyesAmount: string | null, sanctionsHit: boolean): 'amount' | 'sanctions' {
  if (!sanctionsHit || fourEyesAmount === null) return 'amount';
  const value = tryParseAmount(amount, 'CNY');
  const bar = tryParseAmount(fourEyesAmount, 'CNY');
  if (!value.ok || !bar.ok) return 'amount';
  return value.amountMinor >= bar.amountMinor ? 'amount' : 'sanctions';
}
