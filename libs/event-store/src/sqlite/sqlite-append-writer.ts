import type Database from 'better-sqlite3';
import { checkExpectedRevision } from '../append-rules';
import type { AppendResult } from '../event-store';
import { sqlPosition } from '../position';
import type { SerializedAppend } from '../serialized-append';

/** Per append: its result, or the error that refused it (nothing of it written). */
export type AppendOutcome = AppendResult | Error;

/**
 * Writes a batch of appends in one `BEGIN IMMEDIATE` transaction. Holding SQLite's write lock,
 * it reads the head position and assigns max + 1 onwards, so positions stay dense and in commit
 * order whichever process writes. Each append is checked against its stream's revision as this
 * transaction sees it, earlier appends of the same batch included, and written in its own
 * savepoint: a refused or failed append leaves no trace and does not fail its neighbours.
 */
export class SqliteAppendWriter {
  private readonly selectHead: Database.Statement<[], number>;
  private readonly selectRevision: Database.Statement<[string], number>;
  private readonly insertEvent: Database.Statement<[number, string, number, string, string, string]>;
  private readonly upsertStream: Database.Statement<[string, number]>;
  private readonly writeBatch: Database.Transaction<(appends: readonly SerializedAppend[]) => AppendOutcome[]>;
  private readonly writeAppend: Database.Transaction<
    (append: SerializedAppend, firstRevision: number, firstPosition: number) => void
  >;

  constructor(db: Database.Database) {
    this.selectHead = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.selectRevision = db.prepare<[string], number>('SELECT revision FROM streams WHERE stream_id = ?').pluck();
    this.insertEvent = db.prepare(
      'INSERT INTO events (position, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.upsertStream = db.prepare(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    );
    // Called inside writeBatch, so better-sqlite3 runs it as a savepoint.
    this.writeAppend = db.transaction((append, firstRevision, firstPosition) => {
      append.events.forEach((event, index) => {
        this.insertEvent.run(
          firstPosition + index,
          append.streamId,
          firstRevision + index,
          event.type,
          event.data,
          event.metadata,
        );
      });
      this.upsertStream.run(append.streamId, firstRevision + append.events.length - 1);
    });
    this.writeBatch = db.transaction((appends) => {
      let head = this.selectHead.get() ?? 0;
      const revisions = new Map<string, number | null>();
      return appends.map((append): AppendOutcome => {
        const current = revisions.has(append.streamId)
          ? (revisions.get(append.streamId) ?? null)
          : (this.selectRevision.get(append.streamId) ?? null);
        try {
          checkExpectedRevision(append.streamId, append.expectedRevision, current);
          const firstRevision = current === null ? 0 : current + 1;
          this.writeAppend(append, firstRevision, head + 1);
          head += append.events.length;
          const nextRevision = firstRevision + append.events.length - 1;
          revisions.set(append.streamId, nextRevision);
          return { nextRevision, position: sqlPosition(head) };
        } catch (error) {
          // Some failures (disk full, I/O) make SQLite roll back the whole transaction: then
          // nothing of the batch may be reported as written, so the batch fails as one.
          if (!db.inTransaction) throw error;
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    });
  }

  /** Returns one outcome per append, in order, once committed; throws if the transaction itself fails. */
  write(appends: readonly SerializedAppend[]): AppendOutcome[] {
    return this.writeBatch.immediate(appends);
  }
}
