/**
 * Sets up B2's peer (http-peer-server.ts) before it serves: creates Emmett's tables in its schema
 * and writes PEER_LOANS loans (`loan-0`, `loan-1`, ...) straight into Emmett's store, each the
 * four events our API's set-up leaves on a loan (`peerLoanHistory`), with the metadata our
 * application records, one append per loan. A one-shot process of its own, started by http-commands.ts and awaited: Emmett's
 * connection library sets node-postgres' type parsers process-wide, which must not leak into the
 * benchmark's process, where our store runs afterwards.
 *
 * Emmett's store lives in a database of its own (emmett-database.ts says why).
 *
 *   PEER_PG_URL   an empty database for Emmett's store
 *   PEER_LOANS    how many loans
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { loanStreamId } from '@pledge-ledger/domain';
import { inParallel } from './http-client';
import { peerLoanHistory, peerLoanId } from './http-peer-loans';

async function main(): Promise<void> {
  const url = process.env.PEER_PG_URL;
  const loans = Number(process.env.PEER_LOANS);
  if (!url || !(loans > 0)) throw new Error('PEER_PG_URL and PEER_LOANS must be set');
  const store = getPostgreSQLEventStore(url);
  try {
    await store.schema.migrate();
    const indexes = Array.from({ length: loans }, (_, i) => i);
    await inParallel(indexes, 8, async (index) => {
      await store.appendToStream(loanStreamId(peerLoanId(index)), peerLoanHistory(index), {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    });
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
