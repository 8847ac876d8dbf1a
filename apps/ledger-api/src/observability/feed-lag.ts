import { comparePositions, START, type After, type EventStore } from '@pledge-ledger/event-store';

/** At most this many events are read per scrape to count how far behind the consumers are (EventStoreDB). */
export const LAG_READ_LIMIT = 1000;

export interface FeedLag {
  /** Events after the consumer's checkpoint; on a store with sparse positions, at most LAG_READ_LIMIT. */
  readonly behind: number;
  readonly caughtUp: boolean;
}

/**
 * How far each consumer of the global feed (a projection, a process manager) is behind the head.
 *
 * Dense positions (SQLite and PostgreSQL: 1, 2, 3, ... with no gaps): head minus checkpoint, no read.
 * Sparse positions (EventStoreDB's $all commit/prepare pairs): the events are counted with one
 * bounded read from the oldest checkpoint. When that read is full, every count is a lower bound:
 * LAG_READ_LIMIT means "that many or more".
 */
export async function feedLag(
  store: EventStore,
  checkpoints: ReadonlyMap<string, After>,
  densePositions: boolean,
): Promise<Map<string, FeedLag>> {
  const head = await store.headPosition();
  const lags = new Map<string, FeedLag>();
  const behindHead = [...checkpoints].filter(([, checkpoint]) => comparePositions(checkpoint, head) < 0);
  for (const [name] of checkpoints) lags.set(name, { behind: 0, caughtUp: true });
  if (behindHead.length === 0 || head === START) return lags;

  if (densePositions) {
    for (const [name, checkpoint] of behindHead) {
      const from = checkpoint === START ? 0n : checkpoint.commit;
      lags.set(name, { behind: Number(head.commit - from), caughtUp: false });
    }
    return lags;
  }

  const oldest = behindHead.reduce(
    (min, [, checkpoint]) => (comparePositions(checkpoint, min) < 0 ? checkpoint : min),
    head as After,
  );
  const events = await store.readAll({ after: oldest, maxCount: LAG_READ_LIMIT });
  for (const [name, checkpoint] of behindHead) {
    const behind = events.filter((event) => comparePositions(event.position, checkpoint) > 0).length;
    // The head moved past the checkpoint, so at least one event is behind even if the read saw none yet.
    lags.set(name, { behind: Math.max(behind, 1), caughtUp: false });
  }
  return lags;
}

/** SQLite and PostgreSQL number events 1, 2, 3, ...; EventStoreDB's positions are byte offsets. */
export function hasDensePositions(eventStoreUrl: string): boolean {
  return /^(sqlite|postgres|postgresql):/.test(eventStoreUrl);
}
