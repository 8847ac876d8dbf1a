import type { ReadStore } from '../read-store/read-store';
import { StreamCatalogRow } from '../stream-catalog/stream-catalog.entity';

/** Every catalog row, ordered by stream id (read through the query connection). */
export async function catalogRows(readStore: ReadStore): Promise<StreamCatalogRow[]> {
  return readStore.queries.getRepository(StreamCatalogRow).find({ order: { streamId: 'ASC' } });
}

/** Events the catalog has counted in all: equals the number of events projected, when none is counted twice. */
export function countedEvents(rows: readonly StreamCatalogRow[]): number {
  return rows.reduce((sum, row) => sum + row.eventCount, 0);
}

/**
 * A stream whose count is not its last revision + 1 had an event applied twice (count too high)
 * or skipped (too low): revisions are dense from 0.
 */
export function streamsWithGapsOrDuplicates(rows: readonly StreamCatalogRow[]): string[] {
  return rows.filter((row) => row.eventCount !== row.lastRevision + 1).map((row) => row.streamId);
}
