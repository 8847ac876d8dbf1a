import { status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { serverError, streamNameOf } from './grpc-messages';
import type { AppendOutcome, ExpectedState, InMemoryLog, ProposedEvent } from './in-memory-log';

type AppendCall = ServerReadableStream<AppendReq, AppendResp>;

/**
 * Streams/Append: the client sends the options, then one message per event, then half-closes.
 * Answers success, or the wrong-expected-version body the real server sends (not a gRPC error:
 * the client reads `wrong_expected_version` from the response and raises WrongExpectedVersionError).
 */
export function appendHandler(log: InMemoryLog, maxAppendSize: number) {
  return (call: AppendCall, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      callback(error);
    };

    call.on('data', (request: AppendReq) => {
      if (failed) return;
      if (request.hasOptions()) {
        options = request.getOptions();
        return;
      }
      const message = request.getProposedMessage();
      if (!options || !message) {
        fail(serverError(status.INVALID_ARGUMENT, 'invalid-argument', 'Append must start with its options'));
        return;
      }
      const type = message.getMetadataMap().get('type');
      const contentType = message.getMetadataMap().get('content-type');
      if (type === undefined || contentType === undefined) {
        fail(
          serverError(status.INVALID_ARGUMENT, 'missing-required-metadata-property', 'Missing type or content-type', {
            'required-metadata-properties': type === undefined ? 'type' : 'content-type',
          }),
        );
        return;
      }
      const data = message.getData_asU8();
      const customMetadata = message.getCustomMetadata_asU8();
      size += data.length + customMetadata.length + Buffer.byteLength(type);
      if (size > maxAppendSize) {
        fail(
          serverError(status.INVALID_ARGUMENT, 'maximum-append-size-exceeded', 'Maximum append size exceeded', {
            'maximum-append-size': String(maxAppendSize),
          }),
        );
        return;
      }
      events.push({ id: message.getId()?.getString() ?? '', type, contentType, data, customMetadata });
    });

    call.on('end', () => {
      if (failed) return;
      if (!options) {
        fail(serverError(status.INVALID_ARGUMENT, 'invalid-argument', 'Append carried no options'));
        return;
      }
      const expected = expectedStateOf(options);
      const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expected, events);
      callback(null, appendResponse(outcome, expected));
    });

    call.on('error', () => {
      failed = true;
    });
  };
}

function expectedStateOf(options: AppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no-stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream-exists' };
    default:
      return { kind: 'any' };
  }
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.ok) {
    const position = new AppendResp.Position()
      .setCommitPosition(outcome.position.commit.toString())
      .setPreparePosition(outcome.position.prepare.toString());
    const success = new AppendResp.Success().setPosition(position);
    if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    return new AppendResp().setSuccess(success);
  }

  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  switch (expected.kind) {
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString());
      break;
    case 'no-stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream-exists':
      wrong.setExpectedStreamExists(new Empty());
      break;
    case 'any':
      wrong.setExpectedAny(new Empty());
      break;
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}
