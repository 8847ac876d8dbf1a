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

function handle(name: string): EmmettDatabase {
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A fresh, empty database named `<prefix>_<time>_<random>`, dropped by `drop()`. */
export async function freshEmmettDatabase(prefix: string): Promise<EmmettDatabase> {
  const name = freshSchemaName(prefix);
  await adminQuery(`CREATE DATABASE "${name}"`);
  return handle(name);
}

/** Database `name`, created if missing (a cache kept between runs); `created` says which. */
export async function namedEmmettDatabase(name: string): Promise<EmmettDatabase & { readonly created: boolean }> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return { ...handle(name), created: false };
    await client.query(`CREATE DATABASE "${name}"`);
    return { ...handle(name), created: true };
  } finally {
    await client.end();
  }
}

/** Names of the databases whose name starts with `prefix` (for dropping stale caches). */
export async function databasesNamed(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [prefix],
    );
    return rows.map((row) => row.datname);
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
