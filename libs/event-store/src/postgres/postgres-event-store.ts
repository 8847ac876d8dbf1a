import { Pool } from 'pg';
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
import { prepareAppend, sendAppendBatch, type PostgresAppendResult } from './postgres-append-batch';
import { StreamHeads } from './stream-heads';
import type { AppendOutcome, PreparedAppend } from './postgres-append-batch';
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

type AppendItem = BatchItem<PreparedAppend, PostgresAppendResult>;

/**
 * The event store on PostgreSQL. Positions are dense and follow commit order, because every
 * append transaction holds one lock row until it commits (docs/global-order.md); concurrent
 * appends in this process share those transactions through group commit.
 */
export class PostgresEventStore implements EventStore {
  readonly signal = new AppendSignal();
  private readonly committer: GroupCommitter<PreparedAppend, PostgresAppendResult>;
  private readonly heads = new StreamHeads();
  private readonly subscriptions = new Set<AllSubscription>();
  private listener: PostgresAppendListener | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pool: Pool,
    private readonly tables: PostgresTables,
    private readonly maxBatchEvents: number,
    private readonly pollMs: number,
  ) {
    this.committer = new GroupCommitter((batch, mayStartNext) => this.flush(batch, mayStartNext), maxBatchEvents);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    // Pipelined connections: an append transaction's statements and its COMMIT go in one flight.
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, pipeline: true });
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
    const { lastHash, ...result } = await this.committer.submit(
      this.heads.link(prepareAppend(streamId, events, expectedRevision)),
    );
    this.heads.remember(streamId, result.nextRevision, lastHash);
    return result;
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
    const events = rows.map(toRecordedEvent);
    const newest = backwards ? events[0] : events[events.length - 1];
    if (newest) this.heads.remember(streamId, newest.revision, newest.hash);
    return events;
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

  /**
   * Writes the batch in turns of distinct streams, each within `maxBatchEvents`, one transaction
   * per turn. Each transaction is sent as soon as the one before it holds the lock, so it waits
   * for the lock inside the database while the previous one commits, instead of a round trip
   * later; and since it is sent only then, the transactions take the lock in the order they were
   * formed. The next batch may start once the last turn holds the lock.
   */
  private async flush(batch: AppendItem[], mayStartNext: () => void): Promise<void> {
    const turns = chunksOfEvents(batch, this.maxBatchEvents).flatMap(turnsOfDistinctStreams);
    const written: Promise<void>[] = [];
    for (const [i, turn] of turns.entries()) {
      const last = i === turns.length - 1;
      let holdsLock: () => void = () => undefined;
      const locked = new Promise<void>((resolve) => (holdsLock = resolve));
      written.push(
        this.commit(turn, () => {
          holdsLock();
          if (last) mayStartNext();
        }),
      );
      await locked;
    }
    // Every turn settles its own callers; wait for all of them before the batch counts as done.
    const failed = (await Promise.allSettled(written)).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * One transaction for the whole turn, sent in one flight with its COMMIT; each caller gets its
   * own result or ConcurrencyError. `locked` is called once the transaction holds the append lock,
   * or once it is over, whichever comes first.
   */
  private async commit(turn: AppendItem[], locked: () => void): Promise<void> {
    try {
      await this.commitTurn(turn, locked);
    } catch (error) {
      // Nothing was sent (no connection, say): only this turn's callers hear of it.
      for (const item of turn) item.reject(error);
    } finally {
      locked();
    }
  }

  private async commitTurn(turn: AppendItem[], locked: () => void): Promise<void> {
    const client = await this.pool.connect();
    // Checked out, a client has no 'error' listener of the pool's: a connection dropped mid-turn
    // (the server stopped) would be an unhandled 'error' event, which ends the process. The turn's
    // queries fail with it anyway, and every caller hears of that.
    const ignoreDrop = (): void => undefined;
    client.on('error', ignoreDrop);
    const release = (destroy?: boolean): void => {
      client.removeListener('error', ignoreDrop);
      client.release(destroy);
    };
    let sent;
    try {
      sent = sendAppendBatch(
        client,
        this.tables,
        turn.map((item) => item.request),
      );
    } catch (error) {
      release();
      throw error;
    }
    void sent.locked.then(locked, locked);
    let outcomes: AppendOutcome[];
    try {
      outcomes = await sent.outcomes;
    } catch (error) {
      // PostgreSQL refused something (a payload it will not store, say): the transaction failed
      // and its COMMIT rolls it back, so nothing of it was written. Retry alone, so only the culprit
      // gets the error.
      const tag = await sent.committed.catch(() => null);
      if (tag !== 'ROLLBACK') {
        // Not known to be rolled back: the COMMIT went with the batch, so it may have been written
        // (the connection dropped before the answers came back, say) or was (only reading its
        // outcomes failed). A retry could write twice: every caller hears of it instead.
        if (tag === 'COMMIT') release();
        else release(true);
        for (const item of turn) item.reject(error);
        return;
      }
      release();
      if (turn.length === 1) return turn[0].reject(error);
      for (const item of turn) await this.commit([item], () => undefined);
      return;
    }
    try {
      const tag = await sent.committed;
      if (tag !== 'COMMIT') throw new Error(`COMMIT of an append batch answered ${tag}`);
      release();
    } catch (error) {
      // The outcome of a failed COMMIT is unknown (it may have been written): retrying could
      // write twice, so every caller hears of it instead.
      release(true);
      for (const item of turn) item.reject(error);
      return;
    }
    turn.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
    this.signal.notify();
  }
}

/**
 * Splits a run of appends into turns where each stream appears at most once, keeping each stream's
 * appends in the order they were made: the n-th append to a stream goes in the n-th turn.
 */
function turnsOfDistinctStreams(chunk: AppendItem[]): AppendItem[][] {
  const turns: AppendItem[][] = [];
  const seen = new Map<string, number>();
  for (const item of chunk) {
    const turn = seen.get(item.request.streamId) ?? 0;
    seen.set(item.request.streamId, turn + 1);
    (turns[turn] ??= []).push(item);
  }
  return turns;
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
