import { setImmediate as nextTurn } from 'node:timers/promises';
import { START, type After, type EventStore, type RecordedEvent } from '@pledge-ledger/event-store';
import { commitBatch, type ProjectionTarget } from '../projections/apply-batch';
import { deleteCheckpoint, ensureCheckpoint, overwriteCheckpoint } from '../projections/projection-checkpoints';
import {
  projectionHandles,
  type BatchWrites,
  type Projection,
  type ProjectionRebuild,
} from '../projections/projection';
import type { Dialect, ReadStore } from '../read-store/read-store';
import { postgresTableCopies } from './postgres-table-copies';
import { sqliteTableCopies } from './sqlite-table-copies';
import { rebuildName, type TableCopies } from './table-copies';

/** The in-process runner of the projection, held while the rebuilt tables are swapped in. */
export interface PausableRunner {
  pause(): Promise<void>;
  resume(): void;
}

/**
 * Events read and applied per transaction while rebuilding. Larger than the runner's 500: the
 * copies have no readers and nobody waits on each commit, so fewer, larger batches win (fewer
 * statements per event, and a view such as loan_view decodes and writes each loan once per batch);
 * two batches are held at a time, so memory stays flat however long the history (docs/benchmarks.md, B4).
 */
export const REBUILD_BATCH_SIZE = 2000;

export interface RebuildOptions {
  /** Most events applied per transaction. Default REBUILD_BATCH_SIZE. */
  readonly batchSize?: number;
  readonly runner?: PausableRunner;
}

export interface RebuildResult {
  readonly projection: string;
  /** The checkpoint swapped in with the rebuilt tables. */
  readonly position: After;
  readonly events: number;
}

function tableCopies(dialect: Dialect): TableCopies {
  return dialect === 'sqlite' ? sqliteTableCopies : postgresTableCopies;
}

/**
 * The rebuild of a projection without a fold of its own: each batch's events go to `apply`, in the
 * batch's transaction, as the live runner applies them.
 */
function applyingRebuild(projection: Projection): ProjectionRebuild {
  let events: RecordedEvent[] = [];
  return {
    add: (event) => {
      events.push(event);
    },
    take: () => {
      const batch = events;
      events = [];
      return (context) => projection.apply(batch, context);
    },
  };
}

/** Events folded between two turns of the event loop, so that a running batch's statements go on. */
const FOLD_SLICE = 250;

/** Folds a batch's events the projection handles, yielding now and then; undefined when none. */
async function folded(
  fold: ProjectionRebuild,
  projection: Projection,
  batch: readonly RecordedEvent[],
): Promise<BatchWrites | undefined> {
  let added = 0;
  for (let i = 0; i < batch.length; i++) {
    if (!projectionHandles(projection, batch[i].type)) continue;
    fold.add(batch[i]);
    if (++added % FOLD_SLICE === 0) await nextTurn();
  }
  return added > 0 ? fold.take() : undefined;
}

/**
 * Rebuilds a projection from position 0 into copies of its tables, then swaps them in, with the
 * checkpoint, in one transaction. Queries keep reading the live tables until that commit.
 *
 * The live projection goes on meanwhile; it is paused only for the last stretch (the events that
 * arrived during the rebuild) and the swap, then resumes from the swapped-in checkpoint, which is
 * at or past its own. A runner in another process finds its checkpoint moved, rolls its batch
 * back and carries on from the new one.
 *
 * A projection with a rebuild fold (`startRebuild`, ProjectionRebuild) has each batch's rows
 * computed in memory while the previous batch's statements run, so Node and the database work at
 * the same time instead of taking turns; the others are applied batch by batch with `apply`
 * (`applyingRebuild`), the next batch read meanwhile.
 */
export async function rebuildProjection(
  store: EventStore,
  readStore: ReadStore,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const copies = tableCopies(readStore.dialect);
  const batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  const tables = Object.entries(projection.tables);
  const target: ProjectionTarget = {
    checkpoint: rebuildName(projection.name),
    tables: Object.fromEntries(tables.map(([key, live]) => [key, rebuildName(live)])),
  };

  // Leftovers of an interrupted rebuild are dropped: it starts over from position 0.
  await readStore.transaction(async (manager) => {
    await deleteCheckpoint(manager, target.checkpoint);
    for (const [key, live] of tables) {
      await copies.drop(manager, target.tables[key]);
      await copies.create(manager, live, target.tables[key]);
    }
    await ensureCheckpoint(manager, target.checkpoint);
  });

  let position: After = START;
  let events = 0;
  const fold =
    projection.startRebuild?.({ tables: target.tables, dialect: readStore.dialect }) ?? applyingRebuild(projection);
  const catchUp = async (): Promise<void> => {
    let batch = await store.readAll({ after: position, maxCount: batchSize });
    let writes = await folded(fold, projection, batch);
    while (batch.length > 0) {
      // Read and fold the next batch while this one commits.
      const next = store.readAll({ after: batch[batch.length - 1].position, maxCount: batchSize });
      next.catch(() => undefined);
      const committing = commitBatch(readStore, target, position, batch, writes);
      // Awaited below; until then a failure must not count as an unhandled rejection.
      committing.catch(() => undefined);
      let following: RecordedEvent[];
      let followingWrites: BatchWrites | undefined;
      try {
        following = await next;
        followingWrites = await folded(fold, projection, following);
      } finally {
        // Settled before going on or failing: no transaction is left running behind the rebuild.
        position = await committing;
      }
      events += batch.length;
      batch = following;
      writes = followingWrites;
    }
  };

  await catchUp();
  // Before the pause: building the indexes over the whole copy must not hold the live runner.
  await readStore.transaction(async (manager) => {
    for (const [key, live] of tables) await copies.addIndexes(manager, live, target.tables[key]);
  });
  await options.runner?.pause();
  try {
    await catchUp();
    await readStore.transaction(async (manager) => {
      // The live checkpoint first: runners lock it first too, so the swap and a batch cannot deadlock.
      await overwriteCheckpoint(manager, projection.name, position);
      await deleteCheckpoint(manager, target.checkpoint);
      for (const [key, live] of tables) await copies.swap(manager, live, target.tables[key]);
    });
  } finally {
    options.runner?.resume();
  }
  return { projection: projection.name, position, events };
}
