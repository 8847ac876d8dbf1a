import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { claimStreamId } from '@pledge-ledger/domain';
import {
  claimsProjection,
  getClaim,
  listClaims,
  type ClaimPage,
  type ClaimView,
  type GetClaimQuery as GetClaimParams,
  type ListClaimsQuery as ListClaimsParams,
} from '@pledge-ledger/read-models';
import { ReadQuery, type Revisioned } from '../read-query';
import { ReadSide } from '../read-side';

/** A claim with its calculation trace and approvals: a bank its own, fund managers and auditors all. */
export class GetClaimQuery extends ReadQuery<GetClaimParams, Revisioned<ClaimView>> {}

export class ListClaimsQuery extends ReadQuery<ListClaimsParams, ClaimPage> {}

@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: GetClaimQuery): Promise<Revisioned<ClaimView>> {
    const { claimId } = query.params;
    const subject = { kind: 'claim', id: claimId, streamId: claimStreamId(claimId) };
    return this.reads.one(query, claimsProjection.name, subject, (store) =>
      getClaim(store, query.caller, query.params),
    );
  }
}

@QueryHandler(ListClaimsQuery)
export class ListClaimsHandler implements IQueryHandler<ListClaimsQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: ListClaimsQuery): Promise<ClaimPage> {
    return this.reads.many(query, [claimsProjection.name], (store) => listClaims(store, query.caller, query.params));
  }
}
