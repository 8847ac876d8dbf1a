import { formatPosition, type RecordedEvent } from '@pledge-ledger/event-store';
import type { Projection, ProjectionContext } from '../projections/projection';
import { upsertRows } from '../sql/upsert-rows';

type Tables = 'streams';

interface CatalogRow {
  stream_id: string;
  aggregate_type: string;
  event_count: number;
  last_revision: number;
  last_event_type: string;
  last_position: string;
  first_recorded_at: string;
  last_recorded_at: string;
}

const UPDATED_COLUMNS = [
  'event_count',
  'last_revision',
  'last_event_type',
  'last_position',
  'last_recorded_at',
] as const;

/** Stream ids per lookup: keeps bound parameters far below SQLite's limit of 32766. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export function aggregateTypeOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/**
 * Keeps `stream_catalog`: reads the rows the batch touches, folds the batch into them in memory
 * and writes each stream once per batch, whatever its number of events in the batch.
 */
export const streamCatalogProjection: Projection<Tables> = {
  name: 'stream-catalog',
  handles: 'all',
  tables: { streams: 'stream_catalog' },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const { manager, tables } = context;
    const rows = new Map<string, CatalogRow>();
    for (const ids of chunks([...new Set(events.map((event) => event.streamId))], CHUNK)) {
      const existing: CatalogRow[] = await manager
        .createQueryBuilder()
        .select('*')
        .from(tables.streams, 's')
        .where('s.stream_id IN (:...ids)', { ids })
        .getRawMany();
      for (const row of existing) rows.set(row.stream_id, row);
    }
    for (const event of events) {
      const row = rows.get(event.streamId);
      const last = {
        last_revision: event.revision,
        last_event_type: event.type,
        last_position: formatPosition(event.position),
        last_recorded_at: event.metadata.recordedAt,
      };
      rows.set(
        event.streamId,
        row
          ? { ...row, ...last, event_count: row.event_count + 1 }
          : {
              stream_id: event.streamId,
              aggregate_type: aggregateTypeOf(event.streamId),
              event_count: 1,
              first_recorded_at: event.metadata.recordedAt,
              ...last,
            },
      );
    }
    await upsertRows(context, tables.streams, [...rows.values()], { key: ['stream_id'], update: UPDATED_COLUMNS });
  },
};
