import { createSchemaIfMissing } from '@pledge-ledger/event-store';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { quoteIdentifier } from '../rebuild/table-copies';
import { parseReadStoreUrl } from './read-store-url';
import { ReadStore } from './read-store';
import { SerialLock } from './serial-lock';

// TypeORM's own option type for these lists: classes (or glob strings) it instantiates.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

export interface OpenReadStoreOptions {
  /** Entities queries read through (live table names). */
  readonly entities: ClassList;
  /** Migrations run, in order, before the store is returned. */
  readonly migrations: ClassList;
}

/** Where TypeORM records the migrations it ran; named so it cannot clash with other tables in the schema. */
const MIGRATIONS_TABLE = 'read_model_migrations';

/**
 * Opens the read store a `LEDGER_READ_STORE` URL names and brings its schema up to date with
 * migrations (never `synchronize`): `sqlite:<file>` (better-sqlite3, WAL) or
 * `postgres://...?schema=name` (the schema is created if missing).
 */
export async function openReadStore(url: string, options: OpenReadStoreOptions): Promise<ReadStore> {
  const location = parseReadStoreUrl(url);
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'all',
    synchronize: false,
  } as const;

  if (location.dialect === 'sqlite') {
    const sqlite = (): DataSourceOptions => ({
      ...common,
      type: 'better-sqlite3',
      database: location.file,
      enableWAL: true,
      // A lost last transaction after a power cut takes its checkpoint with it, so the batch is
      // simply projected again: NORMAL is as safe as FULL for exactly-once here, and faster.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
      },
    });
    const writer = await new DataSource(sqlite()).initialize();
    try {
      await migrateSqlite(writer);
      const reader = await new DataSource(sqlite()).initialize();
      return new ReadStore('sqlite', writer, reader, new SerialLock());
    } catch (error) {
      await writer.destroy();
      throw error;
    }
  }

  const postgres = await new DataSource({
    ...common,
    type: 'postgres',
    url: location.connectionString,
    schema: location.schema,
    // Unqualified names in projections' SQL resolve to the read store's schema.
    extra: { options: `-c search_path=${location.schema}` },
  }).initialize();
  try {
    await migratePostgres(postgres, location.schema);
    return new ReadStore('postgres', postgres, postgres, null);
  } catch (error) {
    await postgres.destroy();
    throw error;
  }
}

/**
 * Several processes may open the same schema at once (API and projector): an advisory lock makes
 * one of them migrate while the others wait, then find nothing left to do.
 */
async function migratePostgres(dataSource: DataSource, schema: string): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await createSchemaIfMissing(lock, quoteIdentifier(schema));
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`read-models:${schema}`]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`read-models:${schema}`]);
    }
  } finally {
    await lock.release();
  }
}

/**
 * SQLite has no advisory lock; two processes migrating one file at once make the slower one fail
 * on a table that now exists, with its transaction rolled back. That is fine when the other one
 * finished the job, so only an error that leaves migrations pending is raised.
 */
async function migrateSqlite(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (error) {
    if (await dataSource.showMigrations()) throw error;
  }
}
