import {
  sqlPosition,
  START,
  type After,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import { feedLag, hasDensePositions, LAG_READ_LIMIT } from './feed-lag';

/** A store whose positions are EventStoreDB-like: sparse, commit != prepare. */
function sparseStore(positions: Position[]): EventStore & { reads: number } {
  const store = {
    reads: 0,
    headPosition: async (): Promise<After> => positions.at(-1) ?? START,
    readAll: async ({ after, maxCount }: { after: After; maxCount: number }) => {
      store.reads++;
      const from = after === START ? -1 : positions.findIndex((p) => p.commit === after.commit);
      return positions.slice(from + 1, from + 1 + maxCount).map((position) => ({ position }) as RecordedEvent);
    },
  };
  return store as unknown as EventStore & { reads: number };
}

const esdb = (n: number): Position => ({ commit: BigInt(n * 100 + 7), prepare: BigInt(n * 100) });

describe('feedLag', () => {
  it('on dense positions is head minus checkpoint, with no read', async () => {
    const store = { headPosition: async () => sqlPosition(10), readAll: jest.fn() } as unknown as EventStore;
    const lags = await feedLag(
      store,
      new Map<string, After>([
        ['new', START],
        ['half', sqlPosition(4)],
        ['done', sqlPosition(10)],
      ]),
      true,
    );
    expect(Object.fromEntries(lags)).toEqual({
      new: { behind: 10, caughtUp: false },
      half: { behind: 6, caughtUp: false },
      done: { behind: 0, caughtUp: true },
    });
    expect(store.readAll).not.toHaveBeenCalled();
  });

  it('on sparse positions counts the events with one bounded read from the oldest checkpoint', async () => {
    const positions = [1, 2, 3, 4, 5].map(esdb);
    const store = sparseStore(positions);
    const lags = await feedLag(
      store,
      new Map<string, After>([
        ['a', positions[1]],
        ['b', START],
        ['c', positions[4]],
      ]),
      false,
    );
    expect(Object.fromEntries(lags)).toEqual({
      a: { behind: 3, caughtUp: false },
      b: { behind: 5, caughtUp: false },
      c: { behind: 0, caughtUp: true },
    });
    expect(store.reads).toBe(1);
  });

  it('on sparse positions stops counting at the read limit, and reads nothing when all are caught up', async () => {
    const positions = Array.from({ length: LAG_READ_LIMIT + 50 }, (_, i) => esdb(i + 1));
    const store = sparseStore(positions);
    const far = await feedLag(store, new Map<string, After>([['far', START]]), false);
    expect(far.get('far')).toEqual({ behind: LAG_READ_LIMIT, caughtUp: false });

    const caughtUp = sparseStore(positions);
    await feedLag(caughtUp, new Map<string, After>([['done', positions.at(-1)!]]), false);
    expect(caughtUp.reads).toBe(0);
  });

  it('knows which stores number their events densely', () => {
    expect(hasDensePositions('sqlite:./data/events.sqlite')).toBe(true);
    expect(hasDensePositions('postgres://db/ledger')).toBe(true);
    expect(hasDensePositions('esdb://localhost:2113?tls=false')).toBe(false);
    expect(hasDensePositions('kurrentdb://localhost:2113')).toBe(false);
  });
});
