/**
 * Where every benchmark's Emmett store (the peer) lives: a database of its own on the same
 * PostgreSQL server as ours (same settings, shared buffers and WAL), never a schema beside others.
 *
 * Emmett 0.42's schema migration creates each of its functions only
 * `IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = ...)`, a check blind to schemas: in a
 * database where another schema already holds an Emmett store (B4 keeps its Emmett history cached
 * in one), a fresh schema gets no functions and the migration fails with
 * `function emt_add_partition(unknown) does not exist`. A database per store avoids the check's
 * blind spot without touching Emmett's SQL; the store then uses its default schema, `public`.
 * (B4's cached Emmett history is the exception: it lives in a schema next to the read models it is
 * compared with, and runs Emmett's SQL with the check scoped to its schema: emmett-history.ts.)
 */
import { Client } from 'pg';
import { PG_URL, freshSchemaName } from './environment';

export interface EmmettDatabase {
  readonly name: string;
  /** The connection string Emmett gets (`getPostgreSQLEventStore(url)`). */
  readonly url: string;
  drop(): Promise<void>;
}

/** The URL of database `name` on the benchmarks' server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database named `<prefix>_<time>_<random>`, dropped by `drop()`. */
export async function freshEmmettDatabase(prefix: string): Promise<EmmettDatabase> {
  const name = freshSchemaName(prefix);
  await adminQuery(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

/**
 * Drops the database once Emmett's connections have left it. Emmett's `close()` resolves before
 * its pools' sockets are all gone; `WITH (FORCE)` at once would terminate an idle client still in
 * a pool, and the pool's unhandled 'error' event would end the benchmark. So it waits (up to 10 s)
 * for the database's sessions to end, and forces only what is still there then.
 */
async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (let waited = 0; waited < 10_000; waited += 100) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A statement on the benchmarks' own database: CREATE and DROP DATABASE cannot run inside the one they name. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
