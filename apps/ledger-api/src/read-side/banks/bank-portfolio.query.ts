import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  bankPortfolioProjection,
  getBankPortfolio,
  type BankPortfolio,
  type GetBankPortfolioQuery as GetBankPortfolioParams,
} from '@pledge-ledger/read-models';
import { ReadQuery } from '../read-query';
import { ReadSide } from '../read-side';

/** A bank's portfolio: the bank itself, fund managers (covered loans only), auditors. */
export class GetBankPortfolioQuery extends ReadQuery<GetBankPortfolioParams, BankPortfolio> {}

@QueryHandler(GetBankPortfolioQuery)
export class GetBankPortfolioHandler implements IQueryHandler<GetBankPortfolioQuery> {
  constructor(private readonly reads: ReadSide) {}

  /** No ETag: the portfolio sums many loans; the bank's own stream revision would say nothing about it. */
  execute(query: GetBankPortfolioQuery): Promise<BankPortfolio> {
    const subject = { kind: 'bank', id: query.params.bankId };
    return this.reads.single(query, bankPortfolioProjection.name, subject, (store) =>
      getBankPortfolio(store, query.caller, query.params),
    );
  }
}
