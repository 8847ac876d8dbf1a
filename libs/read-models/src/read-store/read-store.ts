import type { DataSource, EntityManager } from 'typeorm';
import type { SerialLock } from './serial-lock';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The read models' database. Projections write through `transaction`; queries read through
 * `queries`, which only ever sees committed data.
 *
 * On SQLite the two are separate connections to one WAL file: TypeORM's better-sqlite3 driver has
 * a single connection per DataSource, so a query sharing the writer's connection would read a
 * projection's half-written batch, and two transactions on it would nest. Writes are therefore
 * serialized in this process (SQLite allows one writer anyway), and readers never wait for them.
 * On PostgreSQL one pool serves both: each transaction has its own connection.
 */
export class ReadStore {
  constructor(
    readonly dialect: Dialect,
    private readonly writer: DataSource,
    private readonly reader: DataSource,
    private readonly writeLock: SerialLock | null,
  ) {}

  /** For queries: committed rows only. */
  get queries(): EntityManager {
    return this.reader.manager;
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = (): Promise<T> => this.writer.transaction((manager) => work(manager));
    return this.writeLock ? this.writeLock.run(run) : run();
  }

  async close(): Promise<void> {
    if (this.reader !== this.writer && this.reader.isInitialized) await this.reader.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }
}
