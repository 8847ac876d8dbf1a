import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { AppendSignal } from '../append-signal';
import { catchUpSubscription } from '../catch-up-subscription';
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
import { GroupCommitter } from '../group-commit';
import type { BatchItem } from '../group-commit';
import { START, sqlPosition } from '../position';
import type { After } from '../position';
import { prepareAppend, beginAppendBatch } from './postgres-append-batch';
import type { PreparedAppend } from './postgres-append-batch';
import { PostgresAppendListener } from './postgres-append-listener';
import { EVENT_COLUMNS, toRecordedEvent } from './postgres-event-row';
import type { EventRow } from './postgres-event-row';
import { migrate } from './postgres-migrations';
import { postgresTables } from './postgres-tables';
import type { PostgresTables } from './postgres-tables';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Created if missing; every table lives in it. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Most events one group-commit transaction carries; a larger single append still goes alone, atomically. */
  readonly maxBatchEvents?: number;
  /** How long a caught-up subscriber waits for an append signal before reading again anyway. */
  readonly pollMs?: number;
  /** Hear other processes' appends through LISTEN/NOTIFY (one extra connection). Without it subscribers poll. */
  readonly listen?: boolean;
}

type AppendItem = BatchItem<PreparedAppend, AppendResult>;

/**
 * The event store on PostgreSQL. Positions are dense and follow commit order, because every
 * append transaction holds one lock row until it commits (docs/global-order.md); concurrent
 * appends in this process share those transactions through group commit.
 */
export class PostgresEventStore implements EventStore {
  readonly signal = new AppendSignal();
  private readonly committer: GroupCommitter<PreparedAppend, AppendResult>;
  private readonly subscriptions = new Set<AllSubscription>();
  private listener: PostgresAppendListener | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pool: Pool,
    private readonly tables: PostgresTables,
    private readonly maxBatchEvents: number,
    private readonly pollMs: number,
  ) {
    this.committer = new GroupCommitter((batch) => this.flush(batch), maxBatchEvents);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client losing its connection is the pool's to recover from (it drops the client);
    // without a listener that error would crash the process.
    pool.on('error', () => undefined);
    const tables = postgresTables(options.schema ?? 'public');
    try {
      await migrate(pool, tables);
      const store = new PostgresEventStore(pool, tables, options.maxBatchEvents ?? 1000, options.pollMs ?? 250);
      if (options.listen !== false) {
        store.listener = await PostgresAppendListener.start(options.connectionString, tables.channel, store.signal);
      }
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.committer.submit(prepareAppend(streamId, events, expectedRevision));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.tables.events}
       WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, from, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  /** Safe to follow: a row is only visible once every row before it is (docs/global-order.md). */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after === START ? '0' : options.after.commit.toString();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.tables.events} WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, options.maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): AllSubscription {
    const subscription = catchUpSubscription(this, options.after, options.batchSize, this.pollMs);
    const open = this.subscriptions;
    open.add(subscription);
    // Tracked so close() can end it; forgotten as soon as it ends, however it ends.
    const tracked = (async function* () {
      try {
        yield* subscription;
      } finally {
        open.delete(subscription);
      }
    })();
    return {
      [Symbol.asyncIterator]: () => tracked,
      close: async () => {
        open.delete(subscription);
        await subscription.close();
      },
    };
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ revision: string }>(
      `SELECT revision FROM ${this.tables.streams} WHERE stream_id = $1`,
      [streamId],
    );
    return rows.length === 0 ? null : Number(rows[0].revision);
  }

  async headPosition(): Promise<After> {
    const { rows } = await this.pool.query<{ last: string }>(`SELECT last FROM ${this.tables.globalPosition}`);
    return rows[0].last === '0' ? START : sqlPosition(rows[0].last);
  }

  /** Writes every append already queued, ends subscriptions, then the connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.committer.close();
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      await this.listener?.close();
      await this.pool.end();
    })();
    return this.closing;
  }

  private async flush(batch: AppendItem[]): Promise<void> {
    for (const chunk of chunksOfEvents(batch, this.maxBatchEvents)) await this.commit(chunk);
  }

  /** One transaction for the whole chunk; each caller gets its own result or ConcurrencyError. */
  private async commit(chunk: AppendItem[]): Promise<void> {
    const client = await this.pool.connect();
    let outcomes;
    try {
      outcomes = await beginAppendBatch(
        client,
        this.tables,
        chunk.map((item) => item.request),
      );
    } catch (error) {
      await rollbackAndRelease(client);
      if (chunk.length === 1) return chunk[0].reject(error);
      // Something PostgreSQL refused (a payload it will not store, say) failed the transaction,
      // and nothing of it was written: retry alone, so only the culprit gets the error.
      for (const item of chunk) await this.commit([item]);
      return;
    }
    try {
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      // The outcome of a failed COMMIT is unknown (it may have been written): retrying could
      // write twice, so every caller hears of it instead.
      client.release(true);
      for (const item of chunk) item.reject(error);
      return;
    }
    chunk.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
    this.signal.notify();
  }
}

async function rollbackAndRelease(client: PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
    client.release();
  } catch {
    client.release(true);
  }
}

/** Splits a batch into runs of at most `maxEvents` events, never splitting one append. */
function chunksOfEvents(batch: AppendItem[], maxEvents: number): AppendItem[][] {
  const chunks: AppendItem[][] = [];
  let chunk: AppendItem[] = [];
  let events = 0;
  for (const item of batch) {
    const size = item.request.events.length;
    if (chunk.length > 0 && events + size > maxEvents) {
      chunks.push(chunk);
      chunk = [];
      events = 0;
    }
    chunk.push(item);
    events += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
