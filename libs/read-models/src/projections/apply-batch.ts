import type { After, Position, RecordedEvent } from '@pledge-ledger/event-store';
import type { ReadStore } from '../read-store/read-store';
import { advanceCheckpoint } from './projection-checkpoints';
import { projectionHandles, type BatchWrites, type Projection } from './projection';

/** Where a batch goes: the checkpoint it moves and the tables it writes (live, or a rebuild's copies). */
export interface ProjectionTarget {
  readonly checkpoint: string;
  readonly tables: Readonly<Record<string, string>>;
}

/**
 * Applies one batch and moves the checkpoint from `expected` to the batch's last position, in one
 * transaction: either both happen or neither, so the batch is never applied twice nor skipped.
 */
export async function applyBatch(
  readStore: ReadStore,
  projection: Projection,
  target: ProjectionTarget,
  expected: After,
  events: readonly RecordedEvent[],
): Promise<Position> {
  const relevant = events.filter((event) => projectionHandles(projection, event.type));
  const writes: BatchWrites | undefined =
    relevant.length > 0 ? (context) => projection.apply(relevant, context) : undefined;
  return commitBatch(readStore, target, expected, events, writes);
}

/** Runs a batch's `writes` and moves the checkpoint to the batch's last position, in one transaction. */
export async function commitBatch(
  readStore: ReadStore,
  target: ProjectionTarget,
  expected: After,
  events: readonly RecordedEvent[],
  writes: BatchWrites | undefined,
): Promise<Position> {
  const last = events[events.length - 1].position;
  await readStore.transaction(async (manager) => {
    await advanceCheckpoint(manager, target.checkpoint, expected, last);
    if (writes) await writes({ manager, tables: target.tables, dialect: readStore.dialect });
  });
  return last;
}
