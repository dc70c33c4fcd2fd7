/**
 * A FIFO with O(1) push and shift (a head index over an array, compacted as it drains) and
 * ordered removal from the middle, which only rare operator commands (cancel, reprioritise) need.
 */
export class Deque<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    // Compact once the dead prefix outweighs the live part, so memory stays O(live).
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes `item` wherever it is; O(n). Returns false if absent. */
  remove(item: T): boolean {
    const at = this.items.indexOf(item, this.head);
    if (at < 0) return false;
    this.items.splice(at, 1);
    return true;
  }

  /** Inserts keeping the order given by `before(a, b)` (true when a goes before b); O(n). */
  insertOrdered(item: T, before: (a: T, b: T) => boolean): void {
    let at = this.items.length;
    while (at > this.head && before(item, this.items[at - 1] as T)) at -= 1;
    this.items.splice(at, 0, item);
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }

  replaceWith(items: T[]): void {
    this.items = items;
    this.head = 0;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
