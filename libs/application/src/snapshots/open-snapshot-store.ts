import { PostgresSnapshotStore } from './postgres-snapshot-store';
import type { SnapshotStore } from './snapshot-store';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';

/**
 * Snapshots live with the read models and the checkpoints (LEDGER_READ_STORE: `sqlite:<file>` or
 * `postgres://...?schema=`), never in the event store: they are a cache that may be dropped with
 * the read side, and EventStoreDB has no table to put them in.
 */
export async function openSnapshotStore(url: string): Promise<SnapshotStore> {
  if (url.startsWith('sqlite:')) return SqliteSnapshotStore.open(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return PostgresSnapshotStore.open(parsed.toString(), schema);
  }
  throw new Error(`Unsupported read store URL "${url}": use sqlite: or postgres://`);
}
