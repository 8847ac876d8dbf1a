import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogPosition, StoredEvent } from './in-memory-log';

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

/** A recorded event as the server sends it on every read and subscription. */
export function eventResponse(event: StoredEvent): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.commit.toString())
    .setPreparePosition(event.prepare.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  record
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const readEvent = new ReadResp.ReadEvent().setEvent(record).setCommitPosition(event.commit.toString());
  return new ReadResp().setEvent(readEvent);
}

export function checkpointResponse(position: LogPosition): ReadResp {
  const checkpoint = new ReadResp.Checkpoint()
    .setCommitPosition(position.commit.toString())
    .setPreparePosition(position.prepare.toString());
  return new ReadResp().setCheckpoint(checkpoint);
}

export function streamNotFoundResponse(streamName: string): ReadResp {
  return new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );
}

/**
 * A failed call the way the real server fails one: a gRPC status plus an `exception` trailer the
 * client turns into its typed errors (see convertToCommandError in the client).
 */
export function serverError(code: status, exception: string, details: string, extra: Record<string, string> = {}) {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata }) satisfies ServiceError;
}
