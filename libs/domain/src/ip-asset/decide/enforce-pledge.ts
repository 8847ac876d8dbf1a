import { requireRole } from '../../shared/authorization';
import { parseBusinessDate } from '../../shared/business-date';
import { formatMoney, parseMoney } from '../../shared/money';
import type { EnforcePledge } from '../ip-asset.commands';
import {
  InvalidIpAssetInputError,
  IpAssetDisposedError,
  NotPledgedError,
  PledgedToAnotherLoanError,
} from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import { notBefore, registered, requirePledgeActor, text } from './guards';

/**
 * The pledgee bank sold the asset in recovery of the loan that holds the pledge. Afterwards the
 * asset is 'disposed': no longer owned by the enterprises of this ledger, nor pledgeable. The same
 * enforcement repeated (same loan, date and proceeds) yields no event, so a process manager may re-run.
 */
export function enforcePledge({ data, metadata }: EnforcePledge, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'system', 'bank');
  const loanId = text(data.loanId, 'loanId');
  const enforcementDate = parseBusinessDate(data.enforcementDate, 'enforcementDate');
  const saleProceeds = parseMoney(data.saleProceeds);
  if (saleProceeds <= 0n) {
    throw new InvalidIpAssetInputError(`saleProceeds must be greater than zero, got ${data.saleProceeds}`, {
      field: 'saleProceeds',
    });
  }
  const asset = registered(state, data.ipAssetId);

  if (asset.status === 'disposed') {
    const { disposal } = asset;
    if (
      disposal.loanId === loanId &&
      disposal.enforcementDate === enforcementDate &&
      disposal.saleProceeds === saleProceeds
    ) {
      return [];
    }
    throw new IpAssetDisposedError(
      `IP asset ${asset.ipAssetId} was already sold on ${disposal.enforcementDate} for ${formatMoney(disposal.saleProceeds)} in recovery of loan ${disposal.loanId}`,
      { ipAssetId: asset.ipAssetId },
    );
  }
  const pledge = asset.pledge;
  if (!pledge) {
    throw new NotPledgedError(`IP asset ${asset.ipAssetId} is not pledged, it cannot be enforced`, {
      ipAssetId: asset.ipAssetId,
      loanId,
    });
  }
  if (pledge.loanId !== loanId) {
    throw new PledgedToAnotherLoanError(
      `IP asset ${asset.ipAssetId} is pledged for loan ${pledge.loanId}, not for loan ${loanId}`,
      { ipAssetId: asset.ipAssetId, loanId },
    );
  }
  requirePledgeActor(metadata.actor, pledge.pledgeeBankId);
  notBefore(enforcementDate, pledge.pledgeDate, 'enforcementDate', 'the pledge date');
  return [
    {
      type: 'PledgeEnforced',
      data: {
        ipAssetId: asset.ipAssetId,
        loanId,
        pledgeeBankId: pledge.pledgeeBankId,
        pledgorEnterpriseId: pledge.pledgorEnterpriseId,
        enforcementDate,
        saleProceeds: formatMoney(saleProceeds),
      },
    },
  ];
}
