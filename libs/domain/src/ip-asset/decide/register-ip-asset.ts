import { requireRole } from '../../shared/authorization';
import { parseBusinessDate, yearOf } from '../../shared/business-date';
import type { PatentKind } from '../../identifiers/patent-number';
import { validatePatentNumber, validateTrademarkNumber } from '../../identifiers/patent-number';
import type { IpAssetKind, RegisterIpAsset } from '../ip-asset.commands';
import { IP_ASSET_KINDS } from '../ip-asset.commands';
import { InvalidIpAssetInputError, IpAssetAlreadyExistsError, IpAssetKindMismatchError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { distinctIds, notBefore, oneOf, text } from './guards';

/** Which application types (type digit of the number) each asset kind may carry; PCT entries count as their kind. */
const PATENT_KINDS: Readonly<Record<Exclude<IpAssetKind, 'trademark'>, readonly PatentKind[]>> = {
  'invention-patent': ['invention', 'pct-invention'],
  'utility-model': ['utility-model', 'pct-utility-model'],
  design: ['design'],
};

export function registerIpAsset({ data, metadata }: RegisterIpAsset, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const ipAssetId = text(data.ipAssetId, 'ipAssetId');
  const kind = oneOf(data.kind, IP_ASSET_KINDS, 'kind');
  const title = text(data.title, 'title', 500);
  const ownerEnterpriseIds = distinctIds(data.ownerEnterpriseIds, 'ownerEnterpriseIds', 1);
  const grantDate = parseBusinessDate(data.grantDate, 'grantDate');
  const expiryDate = parseBusinessDate(data.expiryDate, 'expiryDate');
  notBefore(expiryDate, grantDate, 'expiryDate', 'grantDate', true);

  let number: string;
  if (kind === 'trademark') {
    number = validateTrademarkNumber(data.number);
  } else {
    const patent = validatePatentNumber(data.number);
    if (!PATENT_KINDS[kind].includes(patent.kind)) {
      throw new IpAssetKindMismatchError(
        `Number ${patent.normalised} is a ${patent.kind} application (its type digit), not a ${kind}`,
        { field: 'kind', kind, numberKind: patent.kind },
      );
    }
    if (yearOf(grantDate) < patent.year) {
      throw new InvalidIpAssetInputError(
        `grantDate ${grantDate} is before the application year ${patent.year} of ${patent.normalised}`,
        { field: 'grantDate' },
      );
    }
    number = patent.normalised;
  }

  if (state.status !== 'unregistered') {
    throw new IpAssetAlreadyExistsError(`IP asset ${ipAssetId} is already registered`, { ipAssetId });
  }
  return [
    {
      type: 'IpAssetRegistered',
      data: { ipAssetId, kind, number, title, ownerEnterpriseIds, grantDate, expiryDate },
    },
  ];
}
