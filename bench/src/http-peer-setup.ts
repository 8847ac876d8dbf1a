/**
 * Sets up B2's peer (http-peer-server.ts) before it serves: creates Emmett's tables in its schema
 * and writes PEER_LOANS loans (`loan-0`, `loan-1`, ...) straight into Emmett's store, each the
 * three-event history the command-postgres contender writes into ours (B3's `loanHistory`:
 * originated with two pledges, pledges secured, disbursed), with the metadata our application
 * records. A one-shot process of its own, started by http-commands.ts and awaited: Emmett's
 * connection library sets node-postgres' type parsers process-wide, which must not leak into the
 * benchmark's process, where our store runs afterwards.
 *
 *   PEER_PG_URL   Emmett's store (its schema chosen by search_path in the URL)
 *   PEER_LOANS    how many loans
 */
import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { loanStreamId } from '@pledge-ledger/domain';
import { inParallel } from './http-client';
import { loanHistory } from './loan-history';

/** The bank the loan history is originated for: the peer's token must act for it. */
export const PEER_BANK_ID = 'bank-1';

/** The id of the `index`-th loan the set-up writes. */
export const peerLoanId = (index: number): string => `loan-${index}`;

async function main(): Promise<void> {
  const url = process.env.PEER_PG_URL;
  const loans = Number(process.env.PEER_LOANS);
  if (!url || !(loans > 0)) throw new Error('PEER_PG_URL and PEER_LOANS must be set');
  const store = getPostgreSQLEventStore(url);
  try {
    await store.schema.migrate();
    const { events } = loanHistory('template', 3);
    const ids = Array.from({ length: loans }, (_, i) => peerLoanId(i));
    await inParallel(ids, 8, async (loanId) => {
      const history = events.map((event) => {
        return {
          type: event.type,
          data: { ...event.data, loanId } as Record<string, unknown>,
          metadata: {
            eventId: randomUUID(),
            actor: { sub: 'officer-1', role: 'bank', bankId: PEER_BANK_ID },
            correlationId: randomUUID(),
            causationId: null,
            recordedAt: '2025-06-01T08:00:00.000Z',
            schemaVersion: 1,
          },
        };
      });
      await store.appendToStream(loanStreamId(loanId), history, { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    });
  } finally {
    await store.close();
  }
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
