/**
 * Today's bilateral RTGS positions (DESIGN 4.1, sender limits): the position of A toward B is
 * what B paid A minus what A paid B by RTGS since the start of the business day, every
 * priority, offsetting included. One signed value per unordered pair (A toward B is minus B
 * toward A). Reset at end of day.
 *
 * Every gross settlement updates one position and every normal payment of a limited sender
 * reads some, so they live in a dense square of int64 slots indexed by participant index (200
 * banks: 40,000 slots, 320 KB) rather than a Map keyed by pair (a hash lookup and a boxed
 * bigint per update was a tenth of the engine's time with the controls in use, issue 11).
 * Exactness stays bigint's: a position that would leave the int64 range (it can: money going
 * round a ring moves A's position toward B by up to MAX_AMOUNT_MINOR a lap) moves to the
 * `wide` map for the rest of the day, and so do pairs of participants beyond the square.
 */
/** Participant indexes stay below this, so a pair key is an exact integer. */
export const MAX_PAIR_PARTICIPANTS = 1 << 20;

/** The dense square covers participant indexes below this (1024^2 slots: 8 MiB at most). */
export const MAX_DENSE_PARTICIPANTS = 1024;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Slot states. */
const UNTOUCHED = 0;
const DENSE = 1;
const WIDE = 2;

export class PairPositions {
  /** Side of the dense square: slot lo * side + hi holds the position of lo toward hi (lo < hi). */
  private side = 0;
  private dense = new BigInt64Array(0);
  /** Per slot: UNTOUCHED, DENSE (value in `dense`) or WIDE (value in `wide`). */
  private slotState = new Uint8Array(0);
  /** Positions outside the int64 range or the square, key lo * MAX_PAIR_PARTICIPANTS + hi. */
  private readonly wide = new Map<number, bigint>();
  /** Pair keys in the order first recorded: `of` lists counterparties in that order. */
  private order: number[] = [];

  /** Records a settlement of `amountMinor` from participant index `from` to `to`. */
  add(from: number, to: number, amountMinor: bigint): void {
    const lo = from < to ? from : to;
    const hi = from < to ? to : from;
    if (hi >= this.side && !this.cover(hi)) {
      this.addWide(lo, hi, from < to, amountMinor);
      return;
    }
    const slot = lo * this.side + hi;
    const state = this.slotState[slot];
    if (state === WIDE) {
      this.addWide(lo, hi, from < to, amountMinor);
      return;
    }
    if (state === UNTOUCHED) {
      this.slotState[slot] = DENSE;
      this.order.push(lo * MAX_PAIR_PARTICIPANTS + hi);
    }
    const before = this.dense[slot] as bigint;
    // lo paying hi lowers lo's position toward hi.
    const after = from < to ? before - amountMinor : before + amountMinor;
    if (after > INT64_MAX || after < INT64_MIN) {
      this.slotState[slot] = WIDE;
      this.dense[slot] = 0n;
      this.wide.set(lo * MAX_PAIR_PARTICIPANTS + hi, after);
      return;
    }
    this.dense[slot] = after;
  }

  /** Position of `of` toward `toward` (positive: `toward` has paid it more than it paid). */
  get(of: number, toward: number): bigint {
    const lo = of < toward ? of : toward;
    const hi = of < toward ? toward : of;
    let value: bigint;
    if (hi < this.side) {
      const slot = lo * this.side + hi;
      value = this.slotState[slot] === WIDE ? (this.wide.get(lo * MAX_PAIR_PARTICIPANTS + hi) as bigint) : (this.dense[slot] as bigint);
    } else {
      value = this.wide.get(lo * MAX_PAIR_PARTICIPANTS + hi) ?? 0n;
    }
    return of < toward || value === 0n ? value : -value;
  }

  /** Every non-zero position of participant index `of`, by counterparty index, in the order the pairs were first recorded. */
  of(of: number): Map<number, bigint> {
    const out = new Map<number, bigint>();
    for (const key of this.order) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (lo !== of && hi !== of) continue;
      const value = this.get(lo, hi);
      if (value === 0n) continue;
      if (lo === of) out.set(hi, value);
      else out.set(lo, -value);
    }
    return out;
  }

  /** Sum of each participant's positions (they must equal its RTGS net of the day). */
  totals(count: number): bigint[] {
    const sums = new Array<bigint>(count).fill(0n);
    for (const key of this.order) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (lo >= count || hi >= count) throw new Error(`pair position names participant ${hi} of ${count}`);
      const value = this.get(lo, hi);
      if (value === 0n) continue;
      sums[lo] = (sums[lo] as bigint) + value;
      sums[hi] = (sums[hi] as bigint) - value;
    }
    return sums;
  }

  clear(): void {
    this.dense.fill(0n);
    this.slotState.fill(UNTOUCHED);
    this.wide.clear();
    this.order = [];
  }

  /** Grows the square to cover participant index `index`; false when that is past MAX_DENSE_PARTICIPANTS. */
  private cover(index: number): boolean {
    if (index >= MAX_DENSE_PARTICIPANTS) return false;
    let side = Math.max(this.side, 16);
    while (side <= index) side *= 2;
    side = Math.min(side, MAX_DENSE_PARTICIPANTS);
    const dense = new BigInt64Array(side * side);
    const slotState = new Uint8Array(side * side);
    for (const key of this.order) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (hi >= this.side) continue;
      const from = lo * this.side + hi;
      const to = lo * side + hi;
      dense[to] = this.dense[from] as bigint;
      slotState[to] = this.slotState[from] as number;
    }
    // A pair that was in `wide` only because the square was too small comes back in.
    for (const [key, value] of this.wide) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (hi < this.side || hi >= side) continue;
      const to = lo * side + hi;
      if (value <= INT64_MAX && value >= INT64_MIN) {
        dense[to] = value;
        slotState[to] = DENSE;
        this.wide.delete(key);
      } else {
        slotState[to] = WIDE;
      }
    }
    this.side = side;
    this.dense = dense;
    this.slotState = slotState;
    return true;
  }

  private addWide(lo: number, hi: number, loPays: boolean, amountMinor: bigint): void {
    const key = lo * MAX_PAIR_PARTICIPANTS + hi;
    const before = this.wide.get(key);
    if (before === undefined) {
      if (hi >= this.side || this.slotState[lo * this.side + hi] === UNTOUCHED) this.order.push(key);
      if (hi < this.side) this.slotState[lo * this.side + hi] = WIDE;
    }
    const base = before ?? 0n;
    this.wide.set(key, loPays ? base - amountMinor : base + amountMinor);
  }
}
