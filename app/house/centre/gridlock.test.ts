import { describe, expect, it } from 'vitest';
import { gridlockEstimate } from './gridlock';

const yuan = (n: number) => BigInt(n * 100);

describe('the gridlock indicator', () => {
  it('releases a ring of three banks that none could break alone, not the payment no one covers', () => {
    // A, B, C hold 10.00 each and owe the next one 100.00 round the ring; A also owes C 50.00.
    // Offsetting the ring leaves each at 10.00; A's 50.00 on top would take it to -40.00: dropped.
    const estimate = gridlockEstimate([
      { participantId: 'A', availableMinor: yuan(10), queue: [{ to: 'B', amountMinor: yuan(100) }, { to: 'C', amountMinor: yuan(50) }] },
      { participantId: 'B', availableMinor: yuan(10), queue: [{ to: 'C', amountMinor: yuan(100) }] },
      { participantId: 'C', availableMinor: yuan(10), queue: [{ to: 'A', amountMinor: yuan(100) }] },
    ]);
    expect(estimate).toEqual({ queuedMinor: yuan(350), releasableMinor: yuan(300), releasablePayments: 3 });
  });

  it('releases nothing when the short bank gets nothing its way', () => {
    expect(gridlockEstimate([{ participantId: 'C', availableMinor: yuan(100), queue: [{ to: 'A', amountMinor: yuan(150) }] }, { participantId: 'A', availableMinor: yuan(5), queue: [] }])).toEqual({
      queuedMinor: yuan(150),
      releasableMinor: 0n,
      releasablePayments: 0,
    });
  });

  it('keeps the queue order: a bank drops its last payments first', () => {
    // B can cover 60.00 of what it owes once A's 40.00 arrives: its first payment (60.00) stays, the second (30.00) goes.
    const estimate = gridlockEstimate([
      { participantId: 'A', availableMinor: yuan(0), queue: [{ to: 'B', amountMinor: yuan(40) }] },
      { participantId: 'B', availableMinor: yuan(20), queue: [{ to: 'A', amountMinor: yuan(60) }, { to: 'A', amountMinor: yuan(30) }] },
    ]);
    expect(estimate).toEqual({ queuedMinor: yuan(130), releasableMinor: yuan(100), releasablePayments: 2 });
  });
});
