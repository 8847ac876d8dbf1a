import type { Database } from 'better-sqlite3';
import { GENESIS_HASH, eventHash } from '../hash-chain';

const PAGE = 1000;

interface UnhashedRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Computes the hash chain of every event already in the file (written before hashes were stored),
 * in position order, from the stored text parsed exactly as a read parses it, and records each
 * stream's last hash. Runs inside the migration's write transaction: nobody appends meanwhile.
 * Paged, since better-sqlite3 cannot write while a read is being iterated on its connection.
 */
export function backfillHashChains(db: Database): void {
  const page = db.prepare<[number, number], UnhashedRow>(
    'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const setHash = db.prepare<[string, number]>('UPDATE events SET hash = ? WHERE position = ?');
  const setLastHash = db.prepare<[string, string]>('UPDATE streams SET last_hash = ? WHERE stream_id = ?');
  const heads = new Map<string, string>();
  let after = 0;
  for (let rows = page.all(after, PAGE); rows.length > 0; rows = page.all(after, PAGE)) {
    for (const row of rows) {
      const hash = eventHash(heads.get(row.stream_id) ?? GENESIS_HASH, row.revision, {
        streamId: row.stream_id,
        type: row.type,
        data: JSON.parse(row.data) as unknown,
        metadata: JSON.parse(row.metadata) as unknown,
      });
      setHash.run(hash, row.position);
      heads.set(row.stream_id, hash);
    }
    after = rows[rows.length - 1].position;
  }
  for (const [streamId, hash] of heads) setLastHash.run(hash, streamId);
}
