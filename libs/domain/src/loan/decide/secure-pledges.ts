import { requireRole } from '../../shared/authorization';
import type { SecurePledges } from '../loan.commands';
import { PledgeAssetsMismatchError, PledgesAlreadyRefusedError } from '../loan.errors';
import type { LoanPledgesSecured, PledgeRegistrationData } from '../loan.events';
import type { LoanState } from '../loan.state';
import { parseDate, requireDistinctList, requireId, requireText } from '../loan.validation';
import { requireLoan } from './loan-guards';

/**
 * The pledging process manager registered a pledge on every asset of the loan. A repeat (the
 * process manager re-running after a crash) changes nothing.
 */
export function securePledges(command: SecurePledges, state: LoanState): LoanPledgesSecured[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const loanId = requireId(command.data.loanId, 'loanId');
  const pledges = requireDistinctList<PledgeRegistrationData>(command.data.pledges, 'pledges', (pledge) =>
    requireId(pledge?.assetId, 'pledges[].assetId'),
  ).map((pledge): PledgeRegistrationData => ({
    assetId: pledge.assetId,
    registrationNumber: requireText(pledge.registrationNumber, 'pledges[].registrationNumber', 100),
    registeredOn: parseDate(pledge.registeredOn, 'pledges[].registeredOn'),
  }));
  const loan = requireLoan(state, loanId, actor);

  if (loan.status === 'pledges-refused') {
    throw new PledgesAlreadyRefusedError(`The pledges of loan ${loanId} were already refused`, { loanId });
  }
  if (loan.status !== 'originated') return [];

  const expected = loan.terms.pledgedAssetIds;
  const byAsset = new Map(pledges.map((pledge) => [pledge.assetId, pledge]));
  const missing = expected.filter((assetId) => !byAsset.has(assetId));
  const unknown = pledges.map((p) => p.assetId).filter((assetId) => !expected.includes(assetId));
  if (missing.length > 0 || unknown.length > 0) {
    throw new PledgeAssetsMismatchError(
      `Pledges must cover exactly the assets of loan ${loanId} (${expected.join(', ')})` +
        (missing.length > 0 ? `; missing ${missing.join(', ')}` : '') +
        (unknown.length > 0 ? `; not pledged to this loan ${unknown.join(', ')}` : ''),
      { loanId, missing, unknown },
    );
  }

  return [
    {
      type: 'LoanPledgesSecured',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        pledges: expected.map((assetId) => byAsset.get(assetId) as PledgeRegistrationData),
      },
    },
  ];
}
