/**
 * B3's peer (issue 7): the same loan histories in Emmett's PostgreSQL event store, loaded the
 * Emmett way, `aggregateStream` with the Loan decider's own `evolve` and `initialState`, so the
 * two stores differ only in how they store, read and hand over the events. Emmett has no
 * snapshots: every load reads and folds the whole stream.
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import type { AppendToStreamResult, Event as EmmettEvent } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import { loanDecider } from '@pledge-ledger/domain';
import type { LoanEvent, LoanState } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import { analyzeTables } from './aggregate-analyze';
import { freshEmmettDatabase } from './emmett-database';

/** How Emmett sees a loan event: its type and data, plus the metadata it stores beside them. */
type StoredLoanEvent = EmmettEvent<string, Record<string, unknown>, Record<string, unknown>>;

/** Emmett calls evolve with its read event (type, data, metadata, kind); the Loan's evolve reads type and data. */
const evolve = (state: LoanState, event: StoredLoanEvent): LoanState =>
  loanDecider.evolve(state, event as unknown as LoanEvent);
const initialState = (): LoanState => loanDecider.initialState;

export interface EmmettLoans {
  /** The database it lives in (dropped on close). */
  readonly database: string;
  /** Appends the recorded events (same type, data and metadata) to the same stream id, in appends of at most `chunk`. */
  write(streamId: string, events: readonly RecordedEvent[], chunk?: number): Promise<void>;
  /** The Emmett way: `aggregateStream` with the Loan decider's evolve and initial state. */
  load(streamId: string): Promise<LoanState>;
  /** The same load in its two phases, for the split: the stream read, then the fold. */
  readStream(streamId: string): Promise<readonly StoredLoanEvent[]>;
  fold(events: readonly StoredLoanEvent[]): LoanState;
  /** ANALYZE Emmett's messages table (aggregate-analyze.ts). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** Emmett 0.42's PostgreSQL event store in a fresh database of its own on the same server (emmett-database.ts says why). */
export async function openEmmettLoans(): Promise<EmmettLoans> {
  const { name: database, url, drop } = await freshEmmettDatabase('bench_aggregate_emmett');
  const store: EmmettEventStore = getPostgreSQLEventStore(url);
  try {
    await store.schema.migrate();
  } catch (error) {
    await store.close();
    await drop();
    throw error;
  }
  return {
    database,
    write: async (streamId, events, chunk = 1000) => {
      let expected: bigint | typeof STREAM_DOES_NOT_EXIST = STREAM_DOES_NOT_EXIST;
      for (let from = 0; from < events.length; from += chunk) {
        const batch: StoredLoanEvent[] = events.slice(from, from + chunk).map((event) => ({
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { ...event.metadata },
        }));
        const result: AppendToStreamResult = await store.appendToStream(streamId, batch, {
          expectedStreamVersion: expected,
        });
        expected = result.nextExpectedStreamVersion;
      }
    },
    load: async (streamId) => {
      const { state } = await store.aggregateStream<LoanState, StoredLoanEvent>(streamId, { evolve, initialState });
      return state;
    },
    readStream: async (streamId) => (await store.readStream<StoredLoanEvent>(streamId)).events,
    fold: (events) => events.reduce(evolve, initialState()),
    analyze: () => analyzeTables(['public.emt_messages'], url),
    close: async () => {
      await store.close();
      await drop();
    },
  };
}
