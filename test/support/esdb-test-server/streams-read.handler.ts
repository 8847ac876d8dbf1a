import { status } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { subscribeToAll } from './all-subscription';
import { send, type ReadCall } from './call-writer';
import { eventFilterOf, noFilter } from './event-filter';
import { eventResponse, serverError, streamNameOf, streamNotFoundResponse } from './grpc-messages';
import type { InMemoryLog, StoredEvent } from './in-memory-log';

const { CountOptionCase, StreamOptionCase, ReadDirection } = ReadReq.Options;
const { RevisionOptionCase } = ReadReq.Options.StreamOptions;
const { AllOptionCase } = ReadReq.Options.AllOptions;

/** Streams/Read: reads of one stream or of `$all` (forwards or backwards), and subscriptions to `$all`. */
export function readHandler(log: InMemoryLog) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', serverError(status.INVALID_ARGUMENT, 'invalid-argument', 'Read carried no options'));
      return;
    }
    if (options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION) {
      if (options.getStreamOptionCase() === StreamOptionCase.ALL) return subscribeToAll(log, call, options);
      call.emit('error', serverError(status.UNIMPLEMENTED, 'unsupported', 'Only $all subscriptions are served'));
      return;
    }
    const responses =
      options.getStreamOptionCase() === StreamOptionCase.STREAM ? readStream(log, options) : readAll(log, options);
    void sendAll(call, responses);
  };
}

async function sendAll(call: ReadCall, responses: ReadResp[]): Promise<void> {
  for (const response of responses) {
    if (!(await send(call, response))) return;
  }
  call.end();
}

function readStream(log: InMemoryLog, options: ReadReq.Options): ReadResp[] {
  const stream = options.getStream();
  const streamName = streamNameOf(stream?.getStreamIdentifier());
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const count = BigInt(options.getCount());
  let from: bigint | null;
  switch (stream?.getRevisionOptionCase()) {
    case RevisionOptionCase.REVISION:
      from = BigInt(stream.getRevision());
      break;
    case RevisionOptionCase.END:
      // Forwards from the end there is nothing to read; backwards it means the last event.
      from = backwards ? null : (log.currentRevision(streamName) ?? -1n) + 1n;
      break;
    default:
      from = 0n;
  }
  const events = log.readStream(streamName, from, backwards, count);
  return events === null ? [streamNotFoundResponse(streamName)] : events.map(eventResponse);
}

function readAll(log: InMemoryLog, options: ReadReq.Options): ReadResp[] {
  const all = options.getAll();
  const filterOptions = options.getFilter();
  const matches = filterOptions ? eventFilterOf(filterOptions) : noFilter;
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const count = Number(BigInt(options.getCount()));
  let index: number;
  switch (all?.getAllOptionCase()) {
    case AllOptionCase.POSITION: {
      const position = all.getPosition();
      const at = log.indexAtOrAfter({
        commit: BigInt(position?.getCommitPosition() ?? '0'),
        prepare: BigInt(position?.getPreparePosition() ?? '0'),
      });
      // Forwards includes the event at the position; backwards starts strictly before it.
      index = backwards ? at - 1 : at;
      break;
    }
    case AllOptionCase.END:
      index = backwards ? log.length - 1 : log.length;
      break;
    default:
      index = backwards ? -1 : 0;
  }
  const events: StoredEvent[] = [];
  const step = backwards ? -1 : 1;
  for (; index >= 0 && index < log.length && events.length < count; index += step) {
    const event = log.at(index);
    if (matches(event)) events.push(event);
  }
  return events.map(eventResponse);
}
