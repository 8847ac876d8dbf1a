import { createHash } from 'node:crypto';

/** Schema-qualified, quoted names of the adapter's tables, and its NOTIFY channel. */
export interface PostgresTables {
  readonly schema: string;
  readonly events: string;
  readonly streams: string;
  readonly globalPosition: string;
  readonly migrations: string;
  /** The SQL function that links an append's digests into its stream's hash chain (migration 2). */
  readonly chainHashes: string;
  /** Unquoted channel name, as `pg_notify` takes it. */
  readonly channel: string;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function postgresTables(schema: string): PostgresTables {
  const qualify = (table: string): string => `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  return {
    schema: quoteIdentifier(schema),
    events: qualify('events'),
    streams: qualify('streams'),
    globalPosition: qualify('global_position'),
    migrations: qualify('schema_migrations'),
    chainHashes: qualify('chain_hashes'),
    // A hash keeps the channel within PostgreSQL's 63-byte identifier limit whatever the schema's name.
    channel: `ledger_appended_${createHash('sha256').update(schema).digest('hex').slice(0, 24)}`,
  };
}
