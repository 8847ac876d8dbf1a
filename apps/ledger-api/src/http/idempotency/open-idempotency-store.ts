import type { IdempotencyStore } from './idempotency-store';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

/** Idempotency keys live with the read models (LEDGER_READ_STORE): `sqlite:<file>` or `postgres://...?schema=`. */
export async function openIdempotencyStore(readStoreUrl: string): Promise<IdempotencyStore> {
  if (readStoreUrl.startsWith('sqlite:')) return SqliteIdempotencyStore.open(readStoreUrl.slice('sqlite:'.length));
  if (readStoreUrl.startsWith('postgres://') || readStoreUrl.startsWith('postgresql://')) {
    const parsed = new URL(readStoreUrl);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return PostgresIdempotencyStore.open(parsed.toString(), schema);
  }
  throw new Error(`Unsupported read store URL "${readStoreUrl}": use sqlite: or postgres://`);
}
