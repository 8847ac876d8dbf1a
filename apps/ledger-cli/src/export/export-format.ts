import type { EventData, EventMetadata, RecordedEvent } from '@pledge-ledger/event-store';
import { canonicalJson, formatPosition } from '@pledge-ledger/event-store';

/**
 * The export file (docs/export-format.md is its public description): NDJSON, one header line, one
 * line per event in global order, one trailer line. `data` and `metadata` are written in canonical
 * JSON (keys sorted, the form the hash covers), so the same history exported from any adapter
 * gives the same event lines, whatever key order the store returned (PostgreSQL's jsonb reorders).
 */
export const EXPORT_FORMAT = 'pledge-ledger/export';
export const EXPORT_FORMAT_VERSION = 1;

export type StoreKind = 'sqlite' | 'postgres' | 'esdb';

export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof EXPORT_FORMAT;
  readonly formatVersion: typeof EXPORT_FORMAT_VERSION;
  readonly exportedAt: string;
  readonly source: StoreKind;
}

export interface ExportedEvent {
  readonly kind: 'event';
  /** formatPosition of the event in the source store: "42" (SQL) or "COMMIT/PREPARE" (EventStoreDB). */
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

export interface ExportTrailer {
  readonly kind: 'trailer';
  readonly events: number;
  readonly streams: number;
}

export function headerLine(source: StoreKind, exportedAt: string): string {
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt,
    source,
  };
  return JSON.stringify(header);
}

/** Written field by field so the key order is the documented one and data/metadata are canonical. */
export function eventLine(event: RecordedEvent): string {
  return (
    `{"kind":"event","position":${JSON.stringify(formatPosition(event.position))}` +
    `,"streamId":${JSON.stringify(event.streamId)},"revision":${event.revision}` +
    `,"type":${JSON.stringify(event.type)},"data":${canonicalJson(event.data)}` +
    `,"metadata":${canonicalJson(event.metadata)},"hash":${JSON.stringify(event.hash)}}`
  );
}

export function trailerLine(events: number, streams: number): string {
  const trailer: ExportTrailer = { kind: 'trailer', events, streams };
  return JSON.stringify(trailer);
}
