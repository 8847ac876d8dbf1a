import { ledgerEventSchemas, type EventSchemas } from '@pledge-ledger/domain';
import type {
  AllSubscription,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '@pledge-ledger/event-store';

/** One stored event in its type's current shape, its metadata saying so; the stored one is left untouched. */
function upcastEvent(event: RecordedEvent, schemas: EventSchemas): RecordedEvent {
  const current = schemas.currentVersion(event.type);
  const stored = event.metadata.schemaVersion;
  if (stored === current) return event;
  const data = schemas.upcast(event.type, stored, event.data) as EventData;
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: current } };
}

function upcastSubscription(subscription: AllSubscription, schemas: EventSchemas): AllSubscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      for await (const event of subscription) yield upcastEvent(event, schemas);
    },
  };
}

/**
 * The event store as the application reads it: every event upcast to its type's current schema
 * (`ledgerEventSchemas`), so deciders, projections and process managers only ever see one shape
 * per type. Appends pass through unchanged. An event of a version newer than this code knows is
 * an UnknownSchemaVersionError on read.
 *
 * Never for the audit history or hash-chain verification: they read the raw store, because
 * what was stored (and hashed) is what an auditor must see.
 */
export function withUpcasting(store: EventStore, schemas: EventSchemas = ledgerEventSchemas): EventStore {
  return {
    append: (streamId, events, expectedRevision) => store.append(streamId, events, expectedRevision),
    readStream: async (streamId: string, options?: ReadStreamOptions) =>
      (await store.readStream(streamId, options)).map((event) => upcastEvent(event, schemas)),
    readAll: async (options: ReadAllOptions) =>
      (await store.readAll(options)).map((event) => upcastEvent(event, schemas)),
    subscribeToAll: (options: SubscribeOptions) => upcastSubscription(store.subscribeToAll(options), schemas),
    streamRevision: (streamId) => store.streamRevision(streamId),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
