import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import { formatMoney, parseMoney } from '../../shared/money';
import type { RecordValuation } from '../ip-asset.commands';
import { InvalidIpAssetInputError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { inForce, text } from './guards';

export function recordValuation({ data, metadata }: RecordValuation, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const appraiser = text(data.appraiser, 'appraiser');
  const value = parseMoney(data.value);
  if (value <= 0n) {
    throw new InvalidIpAssetInputError(`value must be greater than zero, got ${data.value}`, { field: 'value' });
  }
  const valuationDate = parseBusinessDate(data.valuationDate, 'valuationDate');
  const asset = inForce(state, data.ipAssetId);
  return [
    {
      type: 'ValuationRecorded',
      data: { ipAssetId: asset.ipAssetId, appraiser, value: formatMoney(value), valuationDate },
    },
  ];
}
