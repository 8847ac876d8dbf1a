import { sql, type SQL } from '@event-driven-io/dumbo';
import type { Event, ReadEvent } from '@event-driven-io/emmett';
import {
  postgreSQLProjection,
  rebuildPostgreSQLProjections,
  type PostgreSQLProjectionHandlerContext,
  type PostgresReadEventMetadata,
} from '@event-driven-io/emmett-postgresql';
import type { EventData, EventMetadata, RecordedEvent } from '@pledge-ledger/event-store';
import { sqlPosition } from '@pledge-ledger/event-store';
import {
  journalEntryFor,
  journalProjection,
  loanViewProjection,
  parseAccountCode,
  type JournalEntry,
  type Projection,
  foldLoanEvent,
  foldedLoanFromRow,
} from '@pledge-ledger/read-models';
import type { Fen, LoanOriginated } from '@pledge-ledger/domain';
import { Client } from 'pg';
import { PG_URL, withSearchPath } from './environment';
import { createEmmettSchema, dropEmmettFunctions, type EmmettHistory } from './emmett-history';
import { JOURNAL_TABLES_DDL } from './projections-journal-tables';
import { LOAN_VIEW_COLUMNS, LOAN_VIEW_DDL, LOAN_VIEW_UPSERT_SET, loanViewRow } from './projections-loan-view-rows';

/**
 * B4's peers for the journal and the loan view: Emmett 0.42's own projection machinery rebuilding
 * the same read models from the Emmett copy of the history (emmett-history.ts), with our code.
 *
 * `rebuildPostgreSQLProjections` (a `postgreSQLEventStoreConsumer` with one `postgreSQLProjector`,
 * `truncateOnStart`, stopping when no events are left) over a `postgreSQLProjection` whose handler
 * computes each entry with `journalEntryFor` (libs/read-models posting-rules.ts, the chart of
 * accounts) and writes it through the handler's context (`context.execute`, in Emmett's
 * transaction, which also stores Emmett's checkpoint): the entry, its lines and the accounts'
 * running totals (`debit_total = debit_total + excluded.debit_total`, so no read), sent as one
 * command of three statements per event; a `LoanOriginated` writes the loan's enterprise. The
 * tables are the journal's own (same columns, keys and secondary indexes, created by the
 * projection's `init`, emptied by its `truncate`): Emmett rebuilds into the live tables, so the
 * indexes are kept up row by row.
 *
 * How Emmett runs it (dist/index.js, 0.42): the puller reads pages of `pulling.batchSize` events
 * (2,000 here, as our rebuild; Emmett's default is 100) and hands each page to the projector, which
 * opens one transaction per page and calls the handler once per event it handles, storing the
 * checkpoint after each (`emt_store_processor_checkpoint`); the next page is read after the commit.
 * `pullingFrequencyInMs` is 0 (the puller sleeps that long between full pages; default 50 ms).
 *
 * The enterprise of a loan (repayments and recoveries post to its books) comes from a map the
 * handler fills from `LoanOriginated`, bounded to LOAN_CACHE loans, with a read of journal_loans
 * on a miss: what a careful Emmett handler would do, since it is called once per event and cannot
 * look a batch's loans up at once as ours does.
 *
 * The loan view (`emmettLoanViewProjection`): the same machinery; per event the loan's row is read
 * through the context, folded with our `foldLoanView` and upserted (the row's columns as ours
 * writes them, projections-loan-view-rows.ts), into the loan view's own table with its indexes.
 */
const PULL_BATCH = 2000;
const LOAN_CACHE = 10_000;

type LedgerEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;
type LedgerReadEvent = ReadEvent<LedgerEvent, PostgresReadEventMetadata>;
type EmmettProjection = ReturnType<typeof postgreSQLProjection<LedgerEvent>>;

/** The event types a projection of ours handles, as Emmett's `canHandle` lists them. */
function handledTypes(projection: Projection): string[] {
  if (projection.handles === 'all') throw new Error(`${projection.name} handles every event: list its types`);
  return [...projection.handles];
}

