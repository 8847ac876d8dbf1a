import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import type { ReleasePledge } from '../ip-asset.commands';
import { PLEDGE_RELEASE_REASONS } from '../ip-asset.commands';
import { IpAssetDisposedError, NotPledgedError, PledgedToAnotherLoanError } from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { notBefore, oneOf, registered, requirePledgeActor, text } from './guards';

/**
 * Releases the pledge held for `loanId`. Releasing it again yields no event (the process manager's
 * compensation may re-run); a release for any other loan is refused. An invalidated asset's pledge
 * can still be released.
 */
export function releasePledge({ data, metadata }: ReleasePledge, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'system', 'bank');
  const loanId = text(data.loanId, 'loanId');
  const releaseDate = parseBusinessDate(data.releaseDate, 'releaseDate');
  const reason = oneOf(data.reason, PLEDGE_RELEASE_REASONS, 'reason');
  const asset = registered(state, data.ipAssetId);

  const released = asset.releasedPledges.find((p) => p.loanId === loanId);
  if (released) {
    requirePledgeActor(metadata.actor, released.pledgeeBankId);
    return [];
  }
  if (asset.status === 'disposed') {
    throw new IpAssetDisposedError(
      `IP asset ${asset.ipAssetId} was sold in recovery of loan ${asset.disposal.loanId}; there is no pledge to release`,
      { ipAssetId: asset.ipAssetId },
    );
  }
  const pledge = asset.pledge;
  if (!pledge) {
    throw new NotPledgedError(`IP asset ${asset.ipAssetId} is not pledged`, { ipAssetId: asset.ipAssetId, loanId });
  }
  if (pledge.loanId !== loanId) {
    throw new PledgedToAnotherLoanError(
      `IP asset ${asset.ipAssetId} is pledged for loan ${pledge.loanId}, not for loan ${loanId}`,
      { ipAssetId: asset.ipAssetId, loanId },
    );
  }
  requirePledgeActor(metadata.actor, pledge.pledgeeBankId);
  notBefore(releaseDate, pledge.pledgeDate, 'releaseDate', 'the pledge date');
  return [
    {
      type: 'PledgeReleased',
      data: { ipAssetId: asset.ipAssetId, loanId, pledgeeBankId: pledge.pledgeeBankId, releaseDate, reason },
    },
  ];
}
