import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { loanStreamId } from '@pledge-ledger/domain';
import {
  getLoan,
  listLoans,
  loanViewProjection,
  type GetLoanQuery as GetLoanParams,
  type ListLoansQuery as ListLoansParams,
  type LoanDetail,
  type LoanPage,
} from '@pledge-ledger/read-models';
import { ReadQuery, type Revisioned } from '../read-query';
import { ReadSide } from '../read-side';

/** A loan with its schedule and figures: a bank its own, an enterprise its own, a fund manager the enrolled. */
export class GetLoanQuery extends ReadQuery<GetLoanParams, Revisioned<LoanDetail>> {}

export class ListLoansQuery extends ReadQuery<ListLoansParams, LoanPage> {}

@QueryHandler(GetLoanQuery)
export class GetLoanHandler implements IQueryHandler<GetLoanQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: GetLoanQuery): Promise<Revisioned<LoanDetail>> {
    const { loanId } = query.params;
    const subject = { kind: 'loan', id: loanId, streamId: loanStreamId(loanId) };
    return this.reads.one(query, loanViewProjection.name, subject, (store) =>
      getLoan(store, query.caller, query.params),
    );
  }
}

@QueryHandler(ListLoansQuery)
export class ListLoansHandler implements IQueryHandler<ListLoansQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: ListLoansQuery): Promise<LoanPage> {
    return this.reads.many(query, [loanViewProjection.name], (store) => listLoans(store, query.caller, query.params));
  }
}
