import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { send, type ReadCall } from './call-writer';
import { checkpointIntervalOf, eventFilterOf, noFilter } from './event-filter';
import { checkpointResponse, eventResponse } from './grpc-messages';
import type { InMemoryLog } from './in-memory-log';

/**
 * A subscription to `$all`, shaped like the real server's: a confirmation first, then the
 * historical events after the start (catch-up), `caught_up` once it reaches the end of the log,
 * then every later append as it happens. With a filter, only matching events are sent, and a
 * checkpoint every `checkpointInterval` considered events tells the client how far it has got.
 */
export function subscribeToAll(log: InMemoryLog, call: ReadCall, options: ReadReq.Options): void {
  const filterOptions = options.getFilter();
  const matches = filterOptions ? eventFilterOf(filterOptions) : noFilter;
  const checkpointInterval = filterOptions ? checkpointIntervalOf(filterOptions) : null;
  let next = startIndex(log, options.getAll());
  let considered = 0;
  let caughtUp = false;
  let pumping = false;
  let appendedWhilePumping = false;
  let closed = false;

  const stopListening = log.onAppend(() => void pump());
  const close = (): void => {
    closed = true;
    stopListening();
  };
  call.on('cancelled', close);
  call.on('close', close);

  const pump = async (): Promise<void> => {
    if (pumping) {
      appendedWhilePumping = true;
      return;
    }
    pumping = true;
    try {
      do {
        appendedWhilePumping = false;
        while (!closed && next < log.length) {
          const event = log.at(next++);
          if (matches(event) && !(await send(call, eventResponse(event)))) return close();
          if (checkpointInterval !== null && ++considered >= checkpointInterval) {
            considered = 0;
            if (!(await send(call, checkpointResponse(event)))) return close();
          }
        }
        if (!caughtUp && !closed) {
          caughtUp = true;
          if (!(await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return close();
        }
      } while (appendedWhilePumping && !closed);
    } finally {
      pumping = false;
    }
  };

  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  void send(call, new ReadResp().setConfirmation(confirmation)).then((ok) => (ok ? pump() : close()));
}

function startIndex(log: InMemoryLog, all: ReadReq.Options.AllOptions | undefined): number {
  switch (all?.getAllOptionCase()) {
    case ReadReq.Options.AllOptions.AllOptionCase.END:
      return log.length;
    case ReadReq.Options.AllOptions.AllOptionCase.POSITION: {
      const position = all.getPosition();
      if (!position) return 0;
      // As the real server does: read the first event at or after the position and start after
      // it, so subscribing from an event's own position never delivers that event again.
      const at = log.indexAtOrAfter({
        commit: BigInt(position.getCommitPosition()),
        prepare: BigInt(position.getPreparePosition()),
      });
      return Math.min(at + 1, log.length);
    }
    default:
      return 0;
  }
}
