/** Latencies in milliseconds, kept whole (a day is at most a few million numbers) and sorted once. */
export class LatencyRecorder {
  private values = new Float64Array(1024);
  private count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count] = ms;
    this.count += 1;
  }

  /** A copy of what was added, in order (to send to another thread). */
  snapshot(): Float64Array {
    return this.values.slice(0, this.count);
  }

  /** Adds every value of another recorder's snapshot. */
  addAll(values: Float64Array): void {
    for (const ms of values) this.add(ms);
  }

  get size(): number {
    return this.count;
  }

  /** p50, p90, p99, p99.9 and max, rounded to 0.1 ms; empty: nulls. */
  summary(): { count: number; p50: number | null; p90: number | null; p99: number | null; p999: number | null; max: number | null } {
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number): number | null => {
      if (sorted.length === 0) return null;
      const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
    };
    return { count: this.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1) };
  }
}
