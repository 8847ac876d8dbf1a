import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ipAssetStreamId } from '@pledge-ledger/domain';
import {
  getIpAsset,
  ipRegisterProjection,
  listIpAssets,
  type GetIpAssetQuery as GetIpAssetParams,
  type IpAssetPage,
  type IpAssetView,
  type ListIpAssetsQuery as ListIpAssetsParams,
} from '@pledge-ledger/read-models';
import { ReadQuery, type Revisioned } from '../read-query';
import { ReadSide } from '../read-side';

/** The IP register with each asset's legal and pledge status: admin, banks (to check a patent is free), auditors. */
export class ListIpAssetsQuery extends ReadQuery<ListIpAssetsParams, IpAssetPage> {}

export class GetIpAssetQuery extends ReadQuery<GetIpAssetParams, Revisioned<IpAssetView>> {}

@QueryHandler(ListIpAssetsQuery)
export class ListIpAssetsHandler implements IQueryHandler<ListIpAssetsQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: ListIpAssetsQuery): Promise<IpAssetPage> {
    return this.reads.many(query, [ipRegisterProjection.name], (store) =>
      listIpAssets(store, query.caller, query.params),
    );
  }
}

@QueryHandler(GetIpAssetQuery)
export class GetIpAssetHandler implements IQueryHandler<GetIpAssetQuery> {
  constructor(private readonly reads: ReadSide) {}

  execute(query: GetIpAssetQuery): Promise<Revisioned<IpAssetView>> {
    const { ipAssetId } = query.params;
    const subject = { kind: 'ip-asset', id: ipAssetId, streamId: ipAssetStreamId(ipAssetId) };
    return this.reads.one(query, ipRegisterProjection.name, subject, (store) =>
      getIpAsset(store, query.caller, query.params),
    );
  }
}
