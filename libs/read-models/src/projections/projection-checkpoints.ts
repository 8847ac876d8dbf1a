import { formatPosition, parsePosition, START, type After } from '@pledge-ledger/event-store';
import type { EntityManager } from 'typeorm';

export const CHECKPOINTS_TABLE = 'projection_checkpoints';

/**
 * Raised when a projection's stored checkpoint is not the one its runner started the batch from:
 * another runner of the same projection got there first, or a rebuild was swapped in. The batch
 * is rolled back; the runner reloads the checkpoint and carries on from there.
 */
export class CheckpointMovedError extends Error {
  readonly code = 'PROJECTION.CHECKPOINT_MOVED';

  constructor(readonly checkpoint: string) {
    super(`The checkpoint of ${checkpoint} moved under its runner`);
  }
}

export async function loadCheckpoint(manager: EntityManager, name: string): Promise<After> {
  const rows: Array<{ position: string }> = await manager
    .createQueryBuilder()
    .select('c.position', 'position')
    .from(CHECKPOINTS_TABLE, 'c')
    .where('c.name = :name', { name })
    .getRawMany();
  return rows.length > 0 ? parsePosition(rows[0].position) : START;
}

/** Creates the checkpoint at START unless it exists. */
export async function ensureCheckpoint(manager: EntityManager, name: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(CHECKPOINTS_TABLE, ['name', 'position'])
    .values({ name, position: START })
    .orIgnore()
    .execute();
}

/**
 * Moves the checkpoint from `expected` to `next`, or throws CheckpointMovedError. Run it first in
 * the batch's transaction: on PostgreSQL it takes the row lock, so two runners of one projection
 * queue here and the second one finds the checkpoint moved instead of applying the batch again.
 */
export async function advanceCheckpoint(
  manager: EntityManager,
  name: string,
  expected: After,
  next: After,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(CHECKPOINTS_TABLE)
    .set({ position: formatPosition(next) })
    .where('name = :name AND position = :expected', { name, expected: formatPosition(expected) })
    .execute();
  if (result.affected !== 1) throw new CheckpointMovedError(name);
}

/** Sets the checkpoint whatever it was (a rebuild swapping its own in). */
export async function overwriteCheckpoint(manager: EntityManager, name: string, position: After): Promise<void> {
  await ensureCheckpoint(manager, name);
  await manager
    .createQueryBuilder()
    .update(CHECKPOINTS_TABLE)
    .set({ position: formatPosition(position) })
    .where('name = :name', { name })
    .execute();
}

export async function deleteCheckpoint(manager: EntityManager, name: string): Promise<void> {
  await manager.createQueryBuilder().delete().from(CHECKPOINTS_TABLE).where('name = :name', { name }).execute();
}
