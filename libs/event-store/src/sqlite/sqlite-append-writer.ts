import type Database from 'better-sqlite3';
import { checkExpectedRevision } from '../append-rules';
import type { AppendResult } from '../event-store';
import { GENESIS_HASH, chainHash } from '../hash-chain';
import { sqlPosition } from '../position';
import type { SerializedAppend } from '../serialized-append';

/** Per append: its result, or the error that refused it (nothing of it written). */
export type AppendOutcome = AppendResult | Error;

/** A stream as this transaction sees it: its last revision and that event's hash. */
interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Writes a batch of appends in one `BEGIN IMMEDIATE` transaction. Holding SQLite's write lock,
 * it reads the head position and assigns max + 1 onwards, so positions stay dense and in commit
 * order whichever process writes. Each append is checked against its stream's revision as this
 * transaction sees it, earlier appends of the same batch included, and written in its own
 * savepoint: a refused or failed append leaves no trace and does not fail its neighbours.
 * Each event's hash links its digest (taken before queueing) to the stream's previous hash, read
 * with the revision under the same lock, so the chain follows exactly the order events are written.
 */
export class SqliteAppendWriter {
  private readonly selectHead: Database.Statement<[], number>;
  private readonly selectStream: Database.Statement<[string], { revision: number; last_hash: string | null }>;
  private readonly insertEvent: Database.Statement<[number, string, number, string, string, string, string]>;
  private readonly upsertStream: Database.Statement<[string, number, string]>;
  private readonly writeBatch: Database.Transaction<(appends: readonly SerializedAppend[]) => AppendOutcome[]>;
  private readonly writeAppend: Database.Transaction<
    (append: SerializedAppend, head: StreamHead | null, firstPosition: number) => StreamHead
  >;

  constructor(db: Database.Database) {
    this.selectHead = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.selectStream = db.prepare('SELECT revision, last_hash FROM streams WHERE stream_id = ?');
    this.insertEvent = db.prepare(
      'INSERT INTO events (position, stream_id, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.upsertStream = db.prepare(
      'INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?) ' +
        'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash',
    );
    // Called inside writeBatch, so better-sqlite3 runs it as a savepoint.
    this.writeAppend = db.transaction((append, head, firstPosition) => {
      let revision = head ? head.revision : -1;
      let hash = head ? head.hash : GENESIS_HASH;
      append.events.forEach((event, index) => {
        revision += 1;
        hash = chainHash(hash, revision, event.digest);
        this.insertEvent.run(
          firstPosition + index,
          append.streamId,
          revision,
          event.type,
          event.data,
          event.metadata,
          hash,
        );
      });
      this.upsertStream.run(append.streamId, revision, hash);
      return { revision, hash };
    });
    this.writeBatch = db.transaction((appends) => {
      let head = this.selectHead.get() ?? 0;
      const streams = new Map<string, StreamHead | null>();
      return appends.map((append): AppendOutcome => {
        const current = streams.has(append.streamId)
          ? (streams.get(append.streamId) ?? null)
          : this.readStreamHead(append.streamId);
        try {
          checkExpectedRevision(append.streamId, append.expectedRevision, current?.revision ?? null);
          const written = this.writeAppend(append, current, head + 1);
          head += append.events.length;
          streams.set(append.streamId, written);
          return { nextRevision: written.revision, position: sqlPosition(head) };
        } catch (error) {
          // Some failures (disk full, I/O) make SQLite roll back the whole transaction: then
          // nothing of the batch may be reported as written, so the batch fails as one.
          if (!db.inTransaction) throw error;
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    });
  }

  private readStreamHead(streamId: string): StreamHead | null {
    const row = this.selectStream.get(streamId);
    if (!row) return null;
    // Never null once migration 2 ran: it backfilled every stream, and every append sets it.
    if (row.last_hash === null) throw new Error(`Stream "${streamId}" has no last hash: the hash backfill did not run`);
    return { revision: row.revision, hash: row.last_hash };
  }

  /** Returns one outcome per append, in order, once committed; throws if the transaction itself fails. */
  write(appends: readonly SerializedAppend[]): AppendOutcome[] {
    return this.writeBatch.immediate(appends);
  }
}
