import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import type { ResolveInvalidation } from '../ip-asset.commands';
import { INVALIDATION_OUTCOMES } from '../ip-asset.commands';
import { InvalidationNotPendingError, IpAssetDisposedError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { notBefore, oneOf, registered, text } from './guards';

/**
 * Closes a pending case. Allowed on an invalidated asset too, so cases left pending when another
 * case invalidated the asset can still be closed; an 'invalidated' outcome there changes nothing more.
 */
export function resolveInvalidation({ data, metadata }: ResolveInvalidation, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'admin');
  const caseNumber = text(data.caseNumber, 'caseNumber');
  const outcome = oneOf(data.outcome, INVALIDATION_OUTCOMES, 'outcome');
  const resolutionDate = parseBusinessDate(data.resolutionDate, 'resolutionDate');
  const asset = registered(state, data.ipAssetId);
  if (asset.status === 'disposed') {
    throw new IpAssetDisposedError(`IP asset ${asset.ipAssetId} was sold in recovery`, { ipAssetId: asset.ipAssetId });
  }
  const pending = asset.pendingInvalidations.find((c) => c.caseNumber === caseNumber);
  if (!pending) {
    throw new InvalidationNotPendingError(`No invalidation case ${caseNumber} is pending on ${asset.ipAssetId}`, {
      ipAssetId: asset.ipAssetId,
      caseNumber,
    });
  }
  notBefore(resolutionDate, pending.filingDate, 'resolutionDate', 'the filing date');
  return [{ type: 'InvalidationResolved', data: { ipAssetId: asset.ipAssetId, caseNumber, outcome, resolutionDate } }];
}
