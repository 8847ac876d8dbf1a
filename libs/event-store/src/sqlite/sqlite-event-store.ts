import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { validateAppend } from '../append-rules';
import { AppendSignal } from '../append-signal';
import { catchUpSubscription, type CatchUpSource } from '../catch-up-subscription';
import type { NewEvent, RecordedEvent } from '../event';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../event-store';
import { GroupCommitter, type BatchItem } from '../group-commit';
import { START, sqlPosition, type After } from '../position';
import { runMigrations } from './migrations';
import { serializeAppend, type SerializedAppend } from '../serialized-append';
import { SqliteAppendWriter } from './sqlite-append-writer';
import { toRecordedEvent, type EventRow } from './sqlite-event-row';

export interface SqliteEventStoreOptions {
  /**
   * How long an append or a migration waits for another process's write lock before failing.
   * better-sqlite3 is synchronous, so this wait blocks the event loop: keep it short. Default 5000 ms.
   */
  readonly busyTimeoutMs?: number;
  /** Most appends one transaction carries. Default 1000. */
  readonly maxBatch?: number;
  /**
   * How often a caught-up subscriber looks for events other processes wrote; this process's own
   * appends wake it at once. Default 250 ms.
   */
  readonly pollMs?: number;
}

const MEMORY = ':memory:';

/**
 * The embedded event store: one SQLite file in WAL mode, `synchronous=FULL` so an acknowledged
 * append survives a power cut. Concurrent appends are grouped into one write transaction each
 * flush (GroupCommitter), and several processes may share the file: SQLite's single write lock
 * makes position order equal commit order (docs/global-order.md).
 */
export class SqliteEventStore implements EventStore {
  private readonly signal = new AppendSignal();
  private readonly feed: CatchUpSource = { readAll: (options) => this.readAll(options), signal: this.signal };
  private readonly writer: SqliteAppendWriter;
  private readonly committer: GroupCommitter<SerializedAppend, AppendResult>;
  private readonly subscriptions = new Set<AllSubscription>();
  private closing: Promise<void> | null = null;

  private readonly selectForwards: Database.Statement<[string, number, number], EventRow>;
  private readonly selectBackwards: Database.Statement<[string, number, number], EventRow>;
  private readonly selectAfter: Database.Statement<[bigint, number], EventRow>;
  private readonly selectRevision: Database.Statement<[string], number>;
  private readonly selectHead: Database.Statement<[], number | null>;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollMs: number,
    maxBatch: number,
  ) {
    this.writer = new SqliteAppendWriter(db);
    this.committer = new GroupCommitter((batch) => this.flush(batch), maxBatch);
    const columns = 'position, stream_id, revision, type, data, metadata, hash';
    this.selectForwards = db.prepare(
      `SELECT ${columns} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.selectBackwards = db.prepare(
      `SELECT ${columns} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.selectAfter = db.prepare(`SELECT ${columns} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`);
    this.selectRevision = db.prepare<[string], number>('SELECT revision FROM streams WHERE stream_id = ?').pluck();
    this.selectHead = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck();
  }

  /** Opens (creating it and its directory if needed) the file, or ':memory:', and migrates it. */
  static async open(file: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
    if (file !== MEMORY) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      runMigrations(db);
      return new SqliteEventStore(db, options.pollMs ?? 250, options.maxBatch ?? 1000);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    return this.committer.submit(serializeAppend(streamId, events, expectedRevision));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = sqlLimit(options.maxCount);
    if (limit === 0) return [];
    const rows =
      options.direction === 'backwards'
        ? this.selectBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.selectForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = sqlLimit(options.maxCount);
    if (limit === 0) return [];
    const after = options.after === START ? 0n : options.after.commit;
    return this.selectAfter.all(after, limit).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): AllSubscription {
    if (this.closing) throw new Error('The event store is closed');
    const inner = catchUpSubscription(this.feed, options.after, options.batchSize, this.pollMs);
    const subscriptions = this.subscriptions;
    // Tracked so close() can end it; forgotten as soon as it ends, however it ends.
    const iterate = async function* (): AsyncGenerator<RecordedEvent> {
      try {
        yield* inner;
      } finally {
        subscriptions.delete(subscription);
      }
    };
    const generator = iterate();
    const subscription: AllSubscription = {
      [Symbol.asyncIterator]: () => generator,
      close: async () => {
        subscriptions.delete(subscription);
        await inner.close();
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    this.assertOpen();
    return this.selectRevision.get(streamId) ?? null;
  }

  async headPosition(): Promise<After> {
    this.assertOpen();
    const head = this.selectHead.get();
    return head === null || head === undefined ? START : sqlPosition(head);
  }

  /** Waits for queued appends to be written, ends every subscription, then closes the file. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.committer.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  /** One write transaction for the whole batch; each caller gets its own result or error after commit. */
  private async flush(batch: BatchItem<SerializedAppend, AppendResult>[]): Promise<void> {
    const outcomes = this.writer.write(batch.map((item) => item.request));
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
    if (outcomes.some((outcome) => !(outcome instanceof Error))) this.signal.notify();
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('The event store is closed');
  }
}

/** SQLite reads `LIMIT -1` as no limit. */
function sqlLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}
