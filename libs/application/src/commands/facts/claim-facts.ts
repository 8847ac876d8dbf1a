import type { Actor } from '@pledge-ledger/domain';
import { ClaimNotFoundError, claimDecider, claimStreamId } from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { loadAggregate } from '../../aggregate-stream';

/** Which fund and bank a claim is on: ApproveClaim needs them to load the fund's figures. */
export interface ClaimParties {
  readonly fundId: string;
  readonly bankId: string;
}

export async function claimParties(store: EventStore, claimId: string, actor: Actor): Promise<ClaimParties> {
  const { state } = await loadAggregate(store, claimDecider, claimStreamId(claimId));
  // Same answer the claim decider gives, before a fund is looked up for a claim that is not there.
  if (state.status === 'none' || (actor.role === 'bank' && actor.bankId !== state.bankId)) {
    throw new ClaimNotFoundError(`There is no claim "${claimId}"`, { claimId });
  }
  return { fundId: state.fundId, bankId: state.bankId };
}
