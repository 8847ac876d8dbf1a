import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import type { RecordAnnualFeePayment } from '../ip-asset.commands';
import { AnnualFeeNotLapsedError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { inForce, notBefore } from './guards';

/**
 * Records the payment that restores a lapsed right. Routine yearly payments are not legal-status
 * changes and are not recorded, so a payment while the fee is not lapsed is refused.
 */
export function recordAnnualFeePayment(
  { data, metadata }: RecordAnnualFeePayment,
  state: IpAssetState,
): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const paymentDate = parseBusinessDate(data.paymentDate, 'paymentDate');
  const asset = inForce(state, data.ipAssetId);
  const lapseDate = asset.annualFeeLapseDate;
  if (lapseDate === null) {
    throw new AnnualFeeNotLapsedError(`The annual fee of IP asset ${asset.ipAssetId} is not lapsed`, {
      ipAssetId: asset.ipAssetId,
    });
  }
  notBefore(paymentDate, lapseDate, 'paymentDate', 'the lapse date');
  return [{ type: 'AnnualFeePaid', data: { ipAssetId: asset.ipAssetId, paymentDate, lapseDate } }];
}
