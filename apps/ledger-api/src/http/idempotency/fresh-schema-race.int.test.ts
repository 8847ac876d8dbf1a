import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { openSnapshotStore } from '@pledge-ledger/application';
import { createSchemaIfMissing, openEventStore, START } from '@pledge-ledger/event-store';
import { openReadStore, readModelEntities, readModelMigrations } from '@pledge-ledger/read-models';
import { LEDGER_TEST_PG_URL } from '../../../../../test/support/postgres';
import { openIdempotencyStore } from './open-idempotency-store';

/**
 * The API opens its idempotency store, read store and event store at once; on a brand-new
 * schema each runs CREATE SCHEMA IF NOT EXISTS, and PostgreSQL lets all but one of them fail
 * with a unique violation on pg_namespace (23505). It used to crash the API at start.
 */
describe('opening the stores on a schema nobody has created yet', () => {
  const pool = new Pool({ connectionString: LEDGER_TEST_PG_URL, max: 8 });
  const made: string[] = [];

  const freshSchema = (): string => {
    const name = `race_${process.pid}_${randomBytes(5).toString('hex')}`;
    made.push(name);
    return name;
  };

  const urlFor = (schema: string): string => {
    const url = new URL(LEDGER_TEST_PG_URL);
    url.searchParams.set('schema', schema);
    return url.toString();
  };

  afterAll(async () => {
    for (const schema of made) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('lets eight concurrent creations of one schema all succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const schema = freshSchema();
      await Promise.all(Array.from({ length: 8 }, () => createSchemaIfMissing(pool, `"${schema}"`)));
      const { rows } = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(rows).toHaveLength(1);
    }
  });

  it('still raises other errors, such as a reserved schema name', async () => {
    await expect(createSchemaIfMissing(pool, '"pg_not_allowed"')).rejects.toThrow(/unacceptable schema name/);
  });

  it('opens the idempotency, read, event and snapshot stores together, every time, and they work', async () => {
    for (let round = 0; round < 4; round++) {
      const url = urlFor(freshSchema());
      const [idempotency, readStore, events, snapshots] = await Promise.all([
        openIdempotencyStore(url),
        openReadStore(url, { entities: readModelEntities, migrations: readModelMigrations }),
        openEventStore(url),
        openSnapshotStore(url),
      ]);
      try {
        await expect(idempotency.claim('caller', 'key', 'hash', 1)).resolves.toEqual({ claimed: true });
        const applied = await readStore.queries.query('SELECT count(*)::int AS n FROM read_model_migrations');
        expect(applied[0].n).toBeGreaterThan(0);
        await expect(events.readAll({ after: START, maxCount: 10 })).resolves.toEqual([]);
        await expect(snapshots.get('loan-1')).resolves.toBeNull();
      } finally {
        await Promise.all([idempotency.close(), readStore.close(), events.close(), snapshots.close()]);
      }
    }
  });
});
