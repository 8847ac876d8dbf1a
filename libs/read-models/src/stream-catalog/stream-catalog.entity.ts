import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per stream in the event store: what auditors browse before opening a stream. */
@Entity({ name: 'stream_catalog' })
export class StreamCatalogRow {
  @PrimaryColumn({ name: 'stream_id', type: 'varchar' })
  streamId!: string;

  /** The stream id's prefix before the first '-' (`loan-42` → `loan`). */
  @Column({ name: 'aggregate_type', type: 'varchar' })
  aggregateType!: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_revision', type: 'integer' })
  lastRevision!: number;

  @Column({ name: 'last_event_type', type: 'varchar' })
  lastEventType!: string;

  /** formatPosition of the stream's last event. */
  @Column({ name: 'last_position', type: 'varchar' })
  lastPosition!: string;

  @Column({ name: 'first_recorded_at', type: 'varchar' })
  firstRecordedAt!: string;

  @Column({ name: 'last_recorded_at', type: 'varchar' })
  lastRecordedAt!: string;
}
