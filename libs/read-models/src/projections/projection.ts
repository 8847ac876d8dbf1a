import type { RecordedEvent } from '@pledge-ledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Dialect } from '../read-store/read-store';

/** What a projection writes with: the batch's transaction and the tables to write to. */
export interface ProjectionContext<Table extends string = string> {
  /** The batch's transaction: rows written through it commit with the checkpoint, or not at all. */
  readonly manager: EntityManager;
  /**
   * Table names to write to, by the keys the projection declared. They are the live tables when
   * running, and fresh copies during a rebuild: never write to a hard-coded name.
   */
  readonly tables: Readonly<Record<Table, string>>;
  readonly dialect: Dialect;
}

/**
 * A read model kept up to date from the global feed.
 *
 * `apply` receives events in global order, many per call, and must be deterministic: the same
 * events from position 0 must yield the same rows (that is what rebuild relies on). It never
 * sees an event twice, because the runner commits the checkpoint in the same transaction.
 * Its tables are created by migrations; they must not use generated columns or foreign keys,
 * since a rebuild copies them and swaps the copy in.
 */
export interface Projection<Table extends string = string> {
  /** Unique and stable: it names the checkpoint. */
  readonly name: string;
  /** Event types `apply` receives; `'all'` for every event. Others only move the checkpoint. */
  readonly handles: ReadonlySet<string> | 'all';
  /** Its tables, by key, with their live names. */
  readonly tables: Readonly<Record<Table, string>>;
  apply(events: readonly RecordedEvent[], context: ProjectionContext<Table>): Promise<void>;
}

export function projectionHandles(projection: Projection, type: string): boolean {
  return projection.handles === 'all' || projection.handles.has(type);
}
