/**
 * The gridlock indicator: of the value queued in RTGS, how much a multilateral offset would
 * release now. A dry run of the engine's rule (app/shared/clearing/multilateral-offset.ts) over
 * its read-only views: take every queued payment; while a participant would end below zero
 * available, drop its last queued payment; what remains would settle. An estimate for the
 * screen; the engine's own offset is what settles.
 */
/** One participant's RTGS queue in queue order, and its available liquidity. */
export interface QueuedRtgs {
  participantId: string;
  availableMinor: bigint;
  queue: Array<{ to: string; amountMinor: bigint }>;
}

export function gridlockEstimate(participants: readonly QueuedRtgs[]): { queuedMinor: bigint; releasableMinor: bigint; releasablePayments: number } {
  const position = new Map<string, bigint>();
  const queues = new Map<string, Array<{ to: string; amountMinor: bigint }>>();
  const kept = new Map<string, number>();
  let queuedMinor = 0n;
  for (const p of participants) position.set(p.participantId, p.availableMinor);
  for (const p of participants) {
    for (const payment of p.queue) {
      queuedMinor += payment.amountMinor;
      position.set(p.participantId, (position.get(p.participantId) ?? 0n) - payment.amountMinor);
      position.set(payment.to, (position.get(payment.to) ?? 0n) + payment.amountMinor);
    }
    queues.set(p.participantId, p.queue);
    kept.set(p.participantId, p.queue.length);
  }
  const sortedIds = participants.map((p) => p.participantId).sort();
  for (;;) {
    let worst: string | undefined;
    let worstPosition = 0n;
    for (const id of sortedIds) {
      const value = position.get(id) ?? 0n;
      if (value < worstPosition) {
        worst = id;
        worstPosition = value;
      }
    }
    if (worst === undefined) break;
    const left = (kept.get(worst) ?? 0) - 1;
    if (left < 0) throw new Error(`gridlock estimate: ${worst} short with nothing left to drop`);
    kept.set(worst, left);
    const dropped = (queues.get(worst) ?? [])[left];
    if (!dropped) throw new Error('gridlock estimate: queue shorter than its count');
    position.set(worst, (position.get(worst) ?? 0n) + dropped.amountMinor);
    position.set(dropped.to, (position.get(dropped.to) ?? 0n) - dropped.amountMinor);
  }
  let releasableMinor = 0n;
  let releasablePayments = 0;
  for (const [id, list] of queues) {
    const n = kept.get(id) ?? 0;
    releasablePayments += n;
    for (let i = 0; i < n; i += 1) releasableMinor += (list[i] as { amountMinor: bigint }).amountMinor;
  }
  return { queuedMinor, releasableMinor, releasablePayments };
}
