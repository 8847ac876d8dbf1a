import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/**
 * Writes one response, waiting for the client to drain when gRPC's buffer is full, so a slow
 * reader holds the server back instead of piling responses up in memory. Resolves false once
 * the call is cancelled or closed.
 */
export function send(call: ReadCall, response: ReadResp): Promise<boolean> {
  if (call.cancelled || call.destroyed) return Promise.resolve(false);
  if (call.write(response)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => (): void => {
      call.off('drain', onDrain);
      call.off('cancelled', onGone);
      call.off('close', onGone);
      resolve(ok);
    };
    const onDrain = settle(true);
    const onGone = settle(false);
    call.on('drain', onDrain);
    call.on('cancelled', onGone);
    call.on('close', onGone);
  });
}
