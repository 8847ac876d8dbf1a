import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  getTrialBalance,
  journalProjection,
  listJournalEntries,
  type JournalPage,
  type ListJournalEntriesQuery as ListJournalEntriesParams,
  type TrialBalance,
  type TrialBalanceQuery as TrialBalanceParams,
} from '@pledge-ledger/read-models';
import { ReadQuery } from '../read-query';
import { ReadSide } from '../read-side';

/** The double-entry journal of every money movement: fund managers and auditors. */
export class ListJournalEntriesQuery extends ReadQuery<ListJournalEntriesParams, JournalPage> {}

export class GetTrialBalanceQuery extends ReadQuery<TrialBalanceParams, TrialBalance> {}

@QueryHandler(ListJournalEntriesQuery)
export class ListJournalEntriesHandler implements IQueryHandler<ListJournalEntriesQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: ListJournalEntriesQuery): Promise<JournalPage> {
    return this.reads.many(query, [journalProjection.name], (store) =>
      listJournalEntries(store, query.caller, query.params),
    );
  }
}

@QueryHandler(GetTrialBalanceQuery)
export class GetTrialBalanceHandler implements IQueryHandler<GetTrialBalanceQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: GetTrialBalanceQuery): Promise<TrialBalance> {
    return this.reads.many(query, [journalProjection.name], (store) =>
      getTrialBalance(store, query.caller, query.params),
    );
  }
}