/** Our RecordedEvent from an Emmett one: revisions count from 0, Emmett's stream positions from 1. */
function recorded(event: LedgerReadEvent): RecordedEvent {
  const { streamName, streamPosition, globalPosition, ...metadata } = event.metadata;
  return {
    streamId: streamName,
    revision: Number(streamPosition) - 1,
    position: sqlPosition(globalPosition),
    type: event.type,
    data: event.data as EventData,
    metadata: metadata as unknown as EventMetadata,
    hash: '',
  };
}

function entrySql(entry: JournalEntry): SQL {
  const total = entry.lines.reduce((sum, line) => sum + line.debit, 0n);
  const commit = entry.position.commit.toString();
  const totals = new Map<string, { debit: Fen; credit: Fen }>();
  for (const line of entry.lines) {
    const sums = totals.get(line.account) ?? { debit: 0n, credit: 0n };
    totals.set(line.account, { debit: sums.debit + line.debit, credit: sums.credit + line.credit });
  }
  const code = (account: string) => {
    const parsed = parseAccountCode(account);
    if (!parsed) throw new Error(`Posting rule produced an account outside the chart: ${account}`);
    return parsed;
  };
  return sql(
    `INSERT INTO journal_entries (event_id, position, position_commit, position_prepare, stream_id, revision,
       event_type, value_date, recorded_at, description, total) VALUES %L;
     INSERT INTO journal_lines (event_id, line_no, account, owner_kind, owner_id, account_key, debit, credit,
       position_commit, position_prepare) VALUES %L;
     INSERT INTO journal_account_balances (account, owner_kind, owner_id, account_key, debit_total, credit_total)
       VALUES %L ON CONFLICT (account) DO UPDATE SET
       debit_total = journal_account_balances.debit_total + excluded.debit_total,
       credit_total = journal_account_balances.credit_total + excluded.credit_total`,
    [
      [
        entry.eventId,
        commit,
        commit,
        commit,
        entry.streamId,
        entry.revision,
        entry.eventType,
        entry.valueDate,
        entry.recordedAt,
        entry.description,
        total.toString(),
      ],
    ],
    entry.lines.map((line, index) => {
      const { ownerKind, ownerId, key } = code(line.account);
      return [
        entry.eventId,
        index + 1,
        line.account,
        ownerKind,
        ownerId,
        key,
        line.debit.toString(),
        line.credit.toString(),
        commit,
        commit,
      ];
    }),
    [...totals].map(([account, sums]) => {
      const { ownerKind, ownerId, key } = code(account);
      return [account, ownerKind, ownerId, key, sums.debit.toString(), sums.credit.toString()];
    }),
  );
}

/** The journal as an Emmett projection: our posting rules, Emmett's handler, context and transaction. */
export function emmettJournalProjection(): EmmettProjection {
  const enterprises = new Map<string, string>();
  const remember = (loanId: string, enterpriseId: string) => {
    if (enterprises.size >= LOAN_CACHE) enterprises.delete(enterprises.keys().next().value as string);
    enterprises.set(loanId, enterpriseId);
  };
  const enterpriseOf = async (loanId: string, context: PostgreSQLProjectionHandlerContext) => {
    const known = enterprises.get(loanId);
    if (known !== undefined) return;
    const { rows } = await context.execute.query<{ enterprise_id: string }>(
      sql('SELECT enterprise_id FROM journal_loans WHERE loan_id = %L', loanId),
    );
    if (rows[0]) remember(loanId, rows[0].enterprise_id);
  };
  return postgreSQLProjection<LedgerEvent>({
    name: 'bench_journal',
    canHandle: handledTypes(journalProjection),
    init: async ({ context }) => {
      await context.execute.command(JOURNAL_TABLES_DDL.withIndexes as SQL);
    },
    truncate: async (context) => {
      enterprises.clear();
      await context.execute.command(
        sql('TRUNCATE journal_entries, journal_lines, journal_account_balances, journal_loans') as SQL,
      );
    },
    handle: async (events, context) => {
      for (const event of events as LedgerReadEvent[]) {
        if (event.type === 'LoanOriginated') {
          const loan = event.data as unknown as LoanOriginated['data'];
          remember(loan.loanId, loan.enterpriseId);
          await context.execute.command(
            sql(
              'INSERT INTO journal_loans (loan_id, bank_id, enterprise_id) VALUES (%L, %L, %L) ON CONFLICT (loan_id) DO NOTHING',
              loan.loanId,
              loan.bankId,
              loan.enterpriseId,
            ),
          );
          continue;
        }
        if (event.type === 'RepaymentReceived' || event.type === 'RecoveryRecorded')
          await enterpriseOf(String(event.data.loanId), context);
        const entry = journalEntryFor(recorded(event), (loanId) => enterprises.get(loanId));
        if (entry) await context.execute.command(entrySql(entry));
      }
    },
  });
}

