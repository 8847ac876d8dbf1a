import type { Decider, DomainEvent } from '@pledge-ledger/domain';
import {
  bankDecider,
  bankStreamId,
  claimDecider,
  claimStreamId,
  enterpriseDecider,
  enterpriseStreamId,
  ipAssetDecider,
  ipAssetStreamId,
  loanDecider,
  loanStreamId,
  riskFundDecider,
  riskFundStreamId,
} from '@pledge-ledger/domain';

/** What `replay --aggregate` accepts: the aggregate's decider (for evolve) and its stream's name. */
export interface ReplayableAggregate {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: Decider<any, DomainEvent, unknown>;
  readonly streamId: (id: string) => string;
}

export const AGGREGATES = {
  loan: { decider: loanDecider, streamId: loanStreamId },
  claim: { decider: claimDecider, streamId: claimStreamId },
  fund: { decider: riskFundDecider, streamId: riskFundStreamId },
  'ip-asset': { decider: ipAssetDecider, streamId: ipAssetStreamId },
  enterprise: { decider: enterpriseDecider, streamId: enterpriseStreamId },
  bank: { decider: bankDecider, streamId: bankStreamId },
} as unknown as Record<AggregateName, ReplayableAggregate>;

export type AggregateName = 'loan' | 'claim' | 'fund' | 'ip-asset' | 'enterprise' | 'bank';
export const AGGREGATE_NAMES = Object.keys(AGGREGATES) as AggregateName[];
