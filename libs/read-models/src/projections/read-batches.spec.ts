import { sqlPosition, type RecordedEvent } from '@pledge-ledger/event-store';
import { readBatches } from './read-batches';

function recorded(n: number): RecordedEvent {
  return {
    type: 'Happened',
    data: {},
    metadata: {
      eventId: `e${n}`,
      actor: { sub: 's', role: 'admin' },
      correlationId: 'c',
      causationId: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
    streamId: `s-${n}`,
    revision: 0,
    position: sqlPosition(n),
    hash: 'not read here',
  };
}

/** A feed that hands over `reads` one store read at a time, with real I/O between reads. */
async function* feed(reads: number[][]): AsyncGenerator<RecordedEvent> {
  for (const read of reads) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const n of read) yield recorded(n);
  }
}

async function batchesOf(reads: number[][], max: number): Promise<number[][]> {
  const result: number[][] = [];
  for await (const batch of readBatches(feed(reads), max)) result.push(batch.map((e) => Number(e.position.commit)));
  return result;
}

describe('readBatches', () => {
  it('groups the events already at hand into one batch, and ends it when the next read needs I/O', async () => {
    expect(await batchesOf([[1, 2, 3], [4], [5, 6]], 10)).toEqual([[1, 2, 3], [4], [5, 6]]);
  });

  it('never exceeds the batch size, and loses or repeats nothing', async () => {
    const read = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(await batchesOf([read, [13]], 5)).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12], [13]]);
  });
});
