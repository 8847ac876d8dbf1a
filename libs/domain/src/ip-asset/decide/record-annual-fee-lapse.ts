import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import type { RecordAnnualFeeLapse } from '../ip-asset.commands';
import { AnnualFeeAlreadyLapsedError, NoAnnualFeeError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { inForce, notBefore } from './guards';

export function recordAnnualFeeLapse({ data, metadata }: RecordAnnualFeeLapse, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const lapseDate = parseBusinessDate(data.lapseDate, 'lapseDate');
  const asset = inForce(state, data.ipAssetId);
  notBefore(lapseDate, asset.grantDate, 'lapseDate', 'grantDate');
  // Trademarks pay no annual fee: a registration not renewed simply reaches its expiry date.
  if (asset.kind === 'trademark') {
    throw new NoAnnualFeeError(`IP asset ${asset.ipAssetId} is a trademark: trademarks have no annual fee`, {
      ipAssetId: asset.ipAssetId,
    });
  }
  if (asset.annualFeeLapseDate !== null) {
    throw new AnnualFeeAlreadyLapsedError(
      `The annual fee of IP asset ${asset.ipAssetId} already lapsed on ${asset.annualFeeLapseDate}`,
      { ipAssetId: asset.ipAssetId },
    );
  }
  return [{ type: 'AnnualFeeLapsed', data: { ipAssetId: asset.ipAssetId, lapseDate } }];
}
