import { seededRandom } from '../../app/shared/seeded-random';

export const DAY_SEED = 20261207;
/** Amounts log-uniform between these, in fen: 1.00 to 200,000.00 yuan. */
const MIN_AMOUNT_MINOR = 100;
const MAX_AMOUNT_MINOR = 20_000_000;

export interface DayPayment {
  /** The sender's console (payment k is sent by console k mod consoles: round robin). */
  from: number;
  to: number;
  amountMinor: bigint;
  hvps: boolean;
}

/**
 * The offered day, payment by payment: senders round robin, receivers, amounts and kinds drawn
 * from one seeded stream in payment order. Each generator thread walks the whole stream and
 * keeps its own consoles' payments (`skip` draws the same numbers without building the
 * payment), so the day is the same whatever the number of threads.
 */
export class DaySchedule {
  private readonly random: () => number;
  private readonly logSpan = Math.log(MAX_AMOUNT_MINOR / MIN_AMOUNT_MINOR);
  private nextK = 0;

  constructor(
    private readonly consoles: number,
    private readonly hvpsShare: number,
    seed = DAY_SEED,
  ) {
    if (!Number.isInteger(consoles) || consoles < 2) throw new Error(`a day needs at least 2 consoles, not ${consoles}`);
    this.random = seededRandom(seed);
  }

  /** The sender of payment k, without drawing. */
  senderOf(k: number): number {
    return k % this.consoles;
  }

  /** Payment k; k must be the next one. */
  draw(k: number): DayPayment {
    this.step(k);
    const from = k % this.consoles;
    let to = Math.floor(this.random() * (this.consoles - 1));
    if (to >= from) to += 1;
    const amountMinor = BigInt(Math.round(MIN_AMOUNT_MINOR * Math.exp(this.random() * this.logSpan)));
    const hvps = this.random() < this.hvpsShare;
    return { from, to, amountMinor, hvps };
  }

  /** Passes payment k (another thread's): the same draws, nothing built. */
  skip(k: number): void {
    this.step(k);
    this.random();
    this.random();
    this.random();
  }

  private step(k: number): void {
    if (k !== this.nextK) throw new Error(`the day's payments are drawn in order: expected ${this.nextK}, asked for ${k}`);
    this.nextK += 1;
  }
}
