import type { Actor } from '../../shared/decider';
import { ClaimNotFoundError } from '../claim.errors';
import type { ClaimState } from '../claim.state';

export type ExistingClaim = Exclude<ClaimState, { status: 'none' }>;

/** Commands on a claim need it; a bank never sees another bank's claim (404, not 403). */
export function requireClaim(state: ClaimState, claimId: string, actor: Actor): ExistingClaim {
  if (
    state.status === 'none' ||
    state.claimId !== claimId ||
    (actor.role === 'bank' && actor.bankId !== state.bankId)
  ) {
    throw new ClaimNotFoundError(`There is no claim "${claimId}"`, { claimId });
  }
  return state;
}
