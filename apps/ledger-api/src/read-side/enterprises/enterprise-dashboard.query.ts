import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  enterpriseDashboardProjection,
  getEnterpriseDashboard,
  type EnterpriseDashboard,
  type GetEnterpriseDashboardQuery as GetEnterpriseDashboardParams,
} from '@pledge-ledger/read-models';
import { ReadQuery } from '../read-query';
import { ReadSide } from '../read-side';

/** An enterprise's loans, next instalment due and pledged assets: the enterprise itself and admin. */
export class GetEnterpriseDashboardQuery extends ReadQuery<GetEnterpriseDashboardParams, EnterpriseDashboard> {}

@QueryHandler(GetEnterpriseDashboardQuery)
export class GetEnterpriseDashboardHandler implements IQueryHandler<GetEnterpriseDashboardQuery> {
  constructor(private readonly reads: ReadSide) {}

  /** No ETag: the dashboard gathers many loans and assets, not the enterprise's own stream. */
  execute(query: GetEnterpriseDashboardQuery): Promise<EnterpriseDashboard> {
    const subject = { kind: 'enterprise', id: query.params.enterpriseId };
    return this.reads.single(query, enterpriseDashboardProjection.name, subject, (store) =>
      getEnterpriseDashboard(store, query.caller, query.params),
    );
  }
}
