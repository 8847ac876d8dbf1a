import type { EventData, EventMetadata, RecordedEvent } from '../event';
import { sqlPosition } from '../position';

/** A row of `events` as read back: `data` and `metadata` are the exact JSON text written. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: sqlPosition(row.position),
    type: row.type,
    data: JSON.parse(row.data) as EventData,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    hash: row.hash,
  };
}
