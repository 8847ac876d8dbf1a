import { START, type Actor, type After, type EventStore, type RecordedEvent } from '@pledge-ledger/event-store';
import { DataSource } from 'typeorm';
import { FundDashboard1795564802100 } from '../migrations/1795564802100-fund-dashboard';
import { ProjectionCheckpoints1795564800000 } from '../migrations/1795564800000-projection-checkpoints';
import { applyBatch } from '../projections/apply-batch';
import { ensureCheckpoint } from '../projections/projection-checkpoints';
import { ReadStore } from '../read-store/read-store';
import { SerialLock } from '../read-store/serial-lock';
import { fundDashboardEntities } from './fund-dashboard.entity';
import { fundDashboardProjection } from './fund-dashboard.projection';
import { getFundDashboard, type FundDashboard, type GetFundDashboardQuery } from './fund-dashboard.query';

export interface FundDashboardAsOfQuery extends GetFundDashboardQuery {
  /**
   * The history to replay: events in global order while this holds, stopping at the first one
   * for which it does not (a position, or a moment: see `isWithinAsOf` in libs/application).
   */
  readonly within: (event: RecordedEvent) => boolean;
}

export interface FundDashboardAsOf {
  /** Null when there was no such fund at that point. */
  readonly dashboard: FundDashboard | null;
  /** Position of the last event replayed; START when the history held none. */
  readonly position: After;
  readonly eventsReplayed: number;
}

/** Events read and applied per transaction. */
const BATCH = 500;

/**
 * The fund dashboard as it stood at a past point: the fund-dashboard projection replayed from
 * START over the events `within` accepts into a scratch read store (an in-memory SQLite database
 * with the view's own migrations), then read with the live dashboard's own query. The live read
 * store is never touched, and the figures are exactly those the live view showed at that point,
 * since the projection is deterministic (rebuild equals live). It costs one read of the history
 * up to that point per call.
 */
export async function getFundDashboardAsOf(
  store: EventStore,
  caller: Actor,
  query: FundDashboardAsOfQuery,
): Promise<FundDashboardAsOf> {
  const scratch = await openScratchStore();
  try {
    const params: GetFundDashboardQuery = { fundId: query.fundId, year: query.year };
    // The query refuses a role or a year on the empty store, before the replay costs anything.
    await getFundDashboard(scratch, caller, params);
    const target = { checkpoint: fundDashboardProjection.name, tables: fundDashboardProjection.tables };
    await scratch.transaction((manager) => ensureCheckpoint(manager, target.checkpoint));
    let position: After = START;
    let replayed = 0;
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: BATCH });
      const stop = page.findIndex((event) => !query.within(event));
      const inside = stop === -1 ? page : page.slice(0, stop);
      if (inside.length > 0) {
        position = await applyBatch(scratch, fundDashboardProjection, target, position, inside);
        replayed += inside.length;
      }
      if (inside.length < BATCH) break;
    }
    return { dashboard: await getFundDashboard(scratch, caller, params), position, eventsReplayed: replayed };
  } finally {
    await scratch.close();
  }
}

async function openScratchStore(): Promise<ReadStore> {
  const dataSource = await new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: fundDashboardEntities,
    migrations: [ProjectionCheckpoints1795564800000, FundDashboard1795564802100],
    migrationsTableName: 'read_model_migrations',
    synchronize: false,
  }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  // One connection: nothing reads while the replay writes, so the reader may be the writer.
  return new ReadStore('sqlite', dataSource, dataSource, new SerialLock());
}
