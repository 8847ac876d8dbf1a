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

/** A batch's writes, prepared in memory and run in the batch's transaction. */
export type BatchWrites<Table extends string = string> = (context: ProjectionContext<Table>) => Promise<void>;

/**
 * A rebuild from position 0 into fresh copies that nothing else writes, done faster than by
 * `apply`: the projection folds each event in memory, without I/O, keeping what `apply` would
 * read back from its own tables (for the journal, each loan's enterprise and each account's
 * running totals), and hands over each batch's writes. That lets the rebuild fold batch n+1 while
 * batch n's statements run (rebuild-projection.ts). What it keeps must be bounded by the read
 * model's own rows (loans, accounts), never by the number of events.
 *
 * It must leave exactly the rows `apply` leaves over the same events (the projections' tests
 * compare the two). It may rely on what a rebuild guarantees: every event once, in global order.
 */
export interface ProjectionRebuild<Table extends string = string> {
  /** Folds one event the projection handles, in global order. */
  add(event: RecordedEvent): void;
  /** The writes of every event added since the last call, with their values fixed now. */
  take(): BatchWrites<Table>;
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
  /** Optional: a fold for rebuilds (ProjectionRebuild); without it a rebuild calls `apply` batch by batch. */
  startRebuild?(target: Omit<ProjectionContext<Table>, 'manager'>): ProjectionRebuild<Table>;
}

export function projectionHandles(projection: Projection, type: string): boolean {
  return projection.handles === 'all' || projection.handles.has(type);
}
