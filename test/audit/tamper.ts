import Database from 'better-sqlite3';
import { Client } from 'pg';

/**
 * What an attacker with database access does: overwrites fields of one stored event's data in
 * place (SQLite file or PostgreSQL table), leaving its stored hash as it was.
 */
export async function tamperWithEventData(
  eventStoreUrl: string,
  streamId: string,
  revision: number,
  changes: Record<string, string>,
): Promise<void> {
  if (eventStoreUrl.startsWith('sqlite:')) {
    const db = new Database(eventStoreUrl.slice('sqlite:'.length));
    try {
      const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision) as
        { data: string } | undefined;
      if (!row) throw new Error(`no event ${streamId}@${revision} to tamper with`);
      const data = { ...JSON.parse(row.data), ...changes };
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(
        JSON.stringify(data),
        streamId,
        revision,
      );
    } finally {
      db.close();
    }
    return;
  }
  const url = new URL(eventStoreUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const table = `"${schema.replace(/"/g, '""')}".events`;
    const result = await client.query(
      `UPDATE ${table} SET data = (data::jsonb || $3::jsonb)::json WHERE stream_id = $1 AND revision = $2`,
      [streamId, revision, JSON.stringify(changes)],
    );
    if (result.rowCount !== 1) throw new Error(`no event ${streamId}@${revision} to tamper with`);
  } finally {
    await client.end();
  }
}
