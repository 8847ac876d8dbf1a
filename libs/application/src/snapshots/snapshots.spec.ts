import { loanDecider } from '@pledge-ledger/domain';
import { InMemorySnapshotStore } from './in-memory-snapshot-store';
import { Snapshots } from './snapshots';
import type { Snapshot, SnapshotStore } from './snapshot-store';
import { play } from './testing/random-loan-history';

/** Counts the store's reads, to see when a snapshot came from memory. */
class CountingStore implements SnapshotStore {
  gets = 0;
  constructor(readonly inner = new InMemorySnapshotStore()) {}
  get(streamId: string): Promise<Snapshot | null> {
    this.gets++;
    return this.inner.get(streamId);
  }
  put(streamId: string, snapshot: Snapshot): Promise<void> {
    return this.inner.put(streamId, snapshot);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const { events } = play({ principalFen: 10_000_000, termMonths: 12, bullet: false, rateBps: 1200 }, [
  { kind: 'secure' },
  { kind: 'disburse' },
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'repay' as const, days: 1, fen: 1_000 + i })),
]);
const stateAt = (revision: number) =>
  events.slice(0, revision + 1).reduce((state, event) => loanDecider.evolve(state, event), loanDecider.initialState);

describe('Snapshots', () => {
  it('keeps the newest snapshot it wrote or read in memory, and asks the store only for others', async () => {
    const store = new CountingStore();
    const writer = new Snapshots(store, { every: 5 });
    await writer.write(loanDecider, 'loan-a', stateAt(9), 9, 'event-9');
    await writer.write(loanDecider, 'loan-a', stateAt(4), 4, 'event-4'); // older: neither stored nor kept
    expect(await writer.restore(loanDecider, 'loan-a')).toEqual({ state: stateAt(9), revision: 9, eventId: 'event-9' });
    expect(store.gets).toBe(0);

    const reader = new Snapshots(store, { every: 5 });
    const read = await reader.restore(loanDecider, 'loan-a');
    expect(read).toMatchObject({ revision: 9, eventId: 'event-9' });
    expect(await reader.restore(loanDecider, 'loan-a')).toBe(read);
    expect(store.gets).toBe(1);

    reader.forget('loan-a'); // it did not fit the stream
    await reader.restore(loanDecider, 'loan-a');
    expect(store.gets).toBe(2);
  });

  it('keeps at most keptEvents events of states, dropping the least recently used', async () => {
    const store = new CountingStore();
    const snapshots = new Snapshots(store, { every: 5, keptEvents: 25 });
    await snapshots.write(loanDecider, 'loan-a', stateAt(9), 9, 'a-9');
    await snapshots.write(loanDecider, 'loan-b', stateAt(9), 9, 'b-9');
    await snapshots.restore(loanDecider, 'loan-a'); // a is now the most recently used
    await snapshots.write(loanDecider, 'loan-c', stateAt(9), 9, 'c-9'); // 30 events > 25: b goes
    expect(store.gets).toBe(0);
    await snapshots.restore(loanDecider, 'loan-a');
    await snapshots.restore(loanDecider, 'loan-c');
    expect(store.gets).toBe(0);
    await snapshots.restore(loanDecider, 'loan-b');
    expect(store.gets).toBe(1);

    const none = new Snapshots(store, { every: 5, keptEvents: 0 });
    await none.write(loanDecider, 'loan-d', stateAt(9), 9, 'd-9');
    await none.restore(loanDecider, 'loan-d');
    expect(store.gets).toBe(2);
  });

  it('does not ask the store about a stream it last folded whole while shorter than one interval', async () => {
    const store = new CountingStore();
    const snapshots = new Snapshots(store, { every: 5 });
    expect(await snapshots.restore(loanDecider, 'loan-a')).toBeNull();
    expect(store.gets).toBe(1);
    snapshots.foldedWhole(loanDecider, 'loan-a', 3); // 4 events: no process writes a snapshot before 5
    expect(await snapshots.restore(loanDecider, 'loan-a')).toBeNull();
    expect(store.gets).toBe(1);
    snapshots.foldedWhole(loanDecider, 'loan-a', 4); // 5 events: another process may have written one
    await snapshots.restore(loanDecider, 'loan-a');
    expect(store.gets).toBe(2);

    snapshots.foldedWhole(loanDecider, 'loan-b', null); // no stream yet
    await snapshots.write(loanDecider, 'loan-b', stateAt(9), 9, 'b-9'); // this process wrote one: kept
    expect(await snapshots.restore(loanDecider, 'loan-b')).toMatchObject({ revision: 9 });
    expect(store.gets).toBe(2);
  });

  it('covers only the deciders it has a codec for, and refuses a snapshot interval below 1', async () => {
    const store = new CountingStore();
    const snapshots = new Snapshots(store);
    expect(snapshots.every).toBe(200);
    expect(snapshots.covers(loanDecider)).toBe(true);
    expect(await snapshots.restore({}, 'bank-1')).toBeNull();
    expect(store.gets).toBe(0);
    expect(() => new Snapshots(store, { every: 0 })).toThrow(RangeError);
  });
});
