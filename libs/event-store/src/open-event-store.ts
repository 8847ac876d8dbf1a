import type { EventStore } from './event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * Opens the adapter a URL names:
 * - `sqlite:<file>` (relative to the working directory) or `sqlite::memory:`;
 * - `postgres://user@host:port/db` or `postgresql://...`, with an optional `?schema=name` (default public);
 * - `esdb://host:port?tls=false` (any EventStoreDB / KurrentDB connection string).
 */
export async function openEventStore(url: string): Promise<EventStore> {
  if (url.startsWith('sqlite:')) return SqliteEventStore.open(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return PostgresEventStore.open({ connectionString: parsed.toString(), schema });
  }
  if (/^(esdb|esdb\+discover|kurrentdb):\/\//.test(url)) return EsdbEventStore.open(url);
  throw new Error(`Unsupported event store URL "${url}": use sqlite:, postgres:// or esdb://`);
}