/**
 * The loan view as an Emmett projection: per event, the loan's row read through the handler's
 * context, folded with our `foldLoanView` (projections-loan-view-rows.ts) and upserted, in
 * Emmett's transaction with its checkpoint. The table is the loan view's own, with its indexes.
 */
export function emmettLoanViewProjection(): EmmettProjection {
  const columns = LOAN_VIEW_COLUMNS.join(', ');
  return postgreSQLProjection<LedgerEvent>({
    name: 'bench_loan_view',
    canHandle: handledTypes(loanViewProjection),
    init: async ({ context }) => {
      await context.execute.command(LOAN_VIEW_DDL.withIndexes as SQL);
    },
    truncate: async (context) => {
      await context.execute.command(sql('TRUNCATE loan_view') as SQL);
    },
    handle: async (events, context) => {
      for (const event of events as LedgerReadEvent[]) {
        const { rows } = await context.execute.query<{
          state: string;
          asset_pledges: string;
          enrolment: string | null;
        }>(sql('SELECT state, asset_pledges, enrolment FROM loan_view WHERE loan_id = %L', String(event.data.loanId)));
        const folded = foldLoanEvent(rows[0] ? foldedLoanFromRow(rows[0]) : null, recorded(event));
        const row = folded && loanViewRow(folded);
        if (!row) continue;
        await context.execute.command(
          sql(
            `INSERT INTO loan_view (${columns}) VALUES %L ON CONFLICT (loan_id) DO UPDATE SET ${LOAN_VIEW_UPSERT_SET}`,
            [LOAN_VIEW_COLUMNS.map((column) => row[column])],
          ),
        );
      }
    },
  });
}

/** Emmett's processor and projection rows for the bench projection, in the copy's schema: a rebuild starts from nothing. */
async function forgetProcessor(historySchema: string, name: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM "${historySchema}".emt_processors WHERE processor_id = $1`, [
      `emt:processor:projector:${name}`,
    ]);
    await client.query(`DELETE FROM "${historySchema}".emt_projections WHERE name = $1`, [name]);
  } finally {
    await client.end();
  }
}

/**
 * Rebuilds `projection` with Emmett into `readSchema` (its tables) from the Emmett copy (its
 * events, processor checkpoints and registrations). Run inside `restoringPgTypeParsers`.
 */
export async function rebuildWithEmmett(
  history: EmmettHistory,
  readSchema: string,
  projection: EmmettProjection,
): Promise<void> {
  const name = projection.name!;
  // Emmett's functions exist only while it runs (emmett-history.ts says why).
  await createEmmettSchema(history.schema);
  await forgetProcessor(history.schema, name);
  // Unqualified names: the journal's tables in the read schema, Emmett's own in the copy's.
  const connectionString = withSearchPath(PG_URL, `${readSchema},${history.schema}`);
  // The consumer settles its processors' pages with Promise.allSettled and stops quietly when one
  // fails: the first failure is kept here and raised once the consumer has stopped.
  let failure: unknown = null;
  const consumer = rebuildPostgreSQLProjections<LedgerEvent>({
    connectionString,
    projections: [
      {
        ...projection,
        handle: async (events, context) => {
          try {
            await projection.handle(events, context);
          } catch (error) {
            failure ??= error;
            throw error;
          }
        },
      },
    ],
    pulling: { batchSize: PULL_BATCH, pullingFrequencyInMs: 0 },
  });
  try {
    await consumer.start();
  } finally {
    await consumer.close();
    await forgetProcessor(history.schema, name);
    await dropEmmettFunctions(history.schema);
  }
  if (failure !== null) throw failure;
}
