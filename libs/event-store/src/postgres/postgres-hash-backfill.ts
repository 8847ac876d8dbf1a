import type { ClientBase } from 'pg';
import { GENESIS_HASH, eventHash } from '../hash-chain';
import type { EventRow } from './postgres-event-row';
import type { PostgresTables } from './postgres-tables';

const PAGE = 1000;

/**
 * Computes the hash chain of every event written before hashes were stored, in position order,
 * from the rows as a read returns them, records each stream's last hash, and then makes both
 * columns NOT NULL, so a row without a hash can never appear again. Holds the append lock while
 * it runs: nothing is appended meanwhile, and the migration commits before the lock is released.
 */
export async function backfillHashChains(client: ClientBase, t: PostgresTables): Promise<void> {
  await client.query(`SELECT last FROM ${t.globalPosition} FOR UPDATE`);
  const heads = new Map<string, string>();
  let after = '0';
  for (;;) {
    const { rows } = await client.query<Omit<EventRow, 'hash'>>(
      `SELECT position, stream_id, revision, type, data, metadata FROM ${t.events}
       WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, PAGE],
    );
    if (rows.length === 0) break;
    const hashes = rows.map((row) => {
      const hash = eventHash(heads.get(row.stream_id) ?? GENESIS_HASH, Number(row.revision), {
        streamId: row.stream_id,
        type: row.type,
        data: row.data,
        metadata: row.metadata,
      });
      heads.set(row.stream_id, hash);
      return hash;
    });
    await client.query(
      `UPDATE ${t.events} e SET hash = u.hash
       FROM unnest($1::bigint[], $2::text[]) AS u (position, hash) WHERE e.position = u.position`,
      [rows.map((row) => row.position), hashes],
    );
    after = rows[rows.length - 1].position;
  }
  const streams = [...heads];
  for (let start = 0; start < streams.length; start += PAGE) {
    const page = streams.slice(start, start + PAGE);
    await client.query(
      `UPDATE ${t.streams} s SET last_hash = u.hash
       FROM unnest($1::text[], $2::text[]) AS u (stream_id, hash) WHERE s.stream_id = u.stream_id`,
      [page.map(([streamId]) => streamId), page.map(([, hash]) => hash)],
    );
  }
  await client.query(`ALTER TABLE ${t.events} ALTER COLUMN hash SET NOT NULL`);
  await client.query(`ALTER TABLE ${t.streams} ALTER COLUMN last_hash SET NOT NULL`);
}
