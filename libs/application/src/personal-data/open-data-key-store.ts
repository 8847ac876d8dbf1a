import type { DataKeyStore } from './data-key-store';
import { PostgresDataKeyStore } from './postgres-data-key-store';
import { SqliteDataKeyStore } from './sqlite-data-key-store';

/**
 * Personal data keys live with the read models (LEDGER_READ_STORE: `sqlite:<file>` or
 * `postgres://...?schema=`): mutable storage, backed up apart from the event store.
 */
export async function openDataKeyStore(url: string): Promise<DataKeyStore> {
  if (url.startsWith('sqlite:')) return SqliteDataKeyStore.open(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return PostgresDataKeyStore.open(parsed.toString(), schema);
  }
  throw new Error(`Unsupported read store URL "${url}": use sqlite: or postgres://`);
}
