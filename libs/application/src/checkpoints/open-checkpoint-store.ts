import type { CheckpointStore } from './checkpoint-store';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

/** Checkpoints live with the read models (LEDGER_READ_STORE): `sqlite:<file>` or `postgres://...?schema=`. */
export async function openCheckpointStore(url: string): Promise<CheckpointStore> {
  if (url.startsWith('sqlite:')) return SqliteCheckpointStore.open(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return PostgresCheckpointStore.open(parsed.toString(), schema);
  }
  throw new Error(`Unsupported read store URL "${url}": use sqlite: or postgres://`);
}
