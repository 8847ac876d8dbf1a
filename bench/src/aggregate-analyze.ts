/**
 * Planner statistics for B3's tables. The development server runs with `autovacuum = off`, so a
 * table the benchmark just filled has none, and the planner guesses a few dozen rows per stream:
 * reading a 10,000-event stream then becomes a bitmap heap scan and a sort that spills to disk
 * (an external merge of about 5.7 MB at the default `work_mem` of 4 MB), 19 to 22 ms of the
 * server's time against 4 to 6 ms for the index scan it picks once the table is analysed (EXPLAIN
 * ANALYZE of our store's read, 2026-11-25). A server with autovacuum on analyses a table after it
 * grows by a tenth, so B3 analyses every store's table after writing each loan (ours, Emmett's and
 * the ceiling's alike), unless LEDGER_BENCH_ANALYZE=0 (the conditions of the runs before 20:30 UTC
 * on 2026-11-25).
 */
import { Client } from 'pg';
import { PG_URL } from './environment';

export function analyzeEnabled(): boolean {
  return process.env.LEDGER_BENCH_ANALYZE !== '0';
}

/** ANALYZE the given schema-qualified, quoted tables (a partitioned table's partitions with it), in `url`'s database. */
export async function analyzeTables(tables: readonly string[], url = PG_URL): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const table of tables) await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}
