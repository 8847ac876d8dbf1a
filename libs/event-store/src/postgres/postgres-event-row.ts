import type { EventData, EventMetadata, RecordedEvent } from '../event';
import { sqlPosition } from '../position';

/** Columns every read selects; `json` columns arrive parsed, keys in the (canonical) order they were stored. */
export const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata, hash';

export interface EventRow {
  /** bigint: node-postgres returns it as a string, so it never loses precision. */
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: sqlPosition(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
  };
}
