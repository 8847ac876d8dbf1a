/**
 * Sets up B2's peer (http-peer-server.ts) before it serves: creates Emmett's tables in its schema
 * and writes PEER_LOANS loans (`loan-0`, `loan-1`, ...) straight into Emmett's store, each the
 * four events our API's set-up leaves on a loan (`peerLoanHistory`), with the metadata our
 * application records, one append per loan. A one-shot process of its own, started by http-commands.ts and awaited: Emmett's
 * connection library sets node-postgres' type parsers process-wide, which must not leak into the
 * benchmark's process, where our store runs afterwards.
 *
 * Emmett 0.42's schema migration decides whether to create each of its functions by looking the
 * name up in `pg_proc` across the whole database, not in the schema it migrates: while another
 * Emmett store exists in the same database (another benchmark's schema), it creates none and then
 * fails calling `emt_add_partition`. So the migration runs with `search_path` = the schema, then
 * pg_catalog, and views named `pg_proc` and `pg_tables` in the schema that show only its own
 * objects (an unqualified name is looked up in the schema first); they are dropped afterwards.
 *
 *   PEER_PG_URL   the database
 *   PEER_SCHEMA   an existing, empty schema for Emmett's store
 *   PEER_LOANS    how many loans
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { loanStreamId } from '@pledge-ledger/domain';
import { Client } from 'pg';
import { withSearchPath } from './environment';
import { inParallel } from './http-client';
import { peerLoanHistory, peerLoanId } from './http-peer-loans';

/** Runs `work` while `pg_proc` and `pg_tables`, looked up unqualified from `schema`, show only its own objects. */
async function withCatalogOfSchema(url: string, schema: string, work: () => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  const literal = `'${schema.replace(/'/g, "''")}'`;
  try {
    await client.query(
      `CREATE VIEW ${quoted}.pg_proc AS SELECT * FROM pg_catalog.pg_proc WHERE pronamespace = ${literal}::regnamespace;
       CREATE VIEW ${quoted}.pg_tables AS SELECT * FROM pg_catalog.pg_tables WHERE schemaname = ${literal}`,
    );
    await work();
  } finally {
    await client.query(`DROP VIEW IF EXISTS ${quoted}.pg_proc, ${quoted}.pg_tables`);
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env.PEER_PG_URL;
  const schema = process.env.PEER_SCHEMA;
  const loans = Number(process.env.PEER_LOANS);
  if (!url || !schema || !(loans > 0)) throw new Error('PEER_PG_URL, PEER_SCHEMA and PEER_LOANS must be set');
  const store = getPostgreSQLEventStore(withSearchPath(url, `${schema},pg_catalog`));
  try {
    await withCatalogOfSchema(url, schema, () => store.schema.migrate().then(() => undefined));
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
