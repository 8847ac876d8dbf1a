import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { checkExpectedRevision, validateAppend } from '../append-rules';
import { ConcurrencyError, InvalidAppendError } from '../errors';
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
import { GENESIS_HASH, chainHash } from '../hash-chain';
import { comparePositions, START, type After } from '../position';
import { serializeAppend, type SerializedAppend } from '../serialized-append';
import { esdbAllSubscription } from './esdb-all-subscription';
import {
  hashOf,
  isLedgerEvent,
  isPositioned,
  positionOf,
  toActualRevision,
  toEsdbEvent,
  toEsdbPosition,
  toRecordedEvent,
} from './esdb-event-mapping';

// `$all` pages. A first page is sized to the request, so a small read moves few events; each
// page that had to skip system events doubles the next, so a long run of them costs a few
// reads, not one per event. Every event crosses gRPC as its own message: pages stay bounded.
const MAX_PAGE_SIZE = 1000;
// Backwards, the newest ledger event is usually within a few events of the end.
const FIRST_HEAD_PAGE_SIZE = 32;
// An append with `any` that keeps losing the race for the stream's end gives up after this many tries.
const MAX_ANY_ATTEMPTS = 100;

/** The last event of a stream: where the next append's revisions and hash chain continue from. */
interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB through the gRPC client. Positions are the
 * server's own `$all` (commit, prepare) pairs. Events EventStoreDB writes itself (`$` types and
 * `$` streams) never reach the port's global reads, so every adapter shows only the ledger's events.
 */
export class EsdbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects and makes one read, so a wrong URL or an unreachable server fails at start, not on first use. */
  static async open(url: string): Promise<EsdbEventStore> {
    // KurrentDB is the same protocol under a new name; this client only knows the esdb scheme.
    const client = EventStoreDBClient.connectionString(url.replace(/^kurrentdb(\+discover)?:\/\//, 'esdb$1://'));
    try {
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw new Error(`Cannot reach the EventStoreDB server at ${url}: ${(error as Error).message}`, { cause: error });
    }
    return new EsdbEventStore(client);
  }

  /**
   * The server cannot hash, so the chain is computed here: read the stream's last event (its
   * revision and hash), check the caller's expected revision against it, link the new events to
   * it, and append expecting exactly that revision, so nobody can slip an event in between the
   * read and the write. With `any`, losing that race is retried from a fresh read; with a
   * revision or `no-stream`, it is the caller's ConcurrencyError, as on every adapter.
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    const serialized = serializeAppend(streamId, events, expectedRevision);
    for (let attempt = 1; ; attempt++) {
      const head = await this.streamHead(streamId);
      checkExpectedRevision(streamId, expectedRevision, head?.revision ?? null);
      try {
        return await this.appendAfter(head, serialized);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          if (expectedRevision === 'any' && attempt < MAX_ANY_ATTEMPTS) continue;
          throw new ConcurrencyError(streamId, expectedRevision, toActualRevision(error.actualVersion));
        }
        throw error;
      }
    }
  }

  private async appendAfter(head: StreamHead | null, { streamId, events }: SerializedAppend): Promise<AppendResult> {
    let hash = head ? head.hash : GENESIS_HASH;
    let revision = head ? head.revision : -1;
    const linked = events.map((event) => {
      revision += 1;
      hash = chainHash(hash, revision, event.digest);
      return toEsdbEvent(event, hash);
    });
    try {
      const result = await this.client.appendToStream(streamId, linked, {
        expectedRevision: head ? BigInt(head.revision) : NO_STREAM,
      });
      if (!result.position) throw new Error(`EventStoreDB returned no position for the append to "${streamId}"`);
      return {
        nextRevision: Number(result.nextExpectedRevision),
        position: { commit: result.position.commit, prepare: result.position.prepare },
      };
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) {
        throw new InvalidAppendError(
          `The append to "${streamId}" exceeds the server's maximum append size of ${error.maxAppendSize} bytes (MaxAppendSize)`,
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const defaultStart = backwards ? END : ESDB_START;
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? defaultStart : BigInt(options.fromRevision),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    const events = await collectOrNone(read);
    return events.filter(isPositioned).map(toRecordedEvent);
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const result: RecordedEvent[] = [];
    if (maxCount <= 0) return result;
    // The client reads `$all` from a position inclusively and has no filter for plain reads:
    // skip the event at `after` and system events here, reading on until `maxCount` is met.
    // One more than asked for: an inclusive read returns the event at `after` again.
    let pageSize = Math.min(maxCount + 1, MAX_PAGE_SIZE);
    let cursor = after;
    for (;;) {
      const page = await collect(
        this.client.readAll({ direction: FORWARDS, fromPosition: toEsdbPosition(cursor), maxCount: pageSize }),
      );
      let advanced = false;
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (!position || comparePositions(position, cursor) <= 0) continue;
        cursor = position;
        advanced = true;
        if (!isLedgerEvent(resolved)) continue;
        result.push(toRecordedEvent(resolved));
        if (result.length === maxCount) return result;
      }
      if (page.length < pageSize || !advanced) return result;
      pageSize = Math.min(pageSize * 2, MAX_PAGE_SIZE);
    }
  }

  subscribeToAll({ after }: SubscribeOptions): AllSubscription {
    // The server pages the catch-up itself, so `batchSize` has nothing to tune here.
    return esdbAllSubscription(this.client, after);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    return (await this.streamHead(streamId))?.revision ?? null;
  }

  private async streamHead(streamId: string): Promise<StreamHead | null> {
    const read = this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    const [last] = await collectOrNone(read);
    return last?.event ? { revision: Number(last.event.revision), hash: hashOf(last) } : null;
  }

  async headPosition(): Promise<After> {
    let cursor: EsdbPosition | typeof END = END;
    let pageSize = FIRST_HEAD_PAGE_SIZE;
    for (;;) {
      const page = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: cursor, maxCount: pageSize }),
      );
      let advanced = false;
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (!position || (cursor !== END && comparePositions(position, cursor) >= 0)) continue;
        cursor = position;
        advanced = true;
        if (isLedgerEvent(resolved)) return position;
      }
      if (page.length < pageSize || !advanced) return START;
      pageSize = Math.min(pageSize * 2, MAX_PAGE_SIZE);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
}

/** The port's one not-found behaviour: a stream that does not exist reads as no events. */
async function collectOrNone(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  try {
    return await collect(read);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
