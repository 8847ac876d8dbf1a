import { Server, ServerCredentials } from '@grpc/grpc-js';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { InMemoryLog } from './in-memory-log';
import { appendHandler } from './streams-append.handler';
import { readHandler } from './streams-read.handler';
import { serverError } from './grpc-messages';
import { status } from '@grpc/grpc-js';

export interface EsdbTestServer {
  /** A single-node connection string for the real client: `esdb://127.0.0.1:PORT?tls=false`. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EsdbTestServerOptions {
  /** Largest append in bytes (data, metadata and type of all its events); the real server's default is 1 MiB. */
  readonly maxAppendSize?: number;
}

const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
// The client accepts 17 MiB messages; the server must let through whatever the client may send.
const MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

/**
 * Test support only: an in-memory EventStoreDB speaking the real gRPC protocol, on the service
 * definitions the client ships. It serves what a single-node client calls: Streams/Append and
 * Streams/Read. ServerFeatures is left unregistered, so the client's feature probe gets
 * UNIMPLEMENTED and it falls back to plain Append, as it does against an older server.
 */
export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const log = new InMemoryLog();
  log.seedSystemEvents();

  const unsupported = (_call: unknown, callback: (error: Error) => void): void =>
    callback(serverError(status.UNIMPLEMENTED, 'unsupported', 'Not served by the EventStoreDB test server'));
  const streams: IStreamsServer = {
    read: readHandler(log),
    append: appendHandler(log, options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE),
    delete: unsupported,
    tombstone: unsupported,
    batchAppend: (call) =>
      call.emit('error', serverError(status.UNIMPLEMENTED, 'unsupported', 'Batch append is not served')),
  };

  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(StreamsService, streams);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    );
  });

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    stop: () =>
      new Promise<void>((resolve) => {
        // Live subscriptions never end on their own: cut every call rather than wait for them.
        server.forceShutdown();
        resolve();
      }),
  };
}
