import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { riskFundStreamId } from '@pledge-ledger/domain';
import {
  fundDashboardProjection,
  getFundDashboard,
  type FundDashboard,
  type GetFundDashboardQuery as GetFundDashboardParams,
} from '@pledge-ledger/read-models';
import { ReadQuery, type Revisioned } from '../read-query';
import { ReadSide } from '../read-side';

/** The fund's position, per-bank exposure and claim queue: fund managers and auditors. */
export class GetFundDashboardQuery extends ReadQuery<GetFundDashboardParams, Revisioned<FundDashboard>> {}

@QueryHandler(GetFundDashboardQuery)
export class GetFundDashboardHandler implements IQueryHandler<GetFundDashboardQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: GetFundDashboardQuery): Promise<Revisioned<FundDashboard>> {
    const { fundId } = query.params;
    const subject = { kind: 'fund', id: fundId, streamId: riskFundStreamId(fundId) };
    return this.reads.one(query, fundDashboardProjection.name, subject, (store) =>
      getFundDashboard(store, query.caller, query.params),
    );
  }
}
