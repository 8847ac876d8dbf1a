import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listStreams,
  streamCatalogProjection,
  type ListStreamsQuery as ListStreamsParams,
  type StreamPage,
} from '@pledge-ledger/read-models';
import { ReadQuery } from '../read-query';
import { ReadSide } from '../read-side';

/** Every stream with its event count and last revision: the auditor's index into the history. */
export class ListStreamsQuery extends ReadQuery<ListStreamsParams, StreamPage> {}

@QueryHandler(ListStreamsQuery)
export class ListStreamsHandler implements IQueryHandler<ListStreamsQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: ListStreamsQuery): Promise<StreamPage> {
    return this.reads.many(query, [streamCatalogProjection.name], (store) =>
      listStreams(store, query.caller, query.params),
    );
  }
}
