import { newEvent } from './conformance/conformance-support';
import { readAllEvents } from './read-all-events';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('readAllEvents', () => {
  async function collect(iterable: AsyncIterable<{ data: { n?: unknown } }>): Promise<unknown[]> {
    const seen: unknown[] = [];
    for await (const event of iterable) seen.push(event.data.n);
    return seen;
  }

  it('yields the whole history a page at a time, or up to a head read beforehand', async () => {
    const store = await SqliteEventStore.open(':memory:');
    try {
      for (let n = 0; n < 7; n++) await store.append(`s-${n % 3}`, [newEvent('Step', { n })], 'any');
      const head = await store.headPosition();
      await store.append('s-later', [newEvent('Step', { n: 7 })], 'no-stream');

      expect(await collect(readAllEvents(store, { pageSize: 3 }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(await collect(readAllEvents(store, { pageSize: 3, upTo: head }))).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(await collect(readAllEvents(store, { pageSize: 7, upTo: head }))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    } finally {
      await store.close();
    }
  });
});
