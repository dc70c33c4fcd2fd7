/**
 * Today's bilateral RTGS positions (DESIGN 4.1, sender limits): the position of A toward B is
 * what B paid A minus what A paid B by RTGS since the start of the business day, every
 * priority, offsetting included. One signed value per unordered pair (A toward B is minus B
 * toward A), so a gross settlement costs one map update. Reset at end of day.
 */
/** Participant indexes stay below this, so a pair key is an exact integer. */
export const MAX_PAIR_PARTICIPANTS = 1 << 20;

export class PairPositions {
  /** key lo * MAX_PAIR_PARTICIPANTS + hi -> position of lo toward hi. */
  private readonly byPair = new Map<number, bigint>();

  /** Records a settlement of `amountMinor` from participant index `from` to `to`. */
  add(from: number, to: number, amountMinor: bigint): void {
    if (from < to) {
      const key = from * MAX_PAIR_PARTICIPANTS + to;
      this.byPair.set(key, (this.byPair.get(key) ?? 0n) - amountMinor);
    } else {
      const key = to * MAX_PAIR_PARTICIPANTS + from;
      this.byPair.set(key, (this.byPair.get(key) ?? 0n) + amountMinor);
    }
  }

  /** Position of `of` toward `toward` (positive: `toward` has paid it more than it paid). */
  get(of: number, toward: number): bigint {
    if (of < toward) return this.byPair.get(of * MAX_PAIR_PARTICIPANTS + toward) ?? 0n;
    const value = this.byPair.get(toward * MAX_PAIR_PARTICIPANTS + of);
    return value === undefined ? 0n : -value;
  }

  /** Every non-zero position of participant index `of`, by counterparty index. */
  of(of: number): Map<number, bigint> {
    const out = new Map<number, bigint>();
    for (const [key, value] of this.byPair) {
      if (value === 0n) continue;
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (lo === of) out.set(hi, value);
      else if (hi === of) out.set(lo, -value);
    }
    return out;
  }

  /** Sum of each participant's positions (they must equal its RTGS net of the day). */
  totals(count: number): bigint[] {
    const sums = new Array<bigint>(count).fill(0n);
    for (const [key, value] of this.byPair) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (lo >= count || hi >= count) throw new Error(`pair position names participant ${hi} of ${count}`);
      sums[lo] = (sums[lo] as bigint) + value;
      sums[hi] = (sums[hi] as bigint) - value;
    }
    return sums;
  }

  clear(): void {
    this.byPair.clear();
  }
}
