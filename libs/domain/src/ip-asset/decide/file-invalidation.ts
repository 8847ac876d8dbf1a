import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import type { FileInvalidation } from '../ip-asset.commands';
import { InvalidationAlreadyFiledError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { inForce, notBefore, text } from './guards';

export function fileInvalidation({ data, metadata }: FileInvalidation, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const caseNumber = text(data.caseNumber, 'caseNumber');
  const filingDate = parseBusinessDate(data.filingDate, 'filingDate');
  const asset = inForce(state, data.ipAssetId);
  notBefore(filingDate, asset.grantDate, 'filingDate', 'grantDate');
  if (asset.pendingInvalidations.some((c) => c.caseNumber === caseNumber)) {
    throw new InvalidationAlreadyFiledError(
      `Invalidation case ${caseNumber} is already pending on ${asset.ipAssetId}`,
      {
        ipAssetId: asset.ipAssetId,
        caseNumber,
      },
    );
  }
  return [{ type: 'InvalidationFiled', data: { ipAssetId: asset.ipAssetId, caseNumber, filingDate } }];
}
