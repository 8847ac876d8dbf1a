import { requireRole } from '../../shared/authorization';
import type { RefusePledges } from '../loan.commands';
import { PledgeAssetsMismatchError, PledgesAlreadySecuredError } from '../loan.errors';
import type { LoanPledgeRefused, PledgeRefusalData } from '../loan.events';
import type { LoanState } from '../loan.state';
import { requireDistinctList, requireId, requireText } from '../loan.validation';
import { requireLoan } from './loan-guards';

/**
 * The pledging process manager could not pledge one or more assets (the IpAsset said why).
 * The loan can then never be disbursed; the process manager releases the pledges it had
 * registered. A repeat changes nothing.
 */
export function refusePledges(command: RefusePledges, state: LoanState): LoanPledgeRefused[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const loanId = requireId(command.data.loanId, 'loanId');
  const refusals = requireDistinctList<PledgeRefusalData>(command.data.refusals, 'refusals', (refusal) =>
    requireId(refusal?.assetId, 'refusals[].assetId'),
  ).map((refusal): PledgeRefusalData => ({
    assetId: refusal.assetId,
    reasons: requireDistinctList<string>(refusal.reasons, 'refusals[].reasons', (reason) =>
      requireText(reason, 'refusals[].reasons[]'),
    ).slice(),
  }));
  const loan = requireLoan(state, loanId, actor);

  if (loan.status === 'pledges-refused') return [];
  if (loan.status !== 'originated') {
    throw new PledgesAlreadySecuredError(`The pledges of loan ${loanId} were already secured (${loan.status})`, {
      loanId,
      status: loan.status,
    });
  }
  const unknown = refusals.map((r) => r.assetId).filter((assetId) => !loan.terms.pledgedAssetIds.includes(assetId));
  if (unknown.length > 0) {
    throw new PledgeAssetsMismatchError(`Assets ${unknown.join(', ')} are not pledged to loan ${loanId}`, {
      loanId,
      unknown,
    });
  }

  return [{ type: 'LoanPledgeRefused', data: { loanId, bankId: loan.terms.bankId, refusals } }];
}
